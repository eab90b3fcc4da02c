package io.homelab.observer.controller.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** String maps and matcher lists stored as JSON text columns. */
final class JsonMaps {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonMaps() {}

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value, e);
    }
  }

  static Map<String, String> readMap(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is damaged: " + e.getOriginalMessage(), e);
    }
  }

  static List<Matcher> readMatchers(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<Matcher>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is damaged: " + e.getOriginalMessage(), e);
    }
  }
}
