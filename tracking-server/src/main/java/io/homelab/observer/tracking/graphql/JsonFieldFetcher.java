package io.homelab.observer.tracking.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.language.EnumTypeDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a GraphQL field from the REST API's JSON of the parent ({@code runId} from {@code run_id}),
 * so every type is answered from the very objects the REST routes write. A field the JSON leaves
 * out answers what MLflow's resolvers answer there: they read protobuf messages, whose unset
 * scalars are their defaults ({@code ""}, {@code 0}, {@code "0"}, {@code false}) and unset lists
 * empty. A float that is not finite (NaN is stored as such) answers null, as MLflow's metric
 * resolver does, since GraphQL's Float cannot carry it.
 */
final class JsonFieldFetcher implements DataFetcher<Object> {

  enum Kind {
    STRING,
    LONG_STRING,
    INT,
    FLOAT,
    BOOLEAN,
    ENUM,
    OBJECT,
    LIST
  }

  private final String jsonName;
  private final Kind kind;

  JsonFieldFetcher(String fieldName, Kind kind) {
    this.jsonName = snakeCase(fieldName);
    this.kind = kind;
  }

  /** The kind of a field's declared type; lists are lists whatever they hold. */
  static Kind kindOf(Type<?> type, TypeDefinitionRegistry registry) {
    if (type instanceof NonNullType nonNull) {
      return kindOf(nonNull.getType(), registry);
    }
    if (type instanceof ListType) {
      return Kind.LIST;
    }
    String name = ((TypeName) type).getName();
    return switch (name) {
      case "String", "ID" -> Kind.STRING;
      case "LongString" -> Kind.LONG_STRING;
      case "Int" -> Kind.INT;
      case "Float" -> Kind.FLOAT;
      case "Boolean" -> Kind.BOOLEAN;
      default ->
          registry.getType(name).orElse(null) instanceof EnumTypeDefinition
              ? Kind.ENUM
              : Kind.OBJECT;
    };
  }

  static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public Object get(DataFetchingEnvironment env) {
    Object source = env.getSource();
    JsonNode node = source instanceof JsonNode parent ? parent.get(jsonName) : null;
    if (node == null || node.isNull()) {
      return unset();
    }
    return switch (kind) {
      case LIST -> elements(node);
      case OBJECT -> node.isObject() ? node : null;
      case STRING, ENUM, LONG_STRING -> node.isContainerNode() ? null : node.asText();
      case INT -> node.asInt();
      case BOOLEAN -> node.asBoolean();
      case FLOAT -> node.isNumber() && Double.isFinite(node.asDouble()) ? node.asDouble() : null;
    };
  }

  private Object unset() {
    return switch (kind) {
      case STRING -> "";
      case LONG_STRING -> "0";
      case INT -> 0;
      case FLOAT -> 0.0;
      case BOOLEAN -> false;
      case LIST -> List.of();
      case ENUM, OBJECT -> null;
    };
  }

  /** A list's items: objects stay JSON for their own fields, scalars become text. */
  private static List<Object> elements(JsonNode node) {
    List<Object> out = new ArrayList<>();
    if (!node.isArray()) {
      return out;
    }
    for (JsonNode item : node) {
      out.add(item.isContainerNode() ? item : item.isNull() ? null : item.asText());
    }
    return out;
  }
}
