package io.homelab.observer.tracking.evaldataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A stored record as MLflow's {@code DatasetRecord.to_dict()} writes it. */
final class RecordJson {

  private RecordJson() {}

  static ObjectNode toDict(ObjectMapper json, RecordRow r) {
    ObjectNode d = json.createObjectNode();
    d.put("dataset_record_id", r.datasetRecordId());
    d.put("dataset_id", r.datasetId());
    d.set("inputs", JsonText.read(json, r.inputs()));
    if (r.expectations() != null) {
      d.set("expectations", JsonText.read(json, r.expectations()));
    }
    // MLflow's record entity turns absent tags into {}.
    d.set("tags", r.tags() == null ? json.createObjectNode() : JsonText.read(json, r.tags()));
    if (r.source() != null) {
      d.set("source", JsonText.read(json, r.source()));
    }
    if (r.sourceId() != null) {
      d.put("source_id", r.sourceId());
    }
    if (r.sourceType() != null) {
      d.put("source_type", r.sourceType());
    }
    d.put("created_time", r.createdTime());
    d.put("last_update_time", r.lastUpdateTime());
    if (r.createdBy() != null) {
      d.put("created_by", r.createdBy());
    }
    if (r.lastUpdatedBy() != null) {
      d.put("last_updated_by", r.lastUpdatedBy());
    }
    if (r.outputs() != null) {
      d.set("outputs", JsonText.read(json, r.outputs()));
    }
    return d;
  }
}
