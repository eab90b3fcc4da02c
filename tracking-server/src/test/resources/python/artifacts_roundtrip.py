"""Logs and downloads artifacts through the tracking server's mlflow-artifacts proxy with the real
MLflow Python client, authenticated by MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD.

Run by ArtifactPythonClientTest; prints one JSON line with what it saw, and exits non-zero on any
mismatch so the Java side sees the Python traceback.
"""

import filecmp
import hashlib
import json
import os
import sys
import tempfile

import mlflow
from mlflow import MlflowClient

experiment_name = sys.argv[1]
mlflow.set_tracking_uri(os.environ["MLFLOW_TRACKING_URI"])
experiment = mlflow.set_experiment(experiment_name)

src = tempfile.mkdtemp()
os.makedirs(os.path.join(src, "nested", "deeper"))
with open(os.path.join(src, "nested", "deeper", "weights.bin"), "wb") as f:
    f.write(os.urandom(3 * 1024 * 1024 + 17))
with open(os.path.join(src, "config.yaml"), "w") as f:
    f.write("lr: 0.01\nname: caf\u00e9 run\n")
with open(os.path.join(src, "a file with spaces & 100%.txt"), "w") as f:
    f.write("odd name")

with mlflow.start_run() as run:
    mlflow.log_param("alpha", 0.5)
    mlflow.log_text("hello artifacts", "notes/hello.txt")
    mlflow.log_dict({"acc": 0.9}, "metrics/summary.json")
    mlflow.log_artifacts(src, artifact_path="bundle")
    run_id = run.info.run_id
    artifact_uri = run.info.artifact_uri

client = MlflowClient()
top = sorted(f.path for f in client.list_artifacts(run_id))
bundle = sorted((f.path, f.is_dir, f.file_size) for f in client.list_artifacts(run_id, "bundle"))

dst = tempfile.mkdtemp()
local_bundle = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="bundle", dst_path=dst)
cmp = filecmp.dircmp(src, local_bundle)


def same_tree(c):
    if c.left_only or c.right_only or c.diff_files or c.funny_files:
        return False
    return all(same_tree(sub) for sub in c.subdirs.values())


text = mlflow.artifacts.load_text(f"runs:/{run_id}/notes/hello.txt")
summary = mlflow.artifacts.load_dict(f"runs:/{run_id}/metrics/summary.json")

with open(os.path.join(local_bundle, "nested", "deeper", "weights.bin"), "rb") as f:
    digest = hashlib.sha256(f.read()).hexdigest()
with open(os.path.join(src, "nested", "deeper", "weights.bin"), "rb") as f:
    expected = hashlib.sha256(f.read()).hexdigest()

result = {
    "run_id": run_id,
    "experiment_id": experiment.experiment_id,
    "artifact_uri": artifact_uri,
    "top": top,
    "bundle": [list(b) for b in bundle],
    "same_tree": same_tree(cmp),
    "weights_sha_match": digest == expected,
    "text": text,
    "summary": summary,
}
print(json.dumps(result))
if not (result["same_tree"] and result["weights_sha_match"] and text == "hello artifacts"):
    sys.exit(3)
