"""Reads the MLflow view of the central logs with MLflow's own client: experiment logs/<host>,
a run per service and day found by its tags, per-minute metrics in the metric history."""
import json
import sys

from mlflow import MlflowClient

host, service = sys.argv[1], sys.argv[2]
client = MlflowClient()
experiment = client.get_experiment_by_name("logs/" + host)
runs = client.search_runs(
    [experiment.experiment_id],
    filter_string=f"tags.service = '{service}' and tags.image = 'busybox:1.36'",
)
run = runs[0]
history = {
    key: sorted((m.step, m.value) for m in client.get_metric_history(run.info.run_id, key))
    for key in ("lines_per_minute", "errors_per_minute", "warnings_per_minute")
}
print(
    json.dumps(
        {
            "experiment_name": experiment.name,
            "runs": len(runs),
            "run_name": run.info.run_name,
            "tags": {k: v for k, v in run.data.tags.items() if not k.startswith("mlflow.")},
            "history": history,
        }
    )
)
