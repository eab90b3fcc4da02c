package io.homelab.observer.dashboard.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateExtension;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets templates read upstream JSON directly ({@code {host.cpuPercent}}, {@code {#for r in
 * runs.runs}}): the controller's and tracking server's shapes are SPEC.md's, and a field an older
 * upstream lacks renders as empty instead of failing the page. Resolved by generated code, so it
 * stays native-compilable.
 */
public final class JsonExtensions {

  private JsonExtensions() {}

  /**
   * Any property of a JSON object: its value unwrapped to String, Number, Boolean, List or node.
   */
  @TemplateExtension(matchName = TemplateExtension.ANY, priority = 1)
  static Object get(JsonNode node, String name) {
    if (node.isArray() && "size".equals(name)) {
      return node.size();
    }
    return unwrap(node.get(name));
  }

  /** Java value of a JSON node, so Qute's truthiness, loops and formatting work on it. */
  public static Object unwrap(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isNumber()) {
      return v.numberValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isArray()) {
      List<Object> out = new ArrayList<>(v.size());
      v.forEach(e -> out.add(e.isContainerNode() ? (e.isArray() ? unwrap(e) : e) : unwrap(e)));
      return out;
    }
    return v;
  }
}
