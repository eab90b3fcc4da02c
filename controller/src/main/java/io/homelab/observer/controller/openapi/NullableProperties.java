package io.homelab.observer.controller.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Schema fixes for what Jackson really writes: the controller serialises absent values as {@code
 * null} (records, no {@code NON_NULL}), which SmallRye's schemas do not allow.
 */
final class NullableProperties {

  private NullableProperties() {}

  /** {@code {"error","message"}} of every error answer (SPEC.md). */
  static Schema errorBodySchema() {
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description("Every error answer: an UPPER_SNAKE code and a message for people")
        .addProperty("error", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
        .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
        .required(List.of("error", "message"));
  }

  /**
   * Prometheus' error answer on {@code /api/v1}: {@code {"status":"error","errorType","error"}}.
   */
  static Schema prometheusErrorSchema() {
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
        .addProperty("errorType", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
        .addProperty("error", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
        .required(List.of("status", "errorType", "error"));
  }

  /** Every property of every component schema may be {@code null}. */
  static void apply(Map<String, Schema> schemas) {
    if (schemas == null) {
      return;
    }
    for (Schema schema : schemas.values()) {
      Map<String, Schema> properties = schema.getProperties();
      if (properties == null) {
        continue;
      }
      for (Map.Entry<String, Schema> property : List.copyOf(properties.entrySet())) {
        Schema nullable = nullable(property.getValue());
        if (nullable != property.getValue()) {
          schema.addProperty(property.getKey(), nullable);
        }
      }
    }
  }

  private static Schema nullable(Schema property) {
    if (property.getRef() != null) {
      return OASFactory.createSchema()
          .addAnyOf(property)
          .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
    }
    List<Schema.SchemaType> types = property.getType();
    if (types != null && !types.isEmpty() && !types.contains(Schema.SchemaType.NULL)) {
      property.addType(Schema.SchemaType.NULL);
    }
    return property;
  }
}
