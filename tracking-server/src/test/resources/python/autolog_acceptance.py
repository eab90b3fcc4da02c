"""Acceptance script run by TrackingPythonClientTest with the real MLflow Python client.

It does what the users' training code does (issue 7): set_tracking_uri, set_experiment, sklearn
autolog, train; then reads the run back, loads the model from runs:/..., predicts, and uses
MlflowClient for search, metric history and artifact download. Any failure raises, so the process
exits non-zero and the Java test fails with this script's output.
Environment: MLFLOW_TRACKING_URI (and MLFLOW_TRACKING_USERNAME/PASSWORD when auth is on),
HOMELAB_EXPERIMENT (experiment name), HOMELAB_LOG_MODELS ("1" to log and load the model).
"""
import math
import os
import sys
import tempfile

import mlflow
import numpy as np
from mlflow import MlflowClient
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

uri = os.environ["MLFLOW_TRACKING_URI"]
experiment_name = os.environ["HOMELAB_EXPERIMENT"]
log_models = os.environ.get("HOMELAB_LOG_MODELS", "1") == "1"

mlflow.set_tracking_uri(uri)
experiment = mlflow.set_experiment(experiment_name)
mlflow.sklearn.autolog(log_datasets=False, log_models=log_models)

X, y = load_iris(return_X_y=True)
with mlflow.start_run(run_name="iris-logreg") as run:
    model = LogisticRegression(max_iter=200, C=0.5)
    model.fit(X, y)
    mlflow.log_metric("manual_loss", 0.5, step=0)
    mlflow.log_metric("manual_loss", 0.25, step=1)
    mlflow.log_metric("manual_nan", float("nan"))
    mlflow.log_param("note", "homelab")
    mlflow.set_tag("owner", "acceptance")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "notes.txt")
        with open(path, "w") as f:
            f.write("hello artifacts\n")
        mlflow.log_artifact(path, artifact_path="extra")
run_id = run.info.run_id

client = MlflowClient(tracking_uri=uri)
got = client.get_run(run_id)
assert got.info.status == "FINISHED", got.info.status
assert got.info.run_name == "iris-logreg", got.info.run_name
assert got.info.artifact_uri == f"mlflow-artifacts:/{experiment.experiment_id}/{run_id}/artifacts", got.info.artifact_uri
assert got.data.params["C"] == "0.5", got.data.params
assert got.data.params["note"] == "homelab"
assert got.data.tags["owner"] == "acceptance"
assert got.data.tags["estimator_name"] == "LogisticRegression", got.data.tags
assert "training_accuracy_score" in got.data.metrics, got.data.metrics
assert got.data.metrics["manual_loss"] == 0.25
assert math.isnan(got.data.metrics["manual_nan"])

history = client.get_metric_history(run_id, "manual_loss")
assert [(m.step, m.value) for m in history] == [(0, 0.5), (1, 0.25)], history

found = client.search_runs(
    [experiment.experiment_id],
    filter_string="metrics.training_accuracy_score > 0.5 and params.note = 'homelab' and attributes.status = 'FINISHED'",
    order_by=["metrics.training_accuracy_score DESC"],
)
assert [r.info.run_id for r in found] == [run_id], found
assert client.search_runs([experiment.experiment_id], filter_string="params.note = 'other'") == []
df = mlflow.search_runs(experiment_names=[experiment_name])
assert len(df) == 1 and df["run_id"][0] == run_id, df

exps = client.search_experiments(filter_string=f"name = '{experiment_name}'")
assert [e.experiment_id for e in exps] == [experiment.experiment_id], exps

with tempfile.TemporaryDirectory() as d:
    local = client.download_artifacts(run_id, "extra/notes.txt", d)
    with open(local) as f:
        assert f.read() == "hello artifacts\n"
names = [a.path for a in client.list_artifacts(run_id, "extra")]
assert names == ["extra/notes.txt"], names

if log_models:
    loaded = mlflow.pyfunc.load_model(f"runs:/{run_id}/model")
    predictions = loaded.predict(X[:5])
    assert list(np.asarray(predictions)) == list(model.predict(X[:5])), predictions
    sk = mlflow.sklearn.load_model(f"runs:/{run_id}/model")
    assert sk.score(X, y) > 0.8

print("ACCEPTANCE OK", run_id)
