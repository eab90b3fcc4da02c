#!/usr/bin/env bash
# Controller memory with live series (docs/benchmarks.md, "Controller RSS with 20k active series"): TARGETS fake
# metrics targets on loopback, SERIES series each (half counters, half gauges, new values every scrape), listed in
# homelab.controller.scrape.targets of a packaged controller started with the JVM flags `./homelab up` gives it; the
# controller scrapes them every 15 s for MINUTES minutes. Every 30 s: the process's RSS and CPU time, and the number
# of series the store answers for (count over /api/v1/query, as the admin).
#   benchmarks/controller-rss.sh [targets=20] [series=1000] [minutes=10]
# Needs: mvn -pl controller -am package -DskipTests
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGETS="${1:-20}"; SERIES="${2:-1000}"; MINUTES="${3:-10}"
JAVA="${HOMELAB_JAVA:-java}"
[ -f "$ROOT/controller/target/quarkus-app/quarkus-run.jar" ] \
  || { echo "the controller is not packaged: mvn -pl controller -am package -DskipTests" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# The flags ./homelab up uses (homelab's jvm_opts), read from the script so the two cannot drift apart.
OPTS="$(ROOT="$ROOT" JAVA="$JAVA" bash -c "source <(sed -n '/^jvm_opts()/,/^}/p;/^agent_compile_opts()/,/^}/p;/^common_jvm_opts()/,/^}/p;/^trim_native_heap_opt()/,/^}/p' '$ROOT/homelab'); jvm_opts controller")"

python3 - "$ROOT" "$WORK" "$TARGETS" "$SERIES" "$MINUTES" "$JAVA" "$OPTS" <<'PY'
import base64, json, os, random, secrets, socket, subprocess, sys, threading, time, urllib.parse, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

root, work, targets, series, minutes, java, opts = sys.argv[1:8]
targets, series, minutes = int(targets), int(series), int(minutes)
tick = os.sysconf("SC_CLK_TCK")
page = os.sysconf("SC_PAGE_SIZE")

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

class Target:
    """One fake target: SERIES series in the Prometheus text format, values moving at every scrape."""
    def __init__(self, n):
        self.n, self.lock, self.scrapes = n, threading.Lock(), 0
        self.values = [0.0] * series
        self.rng = random.Random(n)

    def body(self):
        with self.lock:
            self.scrapes += 1
            out = ["# TYPE bench_counter_total counter", "# TYPE bench_gauge gauge"]
            for k in range(series):
                if k % 2 == 0:
                    self.values[k] += round(self.rng.random() * 15, 2)
                    name = "bench_counter_total"
                else:
                    if self.rng.random() < 0.1:
                        self.values[k] = float(self.rng.randrange(1_000_000))
                    name = "bench_gauge"
                out.append(f'{name}{{series="{k}",cpu="{k % 16}"}} {self.values[k]}')
            return ("\n".join(out) + "\n").encode()

def serve(target, port):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = target.body()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        def log_message(self, *a):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

fakes = []
urls = []
for n in range(targets):
    t, port = Target(n), free_port()
    serve(t, port)
    fakes.append(t)
    urls.append(f"http://127.0.0.1:{port}/metrics")

http = free_port()
password = secrets.token_urlsafe(18)
env = dict(os.environ, QUARKUS_HTTP_PORT=str(http), QUARKUS_HTTP_HOST="127.0.0.1",
           HOMELAB_CONTROLLER_DATA_DIR=f"{work}/data", HOMELAB_CONTROLLER_ADMIN_PASSWORD=password,
           HOMELAB_CONTROLLER_SCRAPE_TARGETS=",".join(urls))
cmd = [java] + opts.split() + ["-jar", f"{root}/controller/target/quarkus-app/quarkus-run.jar"]
log = open(f"{work}/controller.log", "wb")
p = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=work)
auth = "Basic " + base64.b64encode(f"admin:{password}".encode()).decode()

def query(q):
    req = urllib.request.Request(f"http://127.0.0.1:{http}/api/v1/query?" + urllib.parse.urlencode({"query": q}),
                                 headers={"Authorization": auth})
    with urllib.request.urlopen(req, timeout=30) as r:
        res = json.load(r)["data"]["result"]
        return float(res[0]["value"][1]) if res else 0.0

def rss_and_cpu(pid):
    with open(f"/proc/{pid}/statm") as f:
        rss = int(f.read().split()[1]) * page
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return rss, (int(f[11]) + int(f[12])) / tick

try:
    t0 = time.time()
    while True:
        if p.poll() is not None:
            raise SystemExit("controller exited:\n" + open(f"{work}/controller.log").read()[-3000:])
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{http}/q/health/ready", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if time.time() - t0 > 180:
            raise SystemExit("controller not ready after 180 s")
        time.sleep(0.2)
    load0 = open("/proc/loadavg").read().split()[:3]
    print(f"java: {subprocess.run([java, '-version'], capture_output=True, text=True).stderr.splitlines()[1]}")
    print(f"controller flags: {opts}")
    print(f"{targets} targets x {series} series, scraped every 15 s; load average at start {' '.join(load0)}")
    print(f"{'minute':>6} {'RSS MiB':>8} {'CPU s':>7} {'CPU % of a core (last 30 s)':>28} {'series in store':>15} {'scrapes served':>14}")
    start = time.time()
    last_cpu, last_t = rss_and_cpu(p.pid)[1], start
    peak = 0
    while time.time() - start < minutes * 60:
        time.sleep(30)
        if p.poll() is not None:
            raise SystemExit("controller exited:\n" + open(f"{work}/controller.log").read()[-3000:])
        rss, cpu = rss_and_cpu(p.pid)
        now = time.time()
        peak = max(peak, rss)
        active = query('count({job="static", __name__=~"bench_.*"})')
        print(f"{(now - start) / 60:6.1f} {rss / 1048576:8.1f} {cpu:7.1f} {100 * (cpu - last_cpu) / (now - last_t):28.1f}"
              f" {active:15.0f} {sum(f.scrapes for f in fakes):14d}", flush=True)
        last_cpu, last_t = cpu, now
    print(f"peak RSS {peak / 1048576:.1f} MiB; load average at end {' '.join(open('/proc/loadavg').read().split()[:3])}")
finally:
    p.terminate()
    try:
        p.wait(30)
    except subprocess.TimeoutExpired:
        p.kill()
PY
