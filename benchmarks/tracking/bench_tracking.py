#!/usr/bin/env python3
"""Side-by-side benchmark: Homelab Observer tracking-server vs the real `mlflow server` (issue 7).

Both servers run on this machine on loopback ports, each on a fresh SQLite store, and receive the
same REST traffic from this script:

  1. one log-batch of 1,000 metrics at a time, two shapes (20 keys x 50 steps; 1,000 distinct keys),
     on one kept-alive connection: 20 uncounted warm-up requests, then p50/p99 over BATCH_REPEATS
     (--batch-repeats) and the server's CPU time per request (its whole process group, from /proc)
  2. 8 concurrent writers (log-batch of 100 metrics each, WRITER_SECONDS long after an uncounted
     WRITER_WARMUP_SECONDS of the same load): points/s and errors
  3. search over 10,000 runs with a metric filter and a metric order (runs/search, max_results=100),
     and with a metric, a param and a tag filter together
  4. get-history of one metric with 100,000 points (whole history in one request): p50 of the time
     to the parsed JSON (`.json()`), and of the same requests' time to the received body

Usage (from the repository root, after `mvn -pl tracking-server -am package -DskipTests`):
  . target/test-env/env.sh
  $HOMELAB_TEST_PYTHON benchmarks/tracking/bench_tracking.py [--jar tracking-server/target/quarkus-app/quarkus-run.jar]
      [--only batch,writers,search,history]   (default: all four scenarios)
      [--skip-mlflow] [--java-opts="-XX:StartFlightRecording=..."]   (profiling our side only)

The MLflow server is the `mlflow` executable next to the Python interpreter (the test venv).
Auth is off on both sides (MLflow's default server has none). Prints a Markdown table with ratios.
"""
import argparse
import collections
import concurrent.futures
import http.client
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from servers import free_port, start, stop, wait_up  # noqa: E402  (benchmarks/servers.py)

BATCH_WARMUP = 20
BATCH_REPEATS = 40
BATCH_REPEATS_ARG = [BATCH_REPEATS]  # --batch-repeats
SHAPES_ARG = []  # --shapes (default: every shape of BATCH_SHAPES)
WRITERS = 8
WRITER_SECONDS = 15
WRITER_WARMUP_SECONDS = 10
SEARCH_RUNS = 10_000
SEARCH_REPEATS = 20
HISTORY_POINTS = 100_000
HISTORY_REPEATS = 5


class Api:
    def __init__(self, base):
        self.base = base + "/api/2.0/mlflow/"
        self.session = requests.Session()

    def post(self, path, body, session=None):
        r = (session or self.session).post(self.base + path, json=body, timeout=600)
        if r.status_code != 200:
            raise RuntimeError(f"{path}: {r.status_code} {r.text[:300]}")
        return r.json()

    def get(self, path, params):
        r = self.session.get(self.base + path, params=params, timeout=600)
        if r.status_code != 200:
            raise RuntimeError(f"{path}: {r.status_code} {r.text[:300]}")
        return r.json()

    def experiment(self, name):
        return self.post("experiments/create", {"name": name})["experiment_id"]

    def run(self, exp, session=None):
        return self.post("runs/create", {"experiment_id": exp, "start_time": int(time.time() * 1000)}, session)["run"]["info"]["run_id"]


def metrics(key, start, count, ts0):
    return [{"key": key, "value": random.random(), "timestamp": ts0 + start + i, "step": start + i} for i in range(count)]


BATCH_SHAPES = {
    # A training loop logging 20 metrics per step, 50 steps per request.
    "20x50": lambda step0: [{"key": f"m{k}", "value": random.random(), "timestamp": 1_700_000_000_000 + step0 + s,
                             "step": step0 + s} for s in range(50) for k in range(20)],
    # 1,000 distinct keys in one request (a wide evaluation report, per-class scores, ...).
    "1000keys": lambda step0: [{"key": f"k{k}", "value": random.random(), "timestamp": 1_700_000_000_000 + step0,
                                "step": step0} for k in range(1000)],
}


def group_cpu_seconds(pgid):
    """utime+stime of every process in the server's process group (MLflow's server is several
    processes; ours is one), from /proc: CPU time is robust on a loaded machine, latency is not."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            f = open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(f[2]) == pgid:
            total += int(f[11]) + int(f[12])
    return total / tick


def thread_cpu_seconds(pgid):
    """utime+stime per thread name (digits folded: executor-thread-1 and -2 are one row) of every
    process in the group: where a request's CPU goes (request threads, event loops, the checkpoint
    thread, JIT compilers, GC), robust on a loaded machine where sampling profilers are not."""
    tick = os.sysconf("SC_CLK_TCK")
    out = collections.Counter()
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            if int(open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()[2]) != pgid:
                continue
            tasks = os.listdir(f"/proc/{d}/task")
        except OSError:
            continue
        for t in tasks:
            try:
                raw = open(f"/proc/{d}/task/{t}/stat").read()
            except OSError:
                continue
            name = "".join(ch if not ch.isdigit() else "#" for ch in raw[raw.index("(") + 1:raw.rindex(")")])
            f = raw.rsplit(")", 1)[1].split()
            out[name] += (int(f[11]) + int(f[12])) / tick
    return out


THREAD_CPU = [False]  # --thread-cpu


def bench_batch(api, shape):
    """One log-batch of 1,000 metrics at a time on one kept-alive connection (a training loop's
    call): BATCH_WARMUP uncounted requests, then p50 and p99 of BATCH_REPEATS, and the server's
    CPU time per request over those."""
    exp = api.experiment(f"bench-batch-{shape}")
    conn = Connection(api.base.split("/api/")[0])
    run = conn.post("runs/create", {"experiment_id": exp, "start_time": int(time.time() * 1000)})["run"]["info"]["run_id"]
    make = BATCH_SHAPES[shape]
    times = []
    cpu0 = 0.0
    repeats = BATCH_REPEATS_ARG[0]
    for r in range(BATCH_WARMUP + repeats):
        body = json.dumps({"run_id": run, "metrics": make(r * 1000)}).encode()
        if r == BATCH_WARMUP:
            cpu0 = group_cpu_seconds(api.pgid)
            threads0 = thread_cpu_seconds(api.pgid) if THREAD_CPU[0] else None
        t = time.perf_counter()
        conn.post_raw("runs/log-batch", body)
        if r >= BATCH_WARMUP:
            times.append((time.perf_counter() - t) * 1000)
    cpu_ms = (group_cpu_seconds(api.pgid) - cpu0) / repeats * 1000
    if THREAD_CPU[0]:
        spent = thread_cpu_seconds(api.pgid)
        spent.subtract(threads0)
        print(f"  server CPU per request by thread ({shape}): "
              + ", ".join(f"{n} {v / repeats * 1000:.2f} ms" for n, v in spent.most_common() if v > 0), flush=True)
    return statistics.median(times), percentile(times, 99), cpu_ms


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


class Connection:
    """One kept-alive HTTP/1.1 connection (stdlib http.client) for the concurrent-writers scenario.

    requests costs about 2 ms of client CPU per call (measured on the 2-core bench machine); with 8
    threads sharing one GIL that capped the client near our server's throughput, so the scenario
    measured the load generator. http.client costs about 0.5 ms. Both servers get the same client."""

    reconnects = 0  # kept-alive connections the server closed (each costs the next call a connect)

    def __init__(self, base):
        host, port = base.split("//")[1].split(":")
        self.host, self.port = host, int(port)
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=600)

    def post(self, path, body):
        return self.post_raw(path, json.dumps(body).encode())

    def post_raw(self, path, body):
        try:
            return self._exchange(path, body)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed the idle kept-alive connection (uvicorn does after a few seconds):
            # open a new one and send again, as any keep-alive client (requests, urllib3) does.
            Connection.reconnects += 1
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=600)
            return self._exchange(path, body)

    def _exchange(self, path, body):
        self.conn.request("POST", "/api/2.0/mlflow/" + path, body=body, headers={"Content-Type": "application/json"})
        r = self.conn.getresponse()
        text = r.read()
        if r.status != 200:
            raise RuntimeError(f"{path}: {r.status} {text[:300]!r}")
        return json.loads(text)


def bench_writers(api, seconds=WRITER_SECONDS):
    exp = api.experiment(f"bench-writers-{seconds}s")
    stop = time.time() + seconds
    points = [0] * WRITERS
    errors = [0] * WRITERS
    samples = {}
    base = api.base.split("/api/")[0]

    def writer(i):
        conn = Connection(base)
        try:
            run = conn.post("runs/create", {"experiment_id": exp, "start_time": int(time.time() * 1000)})["run"]["info"]["run_id"]
        except Exception as e:  # a failed create counts as an error of this writer
            errors[i] += 1
            samples.setdefault(i, str(e)[:200])
            return
        step = 0
        while time.time() < stop:
            try:
                conn.post("runs/log-batch", {"run_id": run, "metrics": metrics("loss", step, 100, 1_700_000_000_000)})
                points[i] += 100
            except Exception as e:
                errors[i] += 1
                samples.setdefault(i, str(e)[:200])
                conn = Connection(base)  # a failed exchange may leave the connection unusable
            step += 100

    t = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(writer, range(WRITERS)))
    elapsed = time.perf_counter() - t
    return sum(points) / elapsed, sum(errors), next(iter(samples.values()), "")


def bench_search(api):
    exp = api.experiment("bench-search")
    created = [0]
    lock = threading.Lock()

    def populate(chunk):
        session = requests.Session()
        for i in chunk:
            run = api.run(exp, session)
            api.post("runs/log-batch", {"run_id": run, "metrics": [{"key": "acc", "value": random.random(), "timestamp": 1, "step": 0},
                                                                    {"key": "loss", "value": random.random(), "timestamp": 1, "step": 0}],
                                        "params": [{"key": "model", "value": f"m{i % 10}"}],
                                        "tags": [{"key": "team", "value": f"t{i % 4}"}]}, session)
            with lock:
                created[0] += 1

    chunks = [range(k, SEARCH_RUNS, WRITERS) for k in range(WRITERS)]
    t = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(populate, chunks))
    populate_s = time.perf_counter() - t
    body = {"experiment_ids": [exp], "filter": "metrics.acc > 0.5", "order_by": ["metrics.acc DESC"], "max_results": 100}
    times, cpu = timed_searches(api, body, exactly=100)
    # A metric, a param and a tag filter together (about 1 run in 80 matches: 125 of 10,000).
    body3 = {"experiment_ids": [exp], "filter": "metrics.acc > 0.5 AND params.model = 'm3' AND tags.team = 't1'",
             "max_results": 100}
    times3, cpu3 = timed_searches(api, body3)
    return statistics.median(times), populate_s, statistics.median(times3), cpu, cpu3


def timed_searches(api, body, exactly=None):
    """SEARCH_REPEATS runs/search calls: their latencies (ms) and the server's CPU ms per call (robust
    on a loaded machine, where latency is mostly queueing for a core)."""
    times = []
    cpu0 = group_cpu_seconds(api.pgid)
    for _ in range(SEARCH_REPEATS):
        t = time.perf_counter()
        found = api.post("runs/search", body)
        times.append((time.perf_counter() - t) * 1000)
        got = len(found.get("runs", []))
        assert got == exactly if exactly else 0 < got <= 100, got
    return times, (group_cpu_seconds(api.pgid) - cpu0) / SEARCH_REPEATS * 1000


def bench_history(api):
    exp = api.experiment("bench-history")
    run = api.run(exp)
    for b in range(HISTORY_POINTS // 1000):
        api.post("runs/log-batch", {"run_id": run, "metrics": metrics("h", b * 1000, 1000, 1_700_000_000_000)})
    times, received, sizes = [], [], []
    for _ in range(HISTORY_REPEATS):
        t = time.perf_counter()
        r = api.session.get(api.base + "metrics/get-history", params={"run_id": run, "metric_key": "h"}, timeout=600)
        body_done = time.perf_counter()  # requests has read the whole body (stream=False)
        if r.status_code != 200:
            raise RuntimeError(f"metrics/get-history: {r.status_code} {r.text[:300]}")
        got = r.json()
        times.append((time.perf_counter() - t) * 1000)
        received.append((body_done - t) * 1000)
        sizes.append(len(r.content))
    assert len(got["metrics"]) == HISTORY_POINTS, len(got["metrics"])
    return statistics.median(times), statistics.median(received), statistics.median(sizes)


SCENARIOS = ("batch", "writers", "search", "history")


def measure(name, base, only, pgid):
    api = Api(base)
    api.pgid = pgid
    result = {}
    if "batch" in only:
        for shape in SHAPES_ARG:
            print(f"[{name}] log-batch of 1,000 metrics, {shape} ...", flush=True)
            (result[f"batch_{shape}_p50_ms"], result[f"batch_{shape}_p99_ms"],
             result[f"batch_{shape}_cpu_ms"]) = bench_batch(api, shape)
    if "writers" in only:
        print(f"[{name}] 8 writers: {WRITER_WARMUP_SECONDS} s warm-up (not counted) ...", flush=True)
        bench_writers(api, WRITER_WARMUP_SECONDS)
        print(f"[{name}] 8 writers ...", flush=True)
        result["writers_pps"], result["writers_errors"], result["writers_error_sample"] = bench_writers(api)
    if "search" in only:
        print(f"[{name}] search over {SEARCH_RUNS} runs ...", flush=True)
        (result["search_p50_ms"], result["search_populate_s"], result["search3_p50_ms"], result["search_cpu_ms"],
         result["search3_cpu_ms"]) = bench_search(api)
    if "history" in only:
        print(f"[{name}] history {HISTORY_POINTS} ...", flush=True)
        result["history_p50_ms"], result["history_body_p50_ms"], result["history_bytes"] = bench_history(api)
    result["reconnects"], Connection.reconnects = Connection.reconnects, 0
    print(f"[{name}] {result}", flush=True)
    return result


class SkipMlflow(Exception):
    """--skip-mlflow: only our side (while profiling); the figures claimed come from both sides."""


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default=os.path.join(root, "tracking-server/target/quarkus-app/quarkus-run.jar"))
    parser.add_argument("--mlflow", default=os.path.join(os.path.dirname(sys.executable), "mlflow"))
    parser.add_argument("--only", default=",".join(SCENARIOS),
                        help="comma-separated scenarios to run: " + ",".join(SCENARIOS) + " (default: all)")
    parser.add_argument("--batch-repeats", type=int, default=BATCH_REPEATS, help="measured single log-batches per shape")
    parser.add_argument("--shapes", default=",".join(BATCH_SHAPES),
                        help="batch shapes to run: " + ",".join(BATCH_SHAPES) + " (default: both; profiling one alone)")
    parser.add_argument("--thread-cpu", action="store_true", help="also print the batch scenario's server CPU per thread name")
    parser.add_argument("--skip-mlflow", action="store_true", help="run only our server (profiling; not for claims)")
    parser.add_argument("--java-opts", default="", help="extra JVM options for our server, e.g. a JFR recording")
    parser.add_argument("--keep", action="store_true", help="keep both servers' data directories (printed) for inspection")
    args = parser.parse_args()
    BATCH_REPEATS_ARG[0] = args.batch_repeats
    THREAD_CPU[0] = args.thread_cpu
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    SHAPES_ARG[:] = [x.strip() for x in args.shapes.split(",") if x.strip()]
    if not SHAPES_ARG or set(SHAPES_ARG) - set(BATCH_SHAPES):
        parser.error(f"--shapes takes some of {','.join(BATCH_SHAPES)}; got {args.shapes!r}")
    unknown = only - set(SCENARIOS)
    if unknown or not only:
        parser.error(f"--only takes some of {','.join(SCENARIOS)}; got {args.only!r}")
    work = tempfile.mkdtemp(prefix="bench-tracking-")
    results = {}
    try:
        ours_port, mlflow_port = free_port(), free_port()
        env = dict(os.environ, HOMELAB_TRACKING_DATA_DIR=os.path.join(work, "ours"), HOMELAB_TRACKING_AUTH_ENABLED="false",
                   QUARKUS_HTTP_PORT=str(ours_port), QUARKUS_HTTP_HOST="127.0.0.1")
        with open(os.path.join(work, "ours.log"), "w") as log:
            ours = start(["java", *args.java_opts.split(), "-jar", args.jar], env, log)
            try:
                wait_up(f"http://127.0.0.1:{ours_port}", ours)
                results["ours"] = measure("ours", f"http://127.0.0.1:{ours_port}", only, ours.pid)
            finally:
                stop(ours)
        if args.skip_mlflow:
            raise SkipMlflow()
        os.makedirs(os.path.join(work, "mlflow"))
        with open(os.path.join(work, "mlflow.log"), "w") as log:
            theirs = start([args.mlflow, "server", "--host", "127.0.0.1", "--port", str(mlflow_port),
                            "--backend-store-uri", f"sqlite:///{work}/mlflow/mlflow.db",
                            "--artifacts-destination", f"{work}/mlflow/artifacts"], dict(os.environ), log)
            try:
                wait_up(f"http://127.0.0.1:{mlflow_port}", theirs, 300)
                results["mlflow"] = measure("mlflow", f"http://127.0.0.1:{mlflow_port}", only, theirs.pid)
            finally:
                stop(theirs)
    except SkipMlflow:
        pass
    finally:
        if args.keep:
            print(f"data kept in {work} (ours/mlflow.db, mlflow/mlflow.db)")
        else:
            shutil.rmtree(work, ignore_errors=True)
    o = results["ours"]
    m = results.get("mlflow") or collections.defaultdict(lambda: float("nan"))

    def fmt(res, key, unit):
        return f"{res[key]:.1f}{unit}" if key in res else "not run"

    def ratio(theirs, ours, key):
        return f"{theirs[key] / ours[key]:.1f}x faster" if key in theirs else "-"
    print()
    print("| measurement | homelab tracking-server | mlflow server | ratio |")
    print("|---|---|---|---|")
    if "batch" in only:
        for shape, label in (("20x50", "20 keys x 50 steps"), ("1000keys", "1,000 distinct keys")):
            if shape not in SHAPES_ARG:
                continue
            for q in ("p50", "p99", "cpu"):
                k = f"batch_{shape}_{q}_ms"
                what = "server CPU per request" if q == "cpu" else q
                print(f"| one log-batch of 1,000 metrics, {label}, {what} | {o[k]:.1f} ms | {fmt(m, k, ' ms')} | {ratio(m, o, k)} |")
    if "writers" in only:
        print(f"| 8 concurrent writers (log-batch of 100) | {o['writers_pps']:.0f} points/s, {o['writers_errors']} errors | {m['writers_pps']:.0f} points/s, {m['writers_errors']} errors | {o['writers_pps'] / max(m['writers_pps'], 1e-9):.1f}x throughput |")
    if "search" in only:
        print(f"| search 10,000 runs (metrics.acc > 0.5, order by metrics.acc DESC, 100 results), p50 | {o['search_p50_ms']:.1f} ms | {m['search_p50_ms']:.1f} ms | {m['search_p50_ms'] / o['search_p50_ms']:.1f}x faster |")
        print(f"| search 10,000 runs (metrics.acc > 0.5 AND params.model = 'm3' AND tags.team = 't1'), p50 | {o['search3_p50_ms']:.1f} ms | {m['search3_p50_ms']:.1f} ms | {m['search3_p50_ms'] / o['search3_p50_ms']:.1f}x faster |")
        for k, label in (("search_cpu_ms", "metric filter + order"), ("search3_cpu_ms", "3 filters")):
            print(f"| (same) server CPU per search, {label} | {o[k]:.1f} ms | {m[k]:.1f} ms | {m[k] / o[k]:.1f}x less |")
    if "history" in only:
        print(f"| get-history of a 100,000-point metric, p50 | {o['history_p50_ms']:.1f} ms | {m['history_p50_ms']:.1f} ms | {m['history_p50_ms'] / o['history_p50_ms']:.1f}x faster |")
        print(f"| (same requests) body received, before .json(), p50 | {o['history_body_p50_ms']:.1f} ms, {o['history_bytes'] / 1e6:.1f} MB | {m['history_body_p50_ms']:.1f} ms, {m['history_bytes'] / 1e6:.1f} MB | {m['history_body_p50_ms'] / o['history_body_p50_ms']:.1f}x faster |")
    if "search" in only:
        print(f"| (setup) creating 10,000 runs with 8 writers | {o['search_populate_s']:.1f} s | {m['search_populate_s']:.1f} s | {m['search_populate_s'] / o['search_populate_s']:.1f}x faster |")
    if m.get("writers_error_sample") or o.get("writers_error_sample"):
        print(f"\nfirst writer error: ours={o['writers_error_sample']!r} mlflow={m['writers_error_sample']!r}")


if __name__ == "__main__":
    main()
