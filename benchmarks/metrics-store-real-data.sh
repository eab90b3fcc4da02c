#!/usr/bin/env bash
# Bytes per sample on REAL data, our metrics store side by side with a real Prometheus (docs/benchmarks.md, "Metrics
# store vs Prometheus on real agent data"). Two stages:
#  1. record: CONTAINERS busybox containers doing small periodic work (labelled homelab.test=metrics-store-real-data,
#     removed at the end), a packaged agent (its 9100: node + container metrics from the real dockerd) and the Debian
#     prometheus-node-exporter, both scraped every second for MINUTES minutes; every body is kept as served
#     (benchmarks/metrics/record_scrapes.py).
#  2. compare: TsdbRealDataBenchmark gives scrape i the timestamp T0 + i x 15 s + (scrape i's real start - its
#     schedule), i.e. 1 s of real time becomes 15 s of stored time with the real jitter kept, parses every body with
#     the controller's exposition parser and writes the very same samples into our engine and, as OpenMetrics, into
#     Prometheus's TSDB (promtool backfill, then a real Prometheus compacts the blocks). Reported: bytes/sample.
#   benchmarks/metrics-store-real-data.sh [minutes=40] [containers=4]       (record, then compare)
#   RECORD_ONLY=1 benchmarks/metrics-store-real-data.sh [minutes] [containers]  (record into target/metrics-real-data)
#   RECORDING=<dir> benchmarks/metrics-store-real-data.sh                   (compare an earlier recording)
# Needs: mvn -pl agent -am package -DskipTests; . target/test-env/env.sh (prometheus, promtool, node exporter).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MINUTES="${1:-40}"; CONTAINERS="${2:-4}"
LABEL="homelab.test=metrics-store-real-data"
NODE_EXPORTER="${HOMELAB_TEST_NODE_EXPORTER:-/usr/bin/prometheus-node-exporter}"
IMAGE="${HOMELAB_TEST_DOCKER_IMAGE:-homelab-test/busybox:latest}"
JAVA="${HOMELAB_JAVA:-java}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

record() {
  local out="$1" work pids=()
  [ -f "$ROOT/agent/target/quarkus-app/quarkus-run.jar" ] \
    || { echo "the agent is not packaged: mvn -pl agent -am package -DskipTests" >&2; exit 1; }
  work="$(mktemp -d)"
  cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    docker ps -aq --filter "label=$LABEL" | xargs -r docker rm -f >/dev/null
    rm -rf "$work"
  }
  trap cleanup EXIT
  # Containers whose CPU, memory, block I/O and log counters move, as a homelab's services do (slowly).
  for i in $(seq 1 "$CONTAINERS"); do
    docker run -d --label "$LABEL" --name "metrics-real-data-$i-$$" "$IMAGE" sh -c \
      "i=0; while true; do i=\$((i+1)); echo tick \$i; dd if=/dev/zero of=/tmp/f bs=64k count=\$((i % 32 + $i)) 2>/dev/null;
       [ \$((i % 7)) = 0 ] && rm -f /tmp/f; sleep $i; done" >/dev/null
  done
  local api metrics node
  api="$(free_port)"; metrics="$(free_port)"; node="$(free_port)"
  HOMELAB_AGENT_DATA_DIR="$work/agent" QUARKUS_HTTP_PORT="$api" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT="$metrics" QUARKUS_MANAGEMENT_HOST=127.0.0.1 HOMELAB_AGENT_TLS_ENABLED=false \
    "$JAVA" -Xmx64m -XX:+UseSerialGC -jar "$ROOT/agent/target/quarkus-app/quarkus-run.jar" >"$work/agent.log" 2>&1 &
  pids+=($!)
  "$NODE_EXPORTER" --web.listen-address="127.0.0.1:$node" >"$work/node-exporter.log" 2>&1 &
  pids+=($!)
  for u in "http://127.0.0.1:$metrics/metrics" "http://127.0.0.1:$node/metrics"; do
    for _ in $(seq 1 180); do curl -fsS -o /dev/null "$u" 2>/dev/null && break; sleep 0.5; done
    curl -fsS -o /dev/null "$u" || { echo "$u does not answer" >&2; tail -20 "$work"/*.log >&2; exit 1; }
  done
  echo "recording: agent and node exporter every 1 s for $MINUTES min, $CONTAINERS containers; load $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 "$ROOT/benchmarks/metrics/record_scrapes.py" "$out" "$MINUTES" 1 \
    "agent=http://127.0.0.1:$metrics/metrics" "node_exporter=http://127.0.0.1:$node/metrics"
  echo "recorded; load $(cut -d' ' -f1-3 /proc/loadavg)"
  cleanup
  trap - EXIT
}

if [ -z "${RECORDING:-}" ]; then
  RECORDING="$ROOT/target/metrics-real-data/recording"
  rm -rf "$RECORDING"; mkdir -p "$RECORDING"
  record "$RECORDING"
  [ -z "${RECORD_ONLY:-}" ] || exit 0
fi
cd "$ROOT"
mvn -B -q -pl controller -am verify -Dtest=TsdbRealDataBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx2g -Dbench.recording=$RECORDING" -Dspotless.check.skip=true
cat "$ROOT/controller/target/benchmarks/metrics-store-real-data.txt"
