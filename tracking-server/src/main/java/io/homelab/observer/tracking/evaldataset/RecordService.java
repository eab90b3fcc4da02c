package io.homelab.observer.tracking.evaldataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.store.Database;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Records of an evaluation dataset, as MLflow's SQL store keeps them: upsert deduplicated by the
 * inputs (a record with the same inputs is merged: outputs replaced, expectations and tags merged),
 * pages in (created_time, record id) order with a cursor token, delete by id; every upsert renews
 * the dataset's schema, profile ({@code num_records}) and digest.
 */
@Singleton
public class RecordService {

  private static final int DEFAULT_PAGE = 1000;
  private static final Set<String> SOURCE_TYPES =
      Set.of("UNSPECIFIED", "TRACE", "HUMAN", "DOCUMENT", "CODE");

  /** Counts of an upsert. */
  public record Counts(int inserted, int updated) {}

  /** One page of records as MLflow's DatasetRecord.to_dict() list, and the next cursor. */
  public record RecordPage(ArrayNode records, String nextPageToken) {}

  private final Database db;
  private final EvaluationDatasetStore datasets;
  private final EvaluationDatasetService service;
  private final RecordStore store;
  private final ObjectMapper json;

  public RecordService(
      Database db,
      EvaluationDatasetStore datasets,
      EvaluationDatasetService service,
      RecordStore store,
      ObjectMapper json) {
    this.db = db;
    this.datasets = datasets;
    this.service = service;
    this.store = store;
    this.json = json;
  }

  public Counts upsert(String datasetId, String recordsJson) {
    if (recordsJson == null) {
      throw MlflowException.missing("records");
    }
    List<ObjectNode> incoming = new ArrayList<>();
    for (JsonNode r : JsonText.array(json, recordsJson, "records")) {
      incoming.add(validated(r));
    }
    return db.write(
        c -> {
          DatasetRow ds =
              service.requireForUpdate(
                  c, datasetId, "Could not find evaluation dataset with ID " + datasetId);
          long now = System.currentTimeMillis();
          int inserted = 0;
          int updated = 0;
          String updatedBy = null;
          for (ObjectNode r : incoming) {
            JsonNode inputs = r.has("inputs") ? r.get("inputs") : json.createObjectNode();
            String hash = JsonText.canonicalHash(json, inputs);
            String user = user(r.get("tags"));
            if (user != null) {
              updatedBy = user;
            }
            var existing = store.findByInputs(c, datasetId, hash);
            if (existing.isPresent()) {
              store.update(c, merged(existing.get(), r, now, user));
              updated++;
            } else {
              store.insert(c, created(datasetId, hash, inputs, r, now, user));
              inserted++;
            }
          }
          int count = store.count(c, datasetId);
          datasets.update(
              c,
              new DatasetRow(
                  ds.datasetId(),
                  ds.name(),
                  EvaluationDatasetService.digest(ds.name(), now),
                  RecordSchema.merge(json, ds.schema(), incoming),
                  count == 0 ? ds.profile() : "{\"num_records\": " + count + "}",
                  ds.createdTime(),
                  now,
                  ds.createdBy(),
                  updatedBy));
          return new Counts(inserted, updated);
        });
  }

  /**
   * A page of records. An unknown dataset has no records (MLflow answers an empty list too). {@code
   * maxResults} 0 or absent: MLflow's page of 1000.
   */
  public RecordPage page(String datasetId, Long maxResults, String pageToken) {
    if (maxResults != null && maxResults < 0) {
      throw MlflowException.invalid(
          "Invalid value " + maxResults + " for parameter 'max_results' supplied.");
    }
    int limit =
        maxResults == null || maxResults == 0 ? DEFAULT_PAGE : (int) Math.min(maxResults, 50_000);
    Long afterTime = null;
    String afterId = null;
    if (pageToken != null && !pageToken.isEmpty()) {
      String[] cursor = cursor(pageToken);
      afterTime = Long.parseLong(cursor[0]);
      afterId = cursor[1];
    }
    Long t = afterTime;
    String id = afterId;
    return db.read(
        c -> {
          List<RecordRow> rows = store.page(c, datasetId, t, id, limit + 1);
          String next = null;
          if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            RecordRow last = rows.get(limit - 1);
            next =
                Base64.getEncoder()
                    .encodeToString(
                        (last.createdTime() + ":" + last.datasetRecordId())
                            .getBytes(StandardCharsets.UTF_8));
          }
          ArrayNode out = json.createArrayNode();
          for (RecordRow r : rows) {
            out.add(RecordJson.toDict(json, r));
          }
          return new RecordPage(out, next);
        });
  }

  /** Deletes the records with these ids from the dataset; returns how many there were. */
  public int delete(String datasetId, List<String> recordIds) {
    if (recordIds == null || recordIds.isEmpty()) {
      return 0;
    }
    return db.write(
        c -> {
          int n = store.delete(c, datasetId, recordIds);
          if (n > 0) {
            var ds = datasets.find(c, datasetId);
            if (ds.isPresent()) {
              DatasetRow d = ds.get();
              int left = store.count(c, datasetId);
              datasets.update(
                  c,
                  new DatasetRow(
                      d.datasetId(),
                      d.name(),
                      d.digest(),
                      d.schema(),
                      left == 0 ? null : "{\"num_records\": " + left + "}",
                      d.createdTime(),
                      d.lastUpdateTime(),
                      d.createdBy(),
                      d.lastUpdatedBy()));
            }
          }
          return n;
        });
  }

  private static String[] cursor(String token) {
    try {
      String decoded = new String(Base64.getDecoder().decode(token.trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        String[] out = {decoded.substring(0, colon), decoded.substring(colon + 1)};
        Long.parseLong(out[0]);
        return out;
      }
    } catch (IllegalArgumentException e) {
      // reported below (NumberFormatException is an IllegalArgumentException)
    }
    throw MlflowException.invalid("Invalid page token: " + token);
  }

  /** A record as sent: an object whose inputs, expectations, tags and source are objects. */
  private ObjectNode validated(JsonNode r) {
    if (!(r instanceof ObjectNode o)) {
      throw MlflowException.invalid("Invalid record: expected a JSON object, got " + r);
    }
    for (String field : List.of("inputs", "expectations", "tags")) {
      JsonNode v = o.get(field);
      if (v != null && !v.isNull() && !v.isObject()) {
        throw MlflowException.invalid("Invalid record: '" + field + "' must be an object.");
      }
    }
    JsonNode source = o.get("source");
    if (source != null && !source.isNull()) {
      if (!source.isObject()) {
        throw MlflowException.invalid("Invalid record: 'source' must be an object.");
      }
      String type = source.path("source_type").asText("").toUpperCase(Locale.ROOT);
      if (!SOURCE_TYPES.contains(type)) {
        throw MlflowException.invalid(
            "Invalid dataset record source type: "
                + type
                + ". Valid source types: ['UNSPECIFIED', 'TRACE', 'HUMAN', 'DOCUMENT', 'CODE']");
      }
    }
    return o;
  }

  private RecordRow created(
      String datasetId, String hash, JsonNode inputs, ObjectNode r, long now, String user) {
    // MLflow stores outputs {} when the record has none, and none when it says null.
    JsonNode outputs = r.has("outputs") ? r.get("outputs") : json.createObjectNode();
    JsonNode expectations = r.get("expectations");
    JsonNode tags = r.get("tags");
    ObjectNode source = null;
    String sourceId = null;
    String sourceType = null;
    if (r.get("source") instanceof ObjectNode s) {
      sourceType = s.path("source_type").asText().toUpperCase(Locale.ROOT);
      JsonNode data = s.get("source_data") instanceof ObjectNode d ? d : json.createObjectNode();
      source = json.createObjectNode();
      source.put("source_type", sourceType);
      source.set("source_data", data);
      JsonNode idNode = data.get(sourceType.equals("TRACE") ? "trace_id" : "source_id");
      sourceId = idNode == null || idNode.isNull() ? null : idNode.asText();
    }
    return new RecordRow(
        "dr-" + UUID.randomUUID().toString().replace("-", ""),
        datasetId,
        hash,
        JsonText.write(json, inputs),
        nullable(outputs),
        nullable(expectations),
        nullable(tags),
        source == null ? null : JsonText.write(json, source),
        sourceId,
        sourceType,
        now,
        now,
        user,
        user);
  }

  /** MLflow's SqlEvaluationDatasetRecord.merge. */
  private RecordRow merged(RecordRow old, ObjectNode r, long now, String user) {
    String outputs = r.has("outputs") ? nullable(r.get("outputs")) : old.outputs();
    String expectations = old.expectations();
    if (r.get("expectations") instanceof ObjectNode e && !e.isEmpty()) {
      ObjectNode m = JsonText.readObject(json, old.expectations());
      m = m == null ? json.createObjectNode() : m;
      m.setAll(e);
      expectations = JsonText.write(json, m);
    }
    String tags = old.tags();
    if (r.get("tags") instanceof ObjectNode t && !t.isEmpty()) {
      ObjectNode m = JsonText.readObject(json, old.tags());
      m = m == null ? json.createObjectNode() : m;
      m.setAll(t);
      tags = JsonText.write(json, m);
    }
    return new RecordRow(
        old.datasetRecordId(),
        old.datasetId(),
        old.inputHash(),
        old.inputs(),
        outputs,
        expectations,
        tags,
        old.source(),
        old.sourceId(),
        old.sourceType(),
        old.createdTime(),
        now,
        old.createdBy(),
        user != null ? user : old.lastUpdatedBy());
  }

  private String nullable(JsonNode v) {
    return v == null || v.isNull() ? null : JsonText.write(json, v);
  }

  private static String user(JsonNode tags) {
    JsonNode u = tags == null ? null : tags.get(EvaluationDatasetService.MLFLOW_USER);
    return u == null || u.isNull() ? null : u.asText();
  }
}
