"""Prompt registry and registered scorers through the real MLflow 3.17 client; prints one JSON line."""
import json
import uuid

import mlflow
from mlflow.genai import make_judge
from mlflow.genai.scorers import delete_scorer, get_scorer, list_scorers

name = "greet-" + uuid.uuid4().hex[:8]
v1 = mlflow.genai.register_prompt(name=name, template="Hello {{name}}!", commit_message="first")
v2 = mlflow.genai.register_prompt(name=name, template="Hi {{name}}, welcome!")
mlflow.genai.set_prompt_alias(name, alias="prod", version=1)
out = {
    "versions": [v1.version, v2.version],
    "v1": mlflow.genai.load_prompt(f"prompts:/{name}/1").format(name="Ada"),
    "prod": mlflow.genai.load_prompt(f"prompts:/{name}@prod").version,
    "latest": mlflow.genai.load_prompt(f"prompts:/{name}@latest").version,
    "searched": name in [p.name for p in mlflow.genai.search_prompts(f"name = '{name}'")],
    "models": name in [m.name for m in mlflow.MlflowClient().search_registered_models()],
}

experiment_id = mlflow.create_experiment("judges-" + uuid.uuid4().hex[:8])
mlflow.set_experiment(experiment_id=experiment_id)
judge = make_judge(
    name="politeness",
    instructions="Is the answer in {{ outputs }} polite?",
    model="openai:/gpt-4o-mini",
    feedback_value_type=bool,
)
judge.register(experiment_id=experiment_id)
judge.register(experiment_id=experiment_id)
out["scorers"] = [s.name for s in list_scorers(experiment_id=experiment_id)]
got = get_scorer(name="politeness", experiment_id=experiment_id)
out["instructions"] = got.instructions
delete_scorer(name="politeness", experiment_id=experiment_id, version="all")
out["after_delete"] = [s.name for s in list_scorers(experiment_id=experiment_id)]
print(json.dumps(out))
