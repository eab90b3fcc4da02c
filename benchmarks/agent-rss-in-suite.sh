#!/usr/bin/env bash
# Benchmark: the agent's resident memory inside the whole suite, as a user runs it (`./homelab up -d`: the agent
# paired with the controller and polled by it), next to node_exporter scraped the same number of times.
#
# Steps, with BENCH_CONTAINERS running containers: start the suite; wait for the controller's status polls; then
# SCRAPES scrapes of the agent's /metrics (and of node_exporter's); then 20 container lists through the controller
# (GET /api/containers, signed calls to the agent); then 10 container inspects through the controller (the first call
# that builds docker-java's client in the agent). VmRSS of the agent after each step, 6 s after it (the agent hands
# freed malloc memory back every 5 s). Everything runs on 127.0.0.1 with its own data dir; the suite, node_exporter
# and the containers this run started are stopped at the end.
#
# Usage: benchmarks/agent-rss-in-suite.sh [SCRAPES]          (default 300; after a build: ./homelab build)
# Env:   HOMELAB_PORT_OFFSET (default 27500)  BENCH_CONTAINERS (default 10)  BENCH_IMAGE (local image, never pulled)
#        HOMELAB_TEST_NODE_EXPORTER (default: prometheus-node-exporter on PATH)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRAPES="${1:-300}"
export HOMELAB_PORT_OFFSET="${HOMELAB_PORT_OFFSET:-27500}"
BENCH_CONTAINERS="${BENCH_CONTAINERS:-10}"
BENCH_IMAGE="${BENCH_IMAGE:-${HOMELAB_TEST_DOCKER_IMAGE:-homelab-test/busybox:latest}}"
NODE_EXPORTER="${HOMELAB_TEST_NODE_EXPORTER:-$(command -v prometheus-node-exporter || command -v node_exporter || true)}"
[ -x "$NODE_EXPORTER" ] || { echo "node_exporter not found; run scripts/test-env.sh" >&2; exit 1; }
docker image inspect "$BENCH_IMAGE" >/dev/null 2>&1 \
  || { echo "image $BENCH_IMAGE not present locally; run scripts/test-env.sh" >&2; exit 1; }

export HOMELAB_DATA="$(mktemp -d)"
CONTROLLER="http://127.0.0.1:$((9000 + HOMELAB_PORT_OFFSET))"
METRICS="http://127.0.0.1:$((9100 + HOMELAB_PORT_OFFSET))/metrics"
NE_PORT=$((9199 + HOMELAB_PORT_OFFSET))
CONTAINERS=()
NE_PID=""
cleanup() {
  (cd "$ROOT" && ./homelab down >/dev/null 2>&1) || true
  [ -n "$NE_PID" ] && kill "$NE_PID" 2>/dev/null || true
  if [ "${#CONTAINERS[@]}" -gt 0 ]; then docker rm -f "${CONTAINERS[@]}" >/dev/null 2>&1 || true; fi
  rm -rf "$HOMELAB_DATA"
}
trap cleanup EXIT

for i in $(seq 1 "$BENCH_CONTAINERS"); do
  CONTAINERS+=("$(docker run -d --pull never --name "agentrss-suite-$$-$i" --label homelab.test=agentrss-suite \
    "$BENCH_IMAGE" sleep 3600)")
done
(cd "$ROOT" && ./homelab up -d >"$HOMELAB_DATA/up.log" 2>&1) || { cat "$HOMELAB_DATA/up.log" >&2; exit 1; }
AGENT_PID="$(cat "$HOMELAB_DATA/run/agent.pid")"
"$NODE_EXPORTER" --web.listen-address="127.0.0.1:$NE_PORT" --no-collector.systemd >/dev/null 2>&1 &
NE_PID=$!

python3 - "$CONTROLLER" "$METRICS" "http://127.0.0.1:$NE_PORT/metrics" "$AGENT_PID" "$NE_PID" "$SCRAPES" \
  "$HOMELAB_DATA/controller/initial-admin-password" "${CONTAINERS[0]}" <<'PY'
import json, sys, time, urllib.request

controller, metrics, ne_metrics, agent_pid, ne_pid, scrapes, pw_file, container = sys.argv[1:]
scrapes = int(scrapes)

def rss(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    raise SystemExit(f"process {pid} is gone")

def call(url, token=None, body=None):
    req = urllib.request.Request(url, data=body and json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.read()

for _ in range(100):
    try:
        call(ne_metrics)
        break
    except OSError:
        time.sleep(0.1)
token = json.loads(call(controller + "/api/auth/login",
                        body={"username": "admin", "password": open(pw_file).read().strip()}))["token"]
env = json.loads(call(controller + "/api/environments", token))[0]["id"]

rows = []
def step(name):
    time.sleep(6)
    rows.append((name, rss(agent_pid), rss(ne_pid)))

time.sleep(10)  # a few controller status polls (signed /api/ping and /api/host)
step("started, paired, polled")
for _ in range(scrapes):
    call(metrics)
    call(ne_metrics)
step(f"after {scrapes} scrapes")
for _ in range(20):
    call(controller + "/api/containers", token)
step("after 20 container lists")
for _ in range(10):
    call(f"{controller}/api/environments/{env}/containers/{container}", token)
step("after 10 container inspects")

print(f"{'step':30} {'agent RSS MiB':>13} {'MB':>7} {'node_exporter RSS MiB':>22} {'ratio':>6}")
for name, a, n in rows:
    print(f"{name:30} {a:13.1f} {a * 1.048576:7.1f} {n:22.1f} {a / n:6.2f}")
PY
