package io.homelab.observer.tracking.loggedmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code mlflow.modelVersions} tag MLflow keeps on a logged model: the registry versions made
 * from it, as Python's {@code json.dumps} writes the list ({@code [{"name": "m", "version": 1}]},
 * ASCII only), since clients read and compare the text.
 */
final class ModelVersionsTag {

  static final String KEY = "mlflow.modelVersions";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private ModelVersionsTag() {}

  /** One registry version. */
  record Entry(String name, long version) {}

  /**
   * The tag's new text with this version appended (unchanged when already listed); empty when the
   * existing text is not such a list, which is then left as it is rather than overwritten.
   */
  static Optional<String> with(String existing, Entry added) {
    List<Entry> entries = new ArrayList<>();
    if (existing != null && !existing.isEmpty()) {
      try {
        JsonNode list = JSON.readTree(existing);
        if (!list.isArray()) {
          return Optional.empty();
        }
        for (JsonNode e : list) {
          if (!e.path("name").isTextual() || !e.path("version").canConvertToLong()) {
            return Optional.empty();
          }
          entries.add(new Entry(e.get("name").textValue(), e.get("version").asLong()));
        }
      } catch (JsonProcessingException e) {
        return Optional.empty();
      }
    }
    if (!entries.contains(added)) {
      entries.add(added);
    }
    StringBuilder out = new StringBuilder("[");
    for (Entry e : entries) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append("{\"name\": ").append(quote(e.name())).append(", \"version\": ");
      out.append(e.version()).append('}');
    }
    return Optional.of(out.append(']').toString());
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
