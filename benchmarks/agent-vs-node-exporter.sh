#!/usr/bin/env bash
# Benchmark: the agent's /metrics (port 9100 role) against the real node_exporter, in one run.
#
# Measures, for each target, over the same number of sequential scrapes on 127.0.0.1:
#   CPU time per scrape (utime+stime of the exporter process from /proc/PID/stat, delta / scrapes; the stime part
#   is also shown: mostly reading proc and sysfs files),
#   scrape latency p50 / p99 (HTTP request on a kept-alive connection, full body read),
#   resident memory after the run (VmRSS) and its peak (VmHWM),
#   and the same CPU per scrape over the FIRST scrapes after a fresh start (COLD, default 300), before any
#   warm-up: the cost of the first hours after every restart at a 15 s interval (JIT and class loading).
# Targets: node_exporter with its defaults; node_exporter limited to the collectors the agent has;
# the agent with node collectors only; the agent with every collector (container + gpu too).
# Before the exporters start, BENCH_CONTAINERS running containers are started on the local dockerd, so the
# container collector does its real work (list, inspect, cgroup reads per container) as on a VM with
# containers; they are removed at the end (only those this run started).
#
# Usage: benchmarks/agent-vs-node-exporter.sh [SCRAPES] [WARMUP] [COLD]      (defaults 1000, 300 and 300)
# Env:   AGENT_JAVA_OPTS  JVM flags for the agent (default: the documented small-heap flags below)
#        AGENT_JAR  the agent to run (default: agent/target/quarkus-app/quarkus-run.jar)
#        BENCH_CONTAINERS  running containers during the run (default 10; 0 = none)
#        BENCH_IMAGE  their image (default: $HOMELAB_TEST_DOCKER_IMAGE or homelab-test/busybox:latest; local,
#                     never pulled)
#        HOMELAB_TEST_NODE_EXPORTER  node_exporter binary (default: prometheus-node-exporter on PATH)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRAPES="${1:-1000}"
WARMUP="${2:-300}"
COLD="${3:-300}"
NODE_EXPORTER="${HOMELAB_TEST_NODE_EXPORTER:-$(command -v prometheus-node-exporter || command -v node_exporter || true)}"
# Documented agent flags (docs/metrics.md "JVM flags"): serial GC, a small heap that is given back and
# a 2 MB young generation (a scrape's garbage is short-lived), C1 only (C2 costs ~30 MB of compiler
# arenas for little gain on a 15 s scrape) compiling only what runs often (CompileThresholdScaling),
# except the scrape path (ours, Vert.x/Netty, java.util, sun.nio), which compiles after fewer calls so that the first
# scrapes after a start are as cheap as later ones (CompileCommand), freed malloc memory handed back to the OS every
# 5 s, one malloc arena, no hsperfdata file.
AGENT_JAVA_OPTS="${AGENT_JAVA_OPTS:--XX:+UseSerialGC -Xms4m -Xmx32m -Xmn2m -XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=5 -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5 -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,io/homelab/*.*,0.05 -XX:CompileCommand=CompileThresholdScaling,io/netty/*.*,0.1 -XX:CompileCommand=CompileThresholdScaling,io/vertx/*.*,0.1 -XX:CompileCommand=CompileThresholdScaling,java/util/*.*,0.5 -XX:CompileCommand=CompileThresholdScaling,sun/nio/*.*,0.5 -XX:ReservedCodeCacheSize=16m -XX:CICompilerCount=1 -Xss256k -XX:TrimNativeHeapInterval=5000 -XX:-UsePerfData}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
JAR="${AGENT_JAR:-$ROOT/agent/target/quarkus-app/quarkus-run.jar}"
BENCH_CONTAINERS="${BENCH_CONTAINERS:-10}"
BENCH_IMAGE="${BENCH_IMAGE:-${HOMELAB_TEST_DOCKER_IMAGE:-homelab-test/busybox:latest}}"

[ -x "$NODE_EXPORTER" ] || { echo "node_exporter not found; run scripts/test-env.sh" >&2; exit 1; }
if [ ! -f "$JAR" ]; then
  echo "building the agent (mvn -pl agent -am package -DskipTests)" >&2
  (cd "$ROOT" && mvn -B -q -pl agent -am package -DskipTests)
fi

WORK="$(mktemp -d)"
PIDS=()
CONTAINERS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # Only the containers this run started, by id.
  if [ "${#CONTAINERS[@]}" -gt 0 ]; then docker rm -f "${CONTAINERS[@]}" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "$BENCH_CONTAINERS" -gt 0 ]; then
  docker image inspect "$BENCH_IMAGE" >/dev/null 2>&1 \
    || { echo "image $BENCH_IMAGE not present locally; run scripts/test-env.sh" >&2; exit 1; }
  for i in $(seq 1 "$BENCH_CONTAINERS"); do
    CONTAINERS+=("$(docker run -d --pull never --name "agentrss-bench-$$-$i" --label homelab.test=agentrss-bench \
      "$BENCH_IMAGE" sleep 3600)")
  done
fi
echo "running containers on this dockerd during the run: $(docker ps -q 2>/dev/null | wc -l) ($BENCH_CONTAINERS started by this run)" >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() {
  for _ in $(seq 1 150); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "no answer from $1" >&2; return 1
}

OUR_COLLECTORS="arp conntrack cpu diskstats entropy filefd filesystem hwmon loadavg meminfo netclass netdev netstat os pressure stat thermal_zone time uname vmstat"
MP_EXCLUDE='^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)'

start_node_exporter() { # name, extra args...
  local name="$1"; shift
  local port; port="$(free_port)"
  "$NODE_EXPORTER" --web.listen-address="127.0.0.1:$port" --no-collector.systemd \
    "--collector.filesystem.mount-points-exclude=$MP_EXCLUDE" '--collector.netdev.device-exclude=^$' \
    "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=("$!")
  echo "$name $! http://127.0.0.1:$port/metrics" >>"$WORK/targets"
  wait_http "http://127.0.0.1:$port/metrics"
}

start_agent() { # name, disabled collectors
  local name="$1" disabled="$2"
  local mport hport; mport="$(free_port)"; hport="$(free_port)"
  # shellcheck disable=SC2086
  set -f  # the CompileCommand patterns hold '*' for the JVM
  HOMELAB_AGENT_DATA_DIR="$WORK/$name-data" HOMELAB_AGENT_COLLECTORS_DISABLED="$disabled" \
    QUARKUS_HTTP_PORT="$hport" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT="$mport" QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    java $AGENT_JAVA_OPTS -jar "$JAR" >"$WORK/$name.log" 2>&1 &
  PIDS+=("$!")
  set +f
  echo "$name $! http://127.0.0.1:$mport/metrics" >>"$WORK/targets"
  wait_http "http://127.0.0.1:$mport/metrics"
}

only_ours=(--collector.disable-defaults)
for c in $OUR_COLLECTORS; do only_ours+=("--collector.$c"); done

start_node_exporter node_exporter
start_node_exporter node_exporter-same-collectors "${only_ours[@]}"
start_agent agent-node-only "container,gpu"
start_agent agent-all ""

python3 - "$WORK/targets" "$SCRAPES" "$WARMUP" "$COLD" <<'PY'
import http.client, os, sys, time, urllib.parse

targets = [l.split() for l in open(sys.argv[1]) if l.strip()]
scrapes, warmup, cold = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
tick = os.sysconf("SC_CLK_TCK")

def cpu(pid):
    """(utime + stime, stime) in seconds: the kernel's share is mostly reading proc and sysfs files."""
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / tick, int(f[12]) / tick

def status(pid, key):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024.0  # MiB
    return float("nan")

def run(url, n):
    u = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    lat, size = [], 0
    for _ in range(n):
        t0 = time.perf_counter()
        conn.request("GET", u.path, headers={"Accept": "text/plain;version=0.0.4"})
        r = conn.getresponse()
        body = r.read()
        lat.append(time.perf_counter() - t0)
        assert r.status == 200, (url, r.status)
        size = len(body)
    conn.close()
    return sorted(lat), size

def pct(s, p):
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]

rows = []
load0 = open("/proc/loadavg").read().split()[:3]
# The first COLD scrapes of each freshly started exporter (only the readiness probe came before), each in turn.
cold_rows = {}
for name, pid, url in targets:
    c0 = cpu(pid)
    lat, _ = run(url, cold) if cold > 0 else ([0.0], 0)
    c1 = cpu(pid)
    cold_rows[name] = ((c1[0] - c0[0]) / max(cold, 1) * 1000, pct(lat, 50) * 1000, pct(lat, 99) * 1000,
                       status(pid, "VmRSS"))
# Then warm-up for all targets, then measure each in turn.
for name, pid, url in targets:
    run(url, warmup)
for name, pid, url in targets:
    c0 = cpu(pid)
    lat, size = run(url, scrapes)
    c1 = cpu(pid)
    rows.append((name, (c1[0] - c0[0]) / scrapes * 1000, pct(lat, 50) * 1000, pct(lat, 99) * 1000,
                 status(pid, "VmRSS"), status(pid, "VmHWM"), size, (c1[1] - c0[1]) / scrapes * 1000))

load1 = open("/proc/loadavg").read().split()[:3]
print(f"scrapes per target: {scrapes} (after {cold} first scrapes and {warmup} warm-up), sequential, keep-alive,"
      " 127.0.0.1")
print(f"load average before {' '.join(load0)}, after {' '.join(load1)}")
agent_all = [t for t in targets if t[0] == "agent-all"][0]
u = urllib.parse.urlparse(agent_all[2])
c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
c.request("GET", u.path)
seen = [l for l in c.getresponse().read().decode().splitlines() if l.startswith("container_last_seen{")]
print(f"containers in the agent-all scrape (container_last_seen series): {len(seen)}")
print(f"{'target':32} {'CPU ms/scrape':>13} {'of it sys':>9} {'p50 ms':>8} {'p99 ms':>8} {'RSS MiB':>8} {'peak MiB':>9} {'bytes':>8}")
for r in rows:
    print(f"{r[0]:32} {r[1]:13.2f} {r[7]:9.2f} {r[2]:8.2f} {r[3]:8.2f} {r[4]:8.1f} {r[5]:9.1f} {r[6]:8d}")
if cold > 0:
    print(f"first {cold} scrapes after start:")
    print(f"{'target':32} {'CPU ms/scrape':>13} {'p50 ms':>8} {'p99 ms':>8} {'RSS MiB':>8}")
    for name, c in cold_rows.items():
        print(f"{name:32} {c[0]:13.2f} {c[1]:8.2f} {c[2]:8.2f} {c[3]:8.1f}")
    for name in ("agent-node-only", "agent-all"):
        print(f"ratio first {cold} scrapes {name} / node_exporter: CPU"
              f" {cold_rows[name][0] / cold_rows['node_exporter'][0]:.2f};"
              f" vs same collectors: CPU {cold_rows[name][0] / cold_rows['node_exporter-same-collectors'][0]:.2f}")
print("steady state:")
base = {r[0]: r for r in rows}
ne, ns = base["node_exporter"], base["node_exporter-same-collectors"]
for name in ("agent-node-only", "agent-all"):
    a = base[name]
    print(f"ratio {name} / node_exporter: CPU {a[1] / ne[1]:.2f}, p99 {a[3] / ne[3]:.2f}, RSS {a[4] / ne[4]:.2f};"
          f" vs same collectors: CPU {a[1] / ns[1]:.2f}, p99 {a[3] / ns[3]:.2f}")
PY
