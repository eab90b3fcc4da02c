package io.homelab.observer.tracking.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text as Python's {@code json.dumps(value, ensure_ascii=False)} writes it ({@code ", "} and
 * {@code ": "} separators, floats as Python's repr), which is how MLflow encodes span attribute
 * values: a span stored here reads back byte for byte as the client wrote it ({@code
 * get-trace-artifact} compares span dictionaries).
 */
final class PythonJson {

  private PythonJson() {}

  static String dumps(JsonNode v) {
    StringBuilder b = new StringBuilder();
    write(b, v);
    return b.toString();
  }

  private static void write(StringBuilder b, JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      b.append("null");
    } else if (v.isObject()) {
      b.append('{');
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!first) {
          b.append(", ");
        }
        first = false;
        b.append(new com.fasterxml.jackson.databind.node.TextNode(e.getKey()).toString());
        b.append(": ");
        write(b, e.getValue());
      }
      b.append('}');
    } else if (v.isArray()) {
      b.append('[');
      for (int i = 0; i < v.size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        write(b, v.get(i));
      }
      b.append(']');
    } else if (v.isFloatingPointNumber()) {
      b.append(pythonFloat(v.doubleValue()));
    } else {
      // Strings (escaped as JSON, non-ASCII kept), integers, booleans.
      b.append(v.toString());
    }
  }

  /** Python's float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
  static String pythonFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = shortest.precision() - shortest.scale() - 1;
    if (exponent >= -4 && exponent < 16) {
      String plain = shortest.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String digits = shortest.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String sign = d < 0 ? "-" : "";
    String expSign = exponent < 0 ? "-" : "+";
    int abs = Math.abs(exponent);
    return sign + mantissa + "e" + expSign + (abs < 10 ? "0" + abs : Integer.toString(abs));
  }
}
