package io.homelab.observer.tracking.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.tracking.error.MlflowException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the {@link CanonicalRequest} of an MLflow request. One source per request, as MLflow's
 * {@code _get_request_message}: the query string for GET (and for a DELETE without a body, which
 * the handlers have always accepted), the JSON body for every other method, never a mix, so a field
 * cannot be read from the body by one reader and from the query string by another.
 *
 * <p>Then, once: {@code run_uuid} folds into {@code run_id} (an empty string is missing; two
 * different non-empty values are refused); experiment ids must be canonical decimal strings in
 * every field and list that carries them; registry names and versions must be canonical too; and
 * the fields a permission is looked up by must be single values. A JSON object with a duplicated
 * key is refused rather than resolved by whichever parser happens to read it.
 */
@Singleton
public class RequestCanonicaliser {

  /** Fields a permission decision reads as one value: a list there is refused. */
  private static final Set<String> SINGLE_VALUED =
      Set.of(
          "run_id",
          "run_uuid",
          "experiment_id",
          "experiment_name",
          "model_id",
          "username",
          "name",
          "new_name",
          "version",
          "source");

  /** The decimal form our ids are stored and compared in: no sign, zero padding or blanks. */
  private static final Pattern EXPERIMENT_ID = Pattern.compile("0|[1-9][0-9]{0,17}");

  private static final Pattern VERSION = Pattern.compile("0|[1-9][0-9]{0,8}");

  private final ObjectMapper mapper;

  public RequestCanonicaliser(ObjectMapper shared) {
    this.mapper = shared.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /**
   * The canonical request; throws {@link MlflowException} (400 INVALID_PARAMETER_VALUE) for a body
   * that is not a JSON object or a field that is not canonical.
   *
   * @param operation the MLflow operation ({@code runs/get}, {@code model-versions/get-artifact},
   *     ...): registry operations get the registry name and version rules
   */
  public CanonicalRequest read(
      String method, String operation, Map<String, List<String>> query, String body) {
    boolean fromQuery =
        method.equals("GET")
            || method.equals("HEAD")
            || (method.equals("DELETE") && (body == null || body.isBlank()) && !query.isEmpty())
            // MLflow's UI upload: the body is the file, the run and path are in the query string.
            || operation.equals("upload-artifact");
    ObjectNode fields =
        fromQuery ? RequestFields.fromQuery(mapper, query) : RequestFields.fromBody(mapper, body);
    for (String name : SINGLE_VALUED) {
      JsonNode value = fields.get(name);
      if (value != null && !value.isValueNode()) {
        throw MlflowException.invalid(
            "Invalid value for parameter '" + name + "': expected a single value.");
      }
    }
    resolveRunAlias(fields);
    canonicalExperimentId(fields);
    canonicalExperimentIds(fields);
    if (operation.startsWith("registered-models") || operation.startsWith("model-versions")) {
      canonicalModelName(fields, "name");
      canonicalModelName(fields, "new_name");
      canonicalVersion(fields);
    }
    return new CanonicalRequest(fields, fromQuery);
  }

  /** {@code run_uuid} is MLflow's old name of {@code run_id}; after this only run_id exists. */
  private static void resolveRunAlias(ObjectNode fields) {
    for (String name : new String[] {"run_id", "run_uuid"}) {
      JsonNode value = fields.get(name);
      if (value != null && !value.isNull() && !value.isTextual()) {
        // MLflow's type check: a number is not a run id (and must not become one by asText).
        throw InvalidValue.of(name, value);
      }
    }
    String runId = text(fields.remove("run_id"));
    String runUuid = text(fields.remove("run_uuid"));
    if (!runId.isEmpty() && !runUuid.isEmpty() && !runId.equals(runUuid)) {
      throw MlflowException.invalid(
          "run_id '" + runId + "' and run_uuid '" + runUuid + "' name different runs.");
    }
    String run = runId.isEmpty() ? runUuid : runId;
    if (!run.isEmpty()) {
      fields.put("run_id", run);
    }
  }

  private static void canonicalExperimentId(ObjectNode fields) {
    JsonNode node = fields.get("experiment_id");
    if (node == null) {
      return;
    }
    String id = text(node);
    if (id.isEmpty()) {
      // Empty = missing, for the permission check and the handler alike.
      fields.remove("experiment_id");
      return;
    }
    fields.put("experiment_id", experimentId(node));
  }

  private static void canonicalExperimentIds(ObjectNode fields) {
    JsonNode node = fields.get("experiment_ids");
    if (node == null || node.isNull()) {
      return;
    }
    ArrayNode ids = fields.arrayNode();
    if (node.isArray()) {
      for (JsonNode n : node) {
        ids.add(experimentId(n));
      }
    } else {
      ids.add(experimentId(node));
    }
    fields.set("experiment_ids", ids);
  }

  /** The canonical text of one experiment id (a JSON string or integer), else 400. */
  private static String experimentId(JsonNode node) {
    String id = node.isIntegralNumber() || node.isTextual() ? node.asText() : node.toString();
    if (!EXPERIMENT_ID.matcher(id).matches()) {
      throw MlflowException.invalid(
          "Invalid experiment ID '"
              + id
              + "'. Experiment ID must be an integer in canonical decimal form"
              + " (no sign, leading zeros, blanks or decimals).");
    }
    return id;
  }

  private static void canonicalModelName(ObjectNode fields, String field) {
    JsonNode node = fields.get(field);
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isTextual()) {
      throw MlflowException.invalid("Invalid registered model name: '" + node + "'.");
    }
    String name = node.textValue();
    if (!name.equals(name.strip()) || name.chars().anyMatch(Character::isISOControl)) {
      throw MlflowException.invalid(
          "Invalid registered model name: '"
              + name
              + "'. Names may not start or end with blanks nor contain control characters.");
    }
  }

  private static void canonicalVersion(ObjectNode fields) {
    JsonNode node = fields.get("version");
    if (node == null || node.isNull()) {
      return;
    }
    String version = node.isIntegralNumber() || node.isTextual() ? node.asText() : node.toString();
    if (version.isEmpty()) {
      fields.remove("version");
      return;
    }
    if (!VERSION.matcher(version).matches()) {
      throw MlflowException.invalid(
          "Model version must be an integer in canonical decimal form, got '" + version + "'");
    }
    fields.put("version", version);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? "" : node.asText();
  }
}
