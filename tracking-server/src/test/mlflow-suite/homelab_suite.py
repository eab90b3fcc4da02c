"""Pytest plugin: runs MLflow's own REST test files against the Homelab tracking server.

Loaded with ``-p homelab_suite`` by ``run_suite.py``. With ``--homelab-server=ours`` every server the
selected test files start (the ``mlflow_client`` fixture's in-process ``ServerThread`` and the
``_init_server`` subprocess the auth suite's ``client`` fixture uses) is replaced by a fresh
process of the packaged tracking-server jar: its own data dir, a random free port, auth on only
where MLflow's fixture starts the basic-auth app. With ``--homelab-server=mlflow`` nothing is
replaced, so the same selection runs against MLflow's own server code from the installed package
(the baseline). Either way the outcome of every test is written as JSON to ``--homelab-results``.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

# MLflow 3.17 refuses to bootstrap its auth app without an admin password, and the auth test utils
# read it once at import: it must be in the environment before any test module is imported. The
# runner passes one per session (never a fixed default); the plugin invents one when run by hand.
os.environ.setdefault("MLFLOW_AUTH_ADMIN_PASSWORD", "suite-" + secrets.token_hex(12))


def pytest_addoption(parser):
    group = parser.getgroup("homelab")
    group.addoption("--homelab-server", choices=["ours", "mlflow"], default="mlflow")
    group.addoption("--homelab-jar", default=None, help="the packaged quarkus-run.jar")
    group.addoption("--homelab-results", default=None, help="JSON file of per-test outcomes")
    group.addoption("--homelab-server-logs", default=None, help="keep our servers' logs here")


_config = None


def pytest_configure(config):
    global _config
    _config = config
    config._homelab_outcomes = {}
    if config.getoption("--homelab-server") != "ours":
        return
    jar = config.getoption("--homelab-jar")
    if not jar or not Path(jar).is_file():
        raise pytest.UsageError(f"--homelab-jar must name the packaged server, got {jar!r}")
    # The test modules import these names from integration_test_utils when they are collected;
    # replacing them first makes every server the suite starts one of ours.
    import tests.tracking.integration_test_utils as utils

    utils.ServerThread = OurServerThread
    utils._init_server = our_init_server


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def our_server(auth):
    """A fresh tracking-server process; yields its base URL and removes its data afterwards."""
    jar = _config.getoption("--homelab-jar")
    data_dir = Path(tempfile.mkdtemp(prefix="homelab-suite-"))
    port = _free_port()
    env = dict(os.environ)
    env.update(
        {
            "QUARKUS_HTTP_PORT": str(port),
            "QUARKUS_HTTP_HOST": "127.0.0.1",
            "QUARKUS_LOG_CONSOLE_LEVEL": "WARN",
            "HOMELAB_TRACKING_DATA_DIR": str(data_dir),
            "HOMELAB_TRACKING_AUTH_ENABLED": "true" if auth else "false",
            "HOMELAB_TRACKING_AUTH_ADMIN_USERNAME": "admin",
            "HOMELAB_TRACKING_AUTH_ADMIN_PASSWORD": os.environ["MLFLOW_AUTH_ADMIN_PASSWORD"],
            # Tests log in with many users; PBKDF2 at production strength would dominate the run.
            "HOMELAB_TRACKING_AUTH_PASSWORD_HASH_ITERATIONS": "10000",
            "HOMELAB_TRACKING_AUTH_MAX_FAILED_LOGINS": "1000",
            "HOMELAB_TRACKING_AUTH_MAX_FAILED_LOGINS_PER_ADDRESS": "1000",
        }
    )
    java = os.environ.get("JAVA_HOME")
    java = str(Path(java, "bin", "java")) if java else "java"
    # Short-lived servers: C1 only and a small heap start fastest on a shared 2-core machine.
    cmd = [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar]
    log_path = data_dir / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"tracking server exited: {log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url + "/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError(f"tracking server not up in 60 s: {log_path.read_text()[-2000:]}")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        keep = _config.getoption("--homelab-server-logs")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(log_path, Path(keep) / f"server-{port}.log")
        shutil.rmtree(data_dir, ignore_errors=True)


class OurServerThread:
    """Stands in for MLflow's ServerThread(app, port): the app and port are MLflow's, unused."""

    def __init__(self, app=None, port=None):
        self._cm = our_server(auth=False)

    def __enter__(self):
        return self._cm.__enter__()

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)


@contextmanager
def our_init_server(backend_uri, root_artifact_uri, extra_env=None, app=None, server_type=None):
    """Stands in for MLflow's _init_server: the basic-auth app maps to our server with auth on."""
    import mlflow

    mlflow.set_tracking_uri(None)
    with our_server(auth=bool(app) and "auth" in app) as url:
        yield url


_FLUENT_DATASET_CALLS = {
    "create_dataset",
    "add_dataset_to_experiments",
    "remove_dataset_from_experiments",
}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    # The CLI tests hand the CLI an environment naming the server (cli_env), but MLflow's conftest
    # has already set the process-wide tracking URI to the suite's SQLite file, which wins over the
    # environment. Against MLflow's in-process server that file is also the server's database, so
    # the CLI's writes show up anyway; against a separate server they would not. Pointing the
    # tracking URI at the server the test names (both sides, so the baseline runs the same code)
    # makes the CLI do what the test means; conftest's fixture restores the URI afterwards.
    funcargs = getattr(item, "funcargs", {})
    cli_env = funcargs.get("cli_env")
    if isinstance(cli_env, dict) and cli_env.get("MLFLOW_TRACKING_URI"):
        import mlflow

        mlflow.set_tracking_uri(cli_env["MLFLOW_TRACKING_URI"])
    # The same holds for the evaluation-dataset tests that mix the client with the fluent
    # mlflow.genai.datasets functions (create_dataset, add_dataset_to_experiments, ...): the fluent
    # calls go to the process-wide tracking URI, i.e. straight into the SQLite file, which only
    # MLflow's in-process server shares. Pointing it at the test's server (both sides) makes them
    # go through the REST API the "_rest_tracking" tests are named after.
    client = funcargs.get("mlflow_client")
    code = getattr(getattr(item, "function", None), "__code__", None)
    if client is not None and code is not None and _FLUENT_DATASET_CALLS & set(code.co_names):
        import mlflow

        mlflow.set_tracking_uri(client.tracking_uri)


def pytest_runtest_logreport(report):
    # Runs on the xdist controller for every worker's reports: one outcome per test id.
    outcomes = _config._homelab_outcomes
    if report.when == "call" or report.outcome != "passed":
        if report.skipped:
            outcome = "skipped"
        elif report.failed:
            outcome = "failed" if report.when == "call" else "error"
        else:
            outcome = "passed"
        previous = outcomes.get(report.nodeid)
        if previous in ("failed", "error"):
            return  # a teardown error after a failure keeps the failure
        if report.when == "teardown" and previous == "passed" and report.failed:
            outcome = "error"
        outcomes[report.nodeid] = outcome


def pytest_sessionfinish(session):
    path = session.config.getoption("--homelab-results")
    if path and not hasattr(session.config, "workerinput"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(session.config._homelab_outcomes, indent=1, sort_keys=True))
