"""Trace calls with the credentials in the environment, against a trace of another user's
experiment; prints the HTTP status each call ended with (200 when it worked)."""

import json
import os
import sys

os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException, RestException

mlflow.set_tracking_uri(os.environ["MLFLOW_TRACKING_URI"])
experiment_id, trace_id = sys.argv[1], sys.argv[2]
client = MlflowClient()


def status_of(fn):
    try:
        fn()
        return 200
    except RestException as e:
        return e.get_http_status_code()
    except MlflowException as e:
        msg = str(e)
        for code in (401, 403, 404):
            if str(code) in msg or ("Permission denied" in msg and code == 403):
                return code
        return "error: " + msg[:300]


print(
    json.dumps({
        "search": status_of(
            lambda: client.search_traces(locations=[experiment_id], include_spans=False)
        ),
        "get_info": status_of(lambda: client._tracing_client.store.get_trace_info(trace_id)),
        "get_trace": status_of(lambda: client._tracing_client.store.get_trace(trace_id)),
        "set_tag": status_of(lambda: client.set_trace_tag(trace_id, "x", "y")),
        "delete": status_of(
            lambda: client.delete_traces(experiment_id=experiment_id, trace_ids=[trace_id])
        ),
    })
)
