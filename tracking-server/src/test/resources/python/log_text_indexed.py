"""Logs a run's text with MLflow's own log_text; the tracking server indexes it into the log search."""
import json
import sys

import mlflow

word = sys.argv[1]
mlflow.set_experiment("log-text-" + word)
with mlflow.start_run(run_name="trainer") as run:
    mlflow.log_text(f"epoch 1 loss 0.9\nepoch 2 diverged: loss nan ({word})\n", "train.log")
    mlflow.log_text("not indexed: a binary-looking name", "weights.bin")
print(json.dumps({"run_id": run.info.run_id, "experiment_id": run.info.experiment_id}))
