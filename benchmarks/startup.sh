#!/usr/bin/env bash
# Benchmark: time from `java -jar` to a ready /q/health/ready for each packaged service, on the JVM.
#
# Each service is started RUNS times with the JVM flags `./homelab up` gives it (its own `jvm_opts`): the first start
# on an empty data directory (database created, migrations applied, initial admin written), the others on that same
# directory (a restart, the common case). Readiness is polled every 10 ms from one Python process (no curl per
# probe: on 2 cores a process per probe would slow the service it measures). Every run also records the service's
# CPU time (utime+stime) until ready. When a service's packaged app has a class-data archive
# (quarkus-app/app-cds.jsa, made by `mvn package`, see docs/operations.md "Class-data sharing"), every run is made
# twice, without and with `-XX:SharedArchiveFile`, so one run shows both.
#
# Usage: benchmarks/startup.sh [RUNS] [SERVICES...]     (defaults: 5; agent controller tracking-server dashboard)
# Needs: each service packaged (mvn -pl <service> -am package -DskipTests); the agent reads Docker when it can.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
shift || true
SERVICES=("$@")
[ "${#SERVICES[@]}" -gt 0 ] || SERVICES=(agent controller tracking-server dashboard)
JAVA="${HOMELAB_JAVA:-java}"

for s in "${SERVICES[@]}"; do
  [ -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ] \
    || { echo "$s is not packaged: mvn -pl $s -am package -DskipTests" >&2; exit 1; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The flags ./homelab up uses (homelab's jvm_opts), read from the script so the two cannot drift apart.
jvm_opts() { (ROOT="$ROOT" JAVA="$JAVA" bash -c "source <(sed -n '/^jvm_opts()/,/^}/p;/^agent_compile_opts()/,/^}/p;/^common_jvm_opts()/,/^}/p;/^trim_native_heap_opt()/,/^}/p' '$ROOT/homelab'); jvm_opts $1"); }

for s in "${SERVICES[@]}"; do
  echo "$s $(jvm_opts "$s")" >>"$WORK/services"
done

python3 - "$ROOT" "$WORK" "$RUNS" "$JAVA" <<'PY'
import os, socket, statistics, subprocess, sys, time

root, work, runs, java = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
tick = os.sysconf("SC_CLK_TCK")

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def ready(port, path):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as c:
            c.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            c.settimeout(2)
            head = c.recv(64)
            return head.startswith(b"HTTP/1.1 200")
    except OSError:
        return False

def cpu(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / tick

def start(service, opts, data, cds):
    http, mgmt = free_port(), free_port()
    env = dict(os.environ, QUARKUS_HTTP_PORT=str(http), QUARKUS_HTTP_HOST="127.0.0.1")
    prefix = "TRACKING" if service == "tracking-server" else service.upper()
    env[f"HOMELAB_{prefix}_DATA_DIR"] = data
    port, path = http, "/q/health/ready"
    if service == "agent":
        env.update(QUARKUS_MANAGEMENT_PORT=str(mgmt), QUARKUS_MANAGEMENT_HOST="127.0.0.1", MALLOC_ARENA_MAX="1")
        port, path = mgmt, "/q/health/live"  # ready also needs Docker; ./homelab up waits for live too
    if service == "dashboard":
        # Nothing listens there: the dashboard is ready without its upstreams (pages show them as down).
        env.update(HOMELAB_DASHBOARD_CONTROLLER_URL=f"http://127.0.0.1:{free_port()}",
                   HOMELAB_DASHBOARD_TRACKING_URL=f"http://127.0.0.1:{free_port()}")
    app = f"{root}/{service}/target/quarkus-app"
    cmd = [java] + opts.split()
    if cds:
        cmd.append(f"-XX:SharedArchiveFile={app}/app-cds.jsa")
    cmd += ["-jar", f"{app}/quarkus-run.jar"]
    log = open(f"{data}.log", "ab")
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=work)
    while not ready(port, path):
        if p.poll() is not None:
            raise SystemExit(f"{service} exited during start-up; see {data}.log:\n" + open(f"{data}.log").read()[-2000:])
        if time.perf_counter() - t0 > 120:
            p.kill(); raise SystemExit(f"{service} not ready after 120 s")
        time.sleep(0.01)
    elapsed = time.perf_counter() - t0
    used = cpu(p.pid)
    p.terminate()
    p.wait(30)
    return elapsed, used

load0 = open("/proc/loadavg").read().split()[:3]
rows = []
for line in open(f"{work}/services"):
    service, opts = line.split(" ", 1)
    opts = opts.strip()
    has_cds = os.path.exists(f"{root}/{service}/target/quarkus-app/app-cds.jsa")
    for cds in ([False, True] if has_cds else [False]):
        data = f"{work}/{service}-{'cds' if cds else 'plain'}"
        results = [start(service, opts, data, cds) for _ in range(runs)]
        first, rest = results[0], results[1:] or results
        rows.append((service + (" + AppCDS" if cds else ""), first, statistics.median(r[0] for r in rest),
                     max(r[0] for r in rest), statistics.median(r[1] for r in rest)))
load1 = open("/proc/loadavg").read().split()[:3]
print(f"java: {subprocess.run([java, '-version'], capture_output=True, text=True).stderr.splitlines()[1]}")
print(f"runs per service: {runs} (first on an empty data dir, then restarts); load average before"
      f" {' '.join(load0)}, after {' '.join(load1)}")
print(f"{'service':28} {'first start s':>13} {'restart p50 s':>13} {'restart max s':>13} {'CPU s to ready':>14}")
for r in rows:
    print(f"{r[0]:28} {r[1][0]:13.2f} {r[2]:13.2f} {r[3]:13.2f} {r[4]:14.2f}")
PY
