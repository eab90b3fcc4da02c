package io.homelab.observer.tracking.scorers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.tracking.error.MlflowException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * MLflow's checks of a serialized scorer before it is stored (handlers.py {@code
 * _validate_serialized_scorer_payload}, scorer_utils.py, validation.py {@code
 * _validate_third_party_scorer_data}), with its messages. The server never runs a scorer, but
 * clients and MLflow servers sharing the data do, so what MLflow refuses is refused here too:
 * decorator scorers (their {@code call_source} is executed when deserialized) and third-party
 * scorer options that choose where the judge's requests go. Pure functions.
 */
final class ScorerPayload {

  private ScorerPayload() {}

  /** MLflow's DECORATOR_SCORER_REGISTRATION_NOT_SUPPORTED_ERROR. */
  static final String DECORATOR_NOT_SUPPORTED =
      "Custom scorer registration (using @scorer decorator) is disabled by default "
          + "outside of Databricks tracking environments due to security concerns. "
          + "Custom scorers require arbitrary code execution during deserialization.\n\n"
          + "To use custom scorers:\n"
          + "1. Configure MLflow to use a Databricks tracking URI, or\n"
          + "2. Manage your custom scorer code in a source code repository "
          + "(e.g., GitHub) and import it directly, or\n"
          + "3. On a self-managed MLflow server (or local environment) that you trust to run the "
          + "scorer's code, set the MLFLOW_SERVER_ENABLE_CUSTOM_SCORERS environment variable to"
          + " true, or\n"
          + "4. Use built-in scorers or make_judge() scorers instead.";

  /** MLflow's GATEWAY_DESTINATION_KEYS. */
  static final Set<String> DESTINATION_KEYS =
      Set.of("api_base", "base_url", "model_list", "fallbacks", "custom_llm_provider");

  private static final String GATEWAY_PREFIX = "gateway:/";

  /** Parses and checks a serialized scorer; the object it holds. */
  static ObjectNode check(ObjectMapper json, String serialized) {
    JsonNode data;
    try {
      data = json.readTree(serialized);
    } catch (JsonProcessingException e) {
      throw MlflowException.invalid("serialized_scorer must be valid JSON");
    }
    if (data == null || data.isMissingNode()) {
      throw MlflowException.invalid("serialized_scorer must be valid JSON");
    }
    if (hasCallSource(data)) {
      throw MlflowException.invalid(DECORATOR_NOT_SUPPORTED);
    }
    thirdPartyKwargs(data);
    // MLflow's store reads it as a dict (a list or number there is a 500 in MLflow).
    if (!(data instanceof ObjectNode obj)) {
      throw MlflowException.invalid("serialized_scorer must be a JSON object");
    }
    model(obj).ifPresent(ScorerPayload::checkModel);
    return obj;
  }

  /**
   * The judge model a scorer names (MLflow's {@code extract_model_from_serialized_scorer}): the
   * JSON value, so a non-string is reported as MLflow does.
   */
  static Optional<JsonNode> model(JsonNode data) {
    for (String key :
        new String[] {"instructions_judge_pydantic_data", "builtin_scorer_pydantic_data"}) {
      if (truthy(data.get(key))) {
        return nonNull(data.get(key).get("model"));
      }
    }
    JsonNode memory = data.get("memory_augmented_judge_data");
    if (truthy(memory)) {
      JsonNode base = memory.get("base_judge");
      return base == null ? Optional.empty() : model(base);
    }
    JsonNode thirdParty = data.get("third_party_scorer_data");
    if (truthy(thirdParty)) {
      return nonNull(thirdParty.get("model"));
    }
    return Optional.empty();
  }

  /** Whether the scorer's judge is a gateway endpoint ({@code gateway:/<endpoint>}). */
  static boolean usesGatewayModel(JsonNode data) {
    return model(data)
        .filter(JsonNode::isTextual)
        .map(
            m ->
                m.asText().startsWith(GATEWAY_PREFIX)
                    && m.asText().length() > GATEWAY_PREFIX.length())
        .orElse(false);
  }

  private static void checkModel(JsonNode model) {
    if (!model.isTextual()) {
      throw MlflowException.invalid(
          "Scorer model must be a string, got " + pythonType(model) + ".");
    }
    if (model.asText().isBlank()) {
      throw MlflowException.invalid("Scorer model cannot be empty or contain only whitespace.");
    }
  }

  private static boolean hasCallSource(JsonNode node) {
    if (node.isObject()) {
      JsonNode source = node.get("call_source");
      if (source != null && !source.isNull()) {
        return true;
      }
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        if (hasCallSource(child)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every {@code third_party_scorer_data} at any depth: kwargs a mapping without destinations. */
  private static void thirdPartyKwargs(JsonNode node) {
    if (node.isObject() && node.get("third_party_scorer_data") instanceof ObjectNode data) {
      JsonNode kwargs = data.get("kwargs");
      if (kwargs != null && !kwargs.isNull() && !kwargs.isObject()) {
        throw MlflowException.invalid(
            "third_party_scorer_data.kwargs must be a JSON object, got "
                + pythonType(kwargs)
                + ".");
      }
      Set<String> found = new TreeSet<>();
      destinationKeys(kwargs, found);
      if (!found.isEmpty()) {
        throw MlflowException.invalid(
            "third_party_scorer_data.kwargs must not contain "
                + String.join(", ", found.stream().map(k -> "'" + k + "'").toList())
                + ": these options choose where the scorer's LLM client sends requests. Configure"
                + " the judge endpoint on the server instead, for example through a gateway"
                + " endpoint ('gateway:/<name>') or the provider's environment variables.");
      }
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        thirdPartyKwargs(child);
      }
    }
  }

  private static void destinationKeys(JsonNode value, Set<String> found) {
    if (value == null) {
      return;
    }
    if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (DESTINATION_KEYS.contains(e.getKey())) {
          found.add(e.getKey());
        }
        destinationKeys(e.getValue(), found);
      }
    } else if (value.isArray()) {
      for (JsonNode nested : value) {
        // dict() also takes a list of two-item pairs, which is how nested option maps arrive.
        if (nested.isArray()
            && nested.size() == 2
            && nested.get(0).isTextual()
            && DESTINATION_KEYS.contains(nested.get(0).asText())) {
          found.add(nested.get(0).asText());
        }
        destinationKeys(nested, found);
      }
    }
  }

  /** Python truthiness of a JSON value, as MLflow's {@code if data := ...} reads it. */
  private static boolean truthy(JsonNode n) {
    if (n == null || n.isNull()) {
      return false;
    }
    if (n.isContainerNode()) {
      return n.size() > 0;
    }
    if (n.isTextual()) {
      return !n.asText().isEmpty();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    return n.isNumber() && n.asDouble() != 0;
  }

  private static Optional<JsonNode> nonNull(JsonNode n) {
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  private static String pythonType(JsonNode value) {
    if (value.isBoolean()) {
      return "bool";
    }
    if (value.isIntegralNumber()) {
      return "int";
    }
    if (value.isNumber()) {
      return "float";
    }
    if (value.isTextual()) {
      return "str";
    }
    return value.isArray() ? "list" : "dict";
  }
}
