package io.homelab.observer.tracking.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import java.util.Locale;

/**
 * MLflow's {@code LongString} scalar: 64-bit integers (timestamps, steps, sizes) travel as strings,
 * because JavaScript numbers lose precision above 2^53.
 */
final class LongStringScalar {

  private LongStringScalar() {}

  static final GraphQLScalarType TYPE =
      GraphQLScalarType.newScalar()
          .name("LongString")
          .description(
              "Long converted to string to prevent truncation to max integer in JavaScript")
          .coercing(new LongCoercing())
          .build();

  private static final class LongCoercing implements Coercing<Object, String> {

    @Override
    public String serialize(Object value, GraphQLContext context, Locale locale) {
      if (value instanceof JsonNode node) {
        return node.asText();
      }
      return String.valueOf(value);
    }

    @Override
    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
      try {
        return Long.parseLong(String.valueOf(input).trim());
      } catch (NumberFormatException e) {
        throw new CoercingParseValueException("Not a 64-bit integer: " + input);
      }
    }

    @Override
    public Object parseLiteral(
        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
      if (input instanceof IntValue i) {
        return i.getValue().longValueExact();
      }
      if (input instanceof StringValue s) {
        return parseValue(s.getValue(), context, locale);
      }
      throw new CoercingParseLiteralException("Expected an integer");
    }
  }
}
