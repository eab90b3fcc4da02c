"""Tries one tracking call and one artifact upload with the credentials in the environment; prints
the HTTP status each failed with (or 200), so the Java test can check 401 and 403 as the client sees
them. Retries are off: a 401/403 is final, and the test must not wait for backoff."""

import json
import os
import sys

os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException, RestException

mlflow.set_tracking_uri(os.environ["MLFLOW_TRACKING_URI"])
run_id = sys.argv[1]


def status_of(fn):
    try:
        fn()
        return 200
    except RestException as e:
        return e.get_http_status_code()
    except MlflowException as e:
        msg = str(e)
        for code in (401, 403, 404, 429):
            if str(code) in msg:
                return code
        return "error: " + msg[:300]
    except Exception as e:  # requests.HTTPError from the artifact repository
        resp = getattr(e, "response", None)
        if resp is not None:
            return resp.status_code
        return "error: " + repr(e)[:300]


client = MlflowClient()
result = {
    "get_run": status_of(lambda: client.get_run(run_id)),
    "log_artifact": status_of(lambda: client.log_text(run_id, "denied?", "denied.txt")),
}
print(json.dumps(result))
