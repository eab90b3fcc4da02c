#!/usr/bin/env bash
# Benchmark: GET /api/containers?all=true on the agent (signed, with cgroup CPU/memory) against the anchor, the
# Docker Engine's own GET /containers/json?all=1 on the unix socket (what Portainer's agent proxies unchanged), with
# N containers running. Both sides are timed by curl's time_total, one request at a time, on the same machine.
#
#   benchmarks/agent/list-containers.sh [containers=50] [requests=200]
#
# Needs: a built agent (mvn -pl agent -am package -DskipTests), docker, curl, openssl 3, HOMELAB_TEST_DOCKER_IMAGE
# (or homelab-test/busybox:latest). Touches only containers it labels homelab.bench=<run id>.
set -euo pipefail
N="${1:-50}"
REQUESTS="${2:-200}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/agent/target/quarkus-app/quarkus-run.jar"
IMAGE="${HOMELAB_TEST_DOCKER_IMAGE:-homelab-test/busybox:latest}"
RUN="agentapi-bench-$$"
WORK="$(mktemp -d)"
[ -f "$JAR" ] || { echo "build the agent first: mvn -pl agent -am package -DskipTests" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"; MPORT="$(free_port)"
AGENT_PID=""
cleanup() {
  [ -n "$AGENT_PID" ] && kill "$AGENT_PID" 2>/dev/null || true
  docker ps -aq --filter "label=homelab.bench=$RUN" | xargs -r docker rm -f >/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

openssl genpkey -algorithm ed25519 -out "$WORK/key.pem" 2>/dev/null
PUB="$(openssl pkey -in "$WORK/key.pem" -pubout -outform DER | base64 -w0)"

for i in $(seq 1 "$N"); do
  docker run -d --label "homelab.bench=$RUN" --name "$RUN-$i" "$IMAGE" sleep 3600 >/dev/null
done

HOMELAB_AGENT_DATA_DIR="$WORK/data" HOMELAB_AGENT_CONTROLLER_PUBLIC_KEY="$PUB" \
  QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT="$MPORT" java -jar "$JAR" >"$WORK/agent.log" 2>&1 &
AGENT_PID=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/api/ping" >/dev/null 2>&1 && break; sleep 0.5; done
sleep 6 # let the cgroup sampler take two samples, so CPU % is filled in as in steady state

signed_get() { # prints curl's time_total for one signed GET of $1
  local path="$1" ts nonce sig
  ts="$(date +%s)"; nonce="$(openssl rand -hex 16)"
  printf 'GET\n%s\n%s\n%s\n%s' "$path" "$ts" "$nonce" "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" >"$WORK/msg"
  sig="$(openssl pkeyutl -sign -inkey "$WORK/key.pem" -rawin -in "$WORK/msg" | base64 -w0)"
  curl -fs -o "$WORK/body" -w '%{time_total}\n' -H "X-Homelab-Timestamp: $ts" -H "X-Homelab-Nonce: $nonce" \
    -H "X-Homelab-Signature: $sig" "http://127.0.0.1:$PORT$path"
}
docker_get() { curl -fs -o "$WORK/body" -w '%{time_total}\n' --unix-socket /var/run/docker.sock "http://localhost/containers/json?all=1"; }

for _ in $(seq 1 20); do signed_get '/api/containers?all=true' >/dev/null; docker_get >/dev/null; done
COUNT="$(signed_get '/api/containers?all=true' >/dev/null; python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/body")"
: >"$WORK/agent.t"; : >"$WORK/docker.t"
for _ in $(seq 1 "$REQUESTS"); do
  signed_get '/api/containers?all=true' >>"$WORK/agent.t"
  docker_get >>"$WORK/docker.t"
done
python3 - "$WORK/agent.t" "$WORK/docker.t" "$N" "$COUNT" "$REQUESTS" <<'PY'
import sys, statistics
def load(p): return sorted(float(x) * 1000 for x in open(p) if x.strip())
a, d = load(sys.argv[1]), load(sys.argv[2])
def pct(v, q): return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]
print(f"containers started: {sys.argv[3]}, rows in agent answer: {sys.argv[4]}, requests per side: {sys.argv[5]}")
print(f"agent  GET /api/containers?all=true : median {statistics.median(a):.2f} ms, p95 {pct(a, .95):.2f} ms, max {a[-1]:.2f} ms")
print(f"docker GET /containers/json?all=1   : median {statistics.median(d):.2f} ms, p95 {pct(d, .95):.2f} ms, max {d[-1]:.2f} ms")
print(f"ratio agent/docker (median): {statistics.median(a) / statistics.median(d):.2f}")
PY
