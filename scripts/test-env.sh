#!/usr/bin/env bash
# Installs and starts what the tests need, when it is missing; safe to run again and again.
# Called by './homelab test' (and so by .ci/run). Writes target/test-env/env.sh for the test JVMs.
#
#   Debian packages  docker.io (dockerd started here), busybox-static, prometheus (+ promtool),
#                    prometheus-node-exporter, chromium + chromium-driver, postgresql,
#                    docker-compose, nginx-light, ansible, ansible-lint (deployment tests)
#   Docker image     homelab-test/busybox:latest, imported from busybox-static (no registry needed)
#   PostgreSQL       the Debian cluster started, role + database "homelab_test"
#   Python           target/venv with the MLflow client and scikit-learn; target/venv-schemathesis (schemathesis)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/target/test-env"
mkdir -p "$OUT"
log() { printf '[test-env] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Debian packages ---------------------------------------------------------------------------
need=()
command -v dockerd >/dev/null || need+=(docker.io)
[ -x /bin/busybox ] || need+=(busybox-static)
command -v prometheus >/dev/null || need+=(prometheus)
command -v promtool >/dev/null || need+=(prometheus)
command -v prometheus-node-exporter >/dev/null || need+=(prometheus-node-exporter)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v curl >/dev/null || need+=(curl)
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
# --- central logs (issue 14): tracking-server's syslog tests relay messages through a real rsyslogd ---
[ -x /usr/sbin/rsyslogd ] || need+=(rsyslog)
# --- end central logs ---
# --- controller monitors (issue 13): the ping monitor's test runs the system's ping against 127.0.0.1 ---
command -v ping >/dev/null || need+=(iputils-ping)
# --- end controller monitors ---
# -- deployment tests (deploy/test/*.sh, issue 16): compose, nginx, Ansible, the JDK's jmods for the local base image,
#    openssl for the test certificate, ip and findmnt for the agent's address and mount options.
command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || need+=(docker-compose)
command -v nginx >/dev/null || need+=(nginx-light)
command -v ansible-playbook >/dev/null || need+=(ansible)
command -v ansible-lint >/dev/null || need+=(ansible-lint)
command -v openssl >/dev/null || need+=(openssl)
command -v ip >/dev/null || need+=(iproute2)
command -v findmnt >/dev/null || need+=(util-linux)
command -v systemd-analyze >/dev/null || need+=(systemd)
[ -d /usr/lib/jvm/java-17-openjdk-amd64/jmods ] || ls -d /usr/lib/jvm/*17*/jmods >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
# -- end of the deployment tests' block
if [ "${#need[@]}" -gt 0 ]; then
  log "installing: ${need[*]}"
  as_root apt-get update -qq
  # policy-rc.d: no package may try to start its service through init; we start what we need below.
  as_root sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  as_root rm -f /usr/sbin/policy-rc.d
fi

# --- Docker engine -----------------------------------------------------------------------------
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  as_root sh -c 'nohup dockerd >/var/log/homelab-dockerd.log 2>&1 &'
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { tail -20 /var/log/homelab-dockerd.log; echo "dockerd did not start" >&2; exit 1; }
fi

if ! docker image inspect homelab-test/busybox:latest >/dev/null 2>&1; then
  log "importing homelab-test/busybox:latest from busybox-static"
  rootfs="$(mktemp -d)"
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
  tar -C "$rootfs" -c . | docker import -c 'CMD ["/bin/sh"]' - homelab-test/busybox:latest >/dev/null
  rm -rf "$rootfs"
fi

# --- PostgreSQL --------------------------------------------------------------------------------
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
pg_ver="$(basename "$(dirname "$pg_bin")")"
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$pg_ver main"; then
  as_root pg_createcluster "$pg_ver" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$pg_ver main .* online"; then
  log "starting PostgreSQL $pg_ver"
  as_root pg_ctlcluster "$pg_ver" main start
fi
pg_port="$(pg_lsclusters -h | awk -v v="$pg_ver" '$1==v && $2=="main" {print $3}')"
psql_as_postgres() { as_root su postgres -c "psql -p $pg_port -qtAX -c \"$1\""; }
if [ "$(psql_as_postgres "SELECT 1 FROM pg_roles WHERE rolname='homelab_test'")" != 1 ]; then
  psql_as_postgres "CREATE ROLE homelab_test LOGIN PASSWORD 'homelab_test' CREATEDB"
fi
if [ "$(psql_as_postgres "SELECT 1 FROM pg_database WHERE datname='homelab_test'")" != 1 ]; then
  psql_as_postgres "CREATE DATABASE homelab_test OWNER homelab_test"
fi

# --- Python virtualenv -------------------------------------------------------------------------
venv="$ROOT/target/venv"
py_packages=(mlflow==3.17.2 scikit-learn pandas)
if [ ! -x "$venv/bin/python" ]; then
  log "creating $venv"
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import mlflow, sklearn, pandas; assert mlflow.__version__ == "3.17.2"' 2>/dev/null; then
  log "pip install ${py_packages[*]} (first run takes a few minutes)"
  "$venv/bin/pip" install -q --disable-pip-version-check "${py_packages[@]}"
fi

# --- MLflow suite (issue 18): pytest for MLflow's own REST test files (tracking-server/src/test/mlflow-suite) ---
suite_packages=("mlflow[auth]==3.17.2" pytest==8.4.2 pytest-timeout==2.4.0 pytest-xdist==3.8.0 pytest-asyncio httpx)
if ! "$venv/bin/python" -c 'import flask_wtf, pytest, pytest_timeout, xdist, pytest_asyncio, httpx; assert pytest.__version__ == "8.4.2"' 2>/dev/null; then
  log "pip install ${suite_packages[*]}"
  "$venv/bin/pip" install -q --disable-pip-version-check "${suite_packages[@]}"
fi
# --- end MLflow suite ---

# --- security suite (issue 12): schemathesis against the controller's OpenAPI (ControllerSchemathesisIT) ---
# A venv of its own: schemathesis' pins must not move the MLflow venv's.
st_venv="$ROOT/target/venv-schemathesis"
if [ ! -x "$st_venv/bin/python" ]; then
  python3 -m venv "$st_venv"
fi
if [ "$("$st_venv/bin/st" --version 2>/dev/null)" != "st, version 4.32.5" ]; then
  log "pip install schemathesis==4.32.5"
  "$st_venv/bin/pip" install -q --disable-pip-version-check schemathesis==4.32.5
fi
# --- end security suite ---

cat >"$OUT/env.sh" <<ENV
# Written by scripts/test-env.sh: where the tests find the real components.
export HOMELAB_TEST_PYTHON="$venv/bin/python"
export HOMELAB_TEST_PG_URL="jdbc:postgresql://localhost:$pg_port/homelab_test"
export HOMELAB_TEST_PG_USER=homelab_test
export HOMELAB_TEST_PG_PASSWORD=homelab_test
export HOMELAB_TEST_DOCKER_IMAGE=homelab-test/busybox:latest
export HOMELAB_TEST_PROMETHEUS="$(command -v prometheus)"
export HOMELAB_TEST_PROMTOOL="$(command -v promtool)"
export HOMELAB_TEST_NODE_EXPORTER="$(command -v prometheus-node-exporter)"
export HOMELAB_TEST_CHROMIUM="$(command -v chromium)"
export HOMELAB_TEST_CHROMEDRIVER="$(command -v chromedriver)"
# security suite (issue 12)
export HOMELAB_TEST_SCHEMATHESIS="$st_venv/bin/st"
# MLflow suite (issue 18): MLflow's test files, shared/ beside the repository unless given
export HOMELAB_MLFLOW_TESTS="${HOMELAB_MLFLOW_TESTS:-$(cd "$ROOT/.." && pwd)/shared/mlflow-tests/mlflow-tests.tgz}"
ENV
log "ready ($(docker version --format 'docker {{.Server.Version}}'), PostgreSQL $pg_ver on $pg_port, $("$venv/bin/python" -c 'import mlflow; print("mlflow", mlflow.__version__)'))"
