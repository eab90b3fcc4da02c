"""MLflow 3 tracing with the real client against the tracking server (issue 18): @mlflow.trace
with nested mlflow.start_span spans (sent as OTLP to /v1/traces, the trace info to the v3 API),
get_trace, search_traces with MLflow's filter grammar, a trace tag, feedback, an expectation
updated and deleted, link to a run, delete. Prints one JSON line of what it saw."""

import json
import os
import sys
import time

os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")

import mlflow
from mlflow import MlflowClient
from mlflow.entities import AssessmentSource

mlflow.set_tracking_uri(os.environ["MLFLOW_TRACKING_URI"])
experiment_id = mlflow.set_experiment(sys.argv[1]).experiment_id
client = MlflowClient()
started_ms = int(time.time() * 1000)


@mlflow.trace(span_type="CHAIN")
def answer(question):
    with mlflow.start_span(name="retrieve", span_type="RETRIEVER") as span:
        span.set_inputs({"query": question})
        docs = ["doc-1", "doc-2"]
        span.set_attribute("top_k", 2)
        span.set_outputs(docs)
    with mlflow.start_span(name="generate", span_type="LLM") as span:
        span.set_inputs({"docs": docs, "temperature": 0.5})
        span.set_outputs("42")
    return "42"


@mlflow.trace
def failing():
    raise ValueError("boom")


answer("what is the answer?")
ok_id = mlflow.get_last_active_trace_id()
try:
    failing()
except ValueError:
    pass
error_id = mlflow.get_last_active_trace_id()
mlflow.flush_trace_async_logging()

trace = mlflow.get_trace(ok_id)
info = trace.info
spans = [
    {
        "name": s.name,
        "root": s.parent_id is None,
        "type": s.span_type,
        "inputs": s.inputs,
        "outputs": s.outputs,
        "status": s.status.status_code.value,
    }
    for s in trace.data.spans
]
retrieve = next(s for s in trace.data.spans if s.name == "retrieve")

client.set_trace_tag(ok_id, "team", "ml")
feedback = mlflow.log_feedback(
    trace_id=ok_id,
    name="helpfulness",
    value=0.9,
    rationale="right answer",
    source=AssessmentSource(source_type="HUMAN", source_id="tester"),
)
expectation = mlflow.log_expectation(trace_id=ok_id, name="expected", value="42")
fetched_feedback = mlflow.get_assessment(ok_id, feedback.assessment_id)
updated = mlflow.update_assessment(
    trace_id=ok_id,
    assessment_id=expectation.assessment_id,
    assessment=mlflow.entities.Expectation(name="expected", value="forty-two"),
)
mlflow.delete_assessment(trace_id=ok_id, assessment_id=expectation.assessment_id)
with_feedback = mlflow.get_trace(ok_id)


def ids(traces):
    return sorted(t.info.trace_id for t in traces)


by_tag = mlflow.search_traces(
    locations=[experiment_id], filter_string="tags.team = 'ml'", return_type="list"
)
by_status = mlflow.search_traces(
    locations=[experiment_id], filter_string="trace.status = 'ERROR'", return_type="list"
)
by_time = mlflow.search_traces(
    locations=[experiment_id],
    filter_string=f"trace.timestamp_ms >= {started_ms - 1000} AND attributes.name = 'answer'",
    return_type="list",
)
oldest_first = mlflow.search_traces(
    locations=[experiment_id], order_by=["timestamp_ms ASC"], return_type="list"
)
frame = mlflow.search_traces(locations=[experiment_id])

with mlflow.start_run() as run:
    pass
client.link_traces_to_run([ok_id], run.info.run_id)
by_run = mlflow.search_traces(
    locations=[experiment_id], run_id=run.info.run_id, return_type="list"
)

deleted = client.delete_traces(experiment_id=experiment_id, trace_ids=[error_id])
after_delete = mlflow.search_traces(locations=[experiment_id], return_type="list")

print(
    json.dumps({
        "experiment_id": experiment_id,
        "ok_id": ok_id,
        "error_id": error_id,
        "state": info.state.value,
        "spans_location": info.tags.get("mlflow.trace.spansLocation"),
        "trace_name": info.tags.get("mlflow.traceName"),
        "request_preview": info.request_preview,
        "response_preview": info.response_preview,
        "execution_ms": info.execution_duration,
        "spans": spans,
        "retrieve_top_k": retrieve.get_attribute("top_k"),
        "retrieve_parent_is_root": retrieve.parent_id == trace.data.spans[0].span_id,
        "feedback_value": fetched_feedback.value,
        "feedback_rationale": fetched_feedback.rationale,
        "feedback_source": fetched_feedback.source.source_id,
        "updated_expectation": updated.value,
        "assessments_on_trace": sorted(a.name for a in with_feedback.info.assessments),
        "tag_on_trace": with_feedback.info.tags.get("team"),
        "by_tag": ids(by_tag),
        "by_status": ids(by_status),
        "by_time": ids(by_time),
        "oldest_first": [t.info.trace_id for t in oldest_first],
        "frame_rows": len(frame),
        "frame_has_spans": all(len(s) > 0 for s in frame["spans"]),
        "by_run": ids(by_run),
        "deleted": deleted,
        "after_delete": ids(after_delete),
    })
)
