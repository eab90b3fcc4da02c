#!/usr/bin/env bash
# Where a service's start-up goes: starts the packaged service once on a scratch data directory (so the restart
# that follows is the common case), then again under JFR method sampling (1 ms), and prints
#   - CPU to ready, per thread (utime+stime from /proc: the JIT compiler and GC threads show up here, not in JFR),
#   - the Java samples per start-up phase: the Quarkus recorder step or our own bean (constructor, @PostConstruct,
#     StartupEvent observer) each sample ran under, outermost first, per thread.
# The per-phase counts are shares, not milliseconds (JFR samples a few threads per period), and they count Java
# code only; run it twice on a busy machine before trusting a difference of a few samples.
#
# Usage: benchmarks/startup-profile.sh SERVICE [TOP]      (SERVICE: agent controller tracking-server dashboard)
# Needs: the service packaged (mvn -pl SERVICE -am package -DskipTests) and the JDK's `jfr` tool on the PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVICE="${1:?service name}"
TOP="${2:-30}"
JAVA="${HOMELAB_JAVA:-java}"
APP="$ROOT/$SERVICE/target/quarkus-app"
[ -f "$APP/quarkus-run.jar" ] || { echo "$SERVICE is not packaged: mvn -pl $SERVICE -am package -DskipTests" >&2; exit 1; }
command -v jfr >/dev/null || { echo "the JDK's jfr tool is not on the PATH" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
OPTS="$(ROOT="$ROOT" JAVA="$JAVA" bash -c "source <(sed -n '/^jvm_opts()/,/^}/p;/^agent_compile_opts()/,/^}/p;/^common_jvm_opts()/,/^}/p;/^trim_native_heap_opt()/,/^}/p' '$ROOT/homelab'); jvm_opts $SERVICE")"

# JFR's "profile" settings with method sampling every millisecond instead of every 10-20.
JFC="$WORK/startup.jfc"
sed -E '/<event name="jdk.(Execution|NativeMethod)Sample">/,/<\/event>/ s|(<setting name="period"[^>]*>)[^<]*|\11 ms|' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")/lib/jfr/profile.jfc" >"$JFC"

python3 - "$APP" "$SERVICE" "$WORK" "$JAVA" "$OPTS" "$JFC" "$TOP" <<'PY'
import collections, json, os, re, socket, subprocess, sys, time

app, service, work, java, opts, jfc, top = sys.argv[1:8]
tick = os.sysconf("SC_CLK_TCK")

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def ready(port, path):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as c:
            c.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            c.settimeout(2)
            return c.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False

def cpu(stat):
    f = stat.rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / tick

def start(extra):
    http, mgmt = free_port(), free_port()
    env = dict(os.environ, QUARKUS_HTTP_PORT=str(http), QUARKUS_HTTP_HOST="127.0.0.1")
    prefix = "TRACKING" if service == "tracking-server" else service.upper()
    env[f"HOMELAB_{prefix}_DATA_DIR"] = f"{work}/data"
    port, path = http, "/q/health/ready"
    if service == "agent":
        env.update(QUARKUS_MANAGEMENT_PORT=str(mgmt), QUARKUS_MANAGEMENT_HOST="127.0.0.1")
        port, path = mgmt, "/q/health/live"
    if service == "dashboard":
        env.update(HOMELAB_DASHBOARD_CONTROLLER_URL=f"http://127.0.0.1:{free_port()}",
                   HOMELAB_DASHBOARD_TRACKING_URL=f"http://127.0.0.1:{free_port()}")
    log = open(f"{work}/service.log", "ab")
    t0 = time.perf_counter()
    p = subprocess.Popen([java] + opts.split() + extra + ["-jar", f"{app}/quarkus-run.jar"], env=env,
                         stdout=log, stderr=subprocess.STDOUT, cwd=work)
    while not ready(port, path):
        if p.poll() is not None:
            raise SystemExit(f"{service} exited during start-up:\n" + open(f"{work}/service.log").read()[-2000:])
        time.sleep(0.01)
    wall = time.perf_counter() - t0
    total = cpu(open(f"/proc/{p.pid}/stat").read())
    threads = collections.Counter()
    for t in os.listdir(f"/proc/{p.pid}/task"):
        try:
            threads[open(f"/proc/{p.pid}/task/{t}/comm").read().strip()] += cpu(open(f"/proc/{p.pid}/task/{t}/stat").read())
        except OSError:
            pass
    p.terminate(); p.wait(30)
    return wall, total, threads

start([])  # first start: creates the data directory; the profiled start is a restart
rec = f"{work}/startup.jfr"
wall, total, threads = start(["-XX:FlightRecorderOptions:stackdepth=1024",
                              f"-XX:StartFlightRecording=filename={rec},settings={jfc},dumponexit=true"])
print(f"{service}: ready in {wall:.2f} s wall, {total:.2f} s CPU (load average {open('/proc/loadavg').read().split()[0]})")
print("CPU s per live thread at ready (threads that already ended are only in the total):")
for name, s in threads.most_common(10):
    if s > 0:
        print(f"  {s:5.2f}  {name}")

out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "1024", "--events", "jdk.ExecutionSample", rec],
                     capture_output=True, text=True, check=True).stdout
phases = collections.Counter()
events = json.loads(out)["recording"]["events"]
own = re.compile(r"^io\.homelab\..*(notify|create|<init>|PostConstruct)$|^io\.homelab\..*\.<init>$")
step = re.compile(r"recorded\.\w+\$\w+\.deploy$")
for e in events:
    v = e["values"]
    frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
              for f in v["stackTrace"]["frames"]][::-1]
    key = next((n.split("_")[0] for n in frames if own.search(n)), None) \
        or next((re.sub(r"\d+\.deploy$", "", n.rsplit(".", 2)[-2] + ".deploy") + " (Quarkus step)"
                 for n in frames if step.search(n)), None) \
        or "other: " + (frames[0] if frames else "?")
    phases[f"{v['sampledThread']['javaName'][:24]:24} {key}"] += 1
print(f"Java samples per phase ({len(events)} in all), thread and phase:")
for k, n in phases.most_common(int(top)):
    print(f"  {n:5d}  {k}")
PY
