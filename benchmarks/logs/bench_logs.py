#!/usr/bin/env python3
"""Central logs benchmark (issue 14): our tracking server's log store vs MLflow's own way.

One run, same generated data for both sides:
  ours   - `tracking-server/target/quarkus-app/quarkus-run.jar` (JVM defaults, auth off, fresh SQLite
           data dir): LINES lines sent to POST /api/2.0/homelab/logs in batches of 1,000 by CLIENTS
           threads (bodies pre-serialised, stdlib http.client, so the client is not the bottleneck);
           then search p50 over REPEATS requests for (a) one word, (b) a phrase with two field
           filters; then the data dir's bytes per line (database + WAL after the run).
  mlflow - the real `mlflow server` 3.17.2 from the test venv (sqlite backend, local artifacts): the
           same lines logged the way MLflow users do it, `mlflow.log_text` of each 1,000-line batch
           as an artifact of one run per (host, service); time, lines/s and bytes per line (db +
           artifacts). MLflow has no full-text search, so there is no search figure on its side.

Usage (from the repository root, after `mvn -pl tracking-server -am package -DskipTests`):
  . target/test-env/env.sh
  $HOMELAB_TEST_PYTHON benchmarks/logs/bench_logs.py [--lines 1000000] [--skip-mlflow]
"""
import argparse
import http.client
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse

import requests

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from servers import free_port, start, stop, wait_up  # noqa: E402  (benchmarks/servers.py)

BATCH = 1000
CLIENTS = 2
REPEATS = 30
HOSTS = [f"host-{i:02d}" for i in range(10)]
SERVICES = ["nginx", "postgres", "redis", "grafana", "immich", "jellyfin", "pihole", "traefik",
            "nextcloud", "homeassistant", "mosquitto", "zigbee2mqtt", "vaultwarden", "gitea",
            "syncthing", "paperless", "frigate", "uptime-kuma", "adguard", "minio"]
LEVELS = ["info"] * 80 + ["debug"] * 10 + ["warn"] * 7 + ["error"] * 3
WORDS = ("request served upstream connection refused timeout cache miss hit query slow user login "
         "session expired token renewed backup started finished disk usage memory pressure retry "
         "scheduled job worker thread pool queue full dropped packet dns lookup certificate renewal "
         "healthcheck ok failed container restarted volume mounted config reloaded").split()


def cpu_seconds(pid):
    """utime + stime of a process (all its threads), from /proc."""
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


def thread_cpu(pid):
    """CPU seconds per thread name (numbers stripped: executor-thread-3 counts as executor-thread)."""
    out = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{t}/stat").read()
        except OSError:
            continue
        name = re.sub(r"[-#]?\d+$", "", stat[stat.index("(") + 1:stat.rindex(")")])
        f = stat.rsplit(")", 1)[1].split()
        out[name] = out.get(name, 0) + (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    return out


def generate(lines, seed=14):
    """Batches of 1,000 entries; each batch is one (host, service), as an agent ships them."""
    rnd = random.Random(seed)
    t0 = int(time.time() * 1000) - 24 * 3600 * 1000
    step = max(1, 24 * 3600 * 1000 // lines)
    batches = []
    for b in range(0, lines, BATCH):
        host, service = rnd.choice(HOSTS), rnd.choice(SERVICES)
        entries = []
        for i in range(b, min(lines, b + BATCH)):
            words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 14)))
            entries.append({"timestamp": t0 + i * step, "host": host, "service": service,
                            "level": rnd.choice(LEVELS),
                            "message": f"{words} id={rnd.randint(0, 10**9)} took {rnd.randint(1, 900)}ms",
                            "labels": {"container_name": f"{service}-1", "stream": "stdout"}})
        batches.append((host, service, entries))
    return batches


def post_batches(base, bodies):
    host, port = base.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=600)
    for body in bodies:
        conn.request("POST", "/api/2.0/homelab/logs", body=body, headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        data = r.read()
        if r.status != 200:
            raise RuntimeError(f"ingest: {r.status} {data[:300]!r}")


def dir_bytes(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def p50_search(base, q):
    s = requests.Session()
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        r = s.get(base + "/api/2.0/homelab/logs/search", params={"q": q, "limit": 100}, timeout=600)
        times.append((time.perf_counter() - t) * 1000)
        if r.status_code != 200:
            raise RuntimeError(f"search {q}: {r.status_code} {r.text[:300]}")
    return statistics.median(times), len(r.json()["entries"])


def ours(jar, batches, work, java_opts=(), warmup=20):
    port = free_port()
    data = os.path.join(work, "ours")
    env = dict(os.environ, HOMELAB_TRACKING_DATA_DIR=data, HOMELAB_TRACKING_AUTH_ENABLED="false",
               QUARKUS_HTTP_PORT=str(port), QUARKUS_HTTP_HOST="127.0.0.1")
    base = f"http://127.0.0.1:{port}"
    bodies = [json.dumps({"batch_id": f"bench-{i}", "entries": e}).encode() for i, (_, _, e) in enumerate(batches)]
    lines = sum(len(e) for _, _, e in batches)
    with open(os.path.join(work, "ours.log"), "w") as log:
        proc = start(["java", *java_opts, "-jar", jar], env, log)
        try:
            wait_up(base, proc, 300)
            # Warm-up (JIT; a log server runs for weeks), counted in storage, not in the rate.
            post_batches(base, bodies[:warmup])
            threads = [threading.Thread(target=post_batches, args=(base, bodies[warmup + i::CLIENTS]))
                       for i in range(CLIENTS)]
            threads0 = thread_cpu(proc.pid)
            t, server0, client0 = time.perf_counter(), cpu_seconds(proc.pid), time.process_time()
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            elapsed = time.perf_counter() - t
            server_cpu, client_cpu = cpu_seconds(proc.pid) - server0, time.process_time() - client0
            threads1 = thread_cpu(proc.pid)
            by_thread = sorted(((v - threads0.get(k, 0), k) for k, v in threads1.items()), reverse=True)[:8]
            print("server CPU during ingest by thread: "
                  + ", ".join(f"{k} {v:.2f} s" for v, k in by_thread if v > 0), flush=True)
            counted = lines - sum(len(e) for _, _, e in batches[:warmup])
            rate = counted / elapsed
            word = p50_search(base, "timeout")
            host, service, _ = batches[len(batches) // 2]
            phrase = p50_search(base, f'"connection refused" host:{host} service:{service}')
        finally:
            stop(proc)
    return {"rate": rate, "seconds": elapsed, "word": word, "phrase": phrase,
            "server_cpu_us_per_line": server_cpu / counted * 1e6, "client_cpu_us_per_line": client_cpu / counted * 1e6,
            "bytes_per_line": dir_bytes(data) / lines}


def theirs(mlflow_exe, batches, work):
    port = free_port()
    root = os.path.join(work, "mlflow")
    os.makedirs(root)
    base = f"http://127.0.0.1:{port}"
    with open(os.path.join(work, "mlflow.log"), "w") as log:
        proc = start([mlflow_exe, "server", "--host", "127.0.0.1", "--port", str(port),
                      "--backend-store-uri", f"sqlite:///{root}/mlflow.db",
                      "--artifacts-destination", f"{root}/artifacts"], dict(os.environ), log)
        try:
            wait_up(base, proc, 300)
            import mlflow
            from mlflow import MlflowClient
            mlflow.set_tracking_uri(base)
            client = MlflowClient(base)
            runs = {}
            lines = sum(len(e) for _, _, e in batches)
            t = time.perf_counter()
            for i, (host, service, entries) in enumerate(batches):
                key = (host, service)
                if key not in runs:
                    exp = client.get_experiment_by_name(f"logs/{host}")
                    exp_id = exp.experiment_id if exp else client.create_experiment(f"logs/{host}")
                    runs[key] = client.create_run(exp_id, run_name=service, tags={"host": host, "service": service}).info.run_id
                text = "\n".join(f'{e["timestamp"]} {e["level"]} {e["message"]}' for e in entries)
                client.log_text(runs[key], text, f"logs/batch-{i:06d}.txt")
            elapsed = time.perf_counter() - t
        finally:
            stop(proc)
    return {"rate": lines / elapsed, "seconds": elapsed, "bytes_per_line": dir_bytes(root) / lines}


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default=os.path.join(root, "tracking-server/target/quarkus-app/quarkus-run.jar"))
    parser.add_argument("--mlflow", default=os.path.join(os.path.dirname(sys.executable), "mlflow"))
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--skip-mlflow", action="store_true")
    parser.add_argument("--warmup-batches", type=int, default=20,
                        help="batches sent before the timed ingest (not counted in the rate; 20 until 2026-12-05)")
    parser.add_argument("--java-opts", default="", help="extra JVM flags for our server, e.g. a JFR recording")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="bench-logs-")
    try:
        print(f"load average {open('/proc/loadavg').read().split()[:3]}", flush=True)
        print(f"generating {args.lines} lines ...", flush=True)
        batches = generate(args.lines)
        print("ours ...", flush=True)
        o = ours(args.jar, batches, work, args.java_opts.split(), args.warmup_batches)
        print(o, flush=True)
        m = None if args.skip_mlflow else theirs(args.mlflow, batches, work)
        print(m, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n = f"{args.lines:,}"
    print()
    print("| measurement | homelab tracking-server | mlflow server (log_text per 1,000-line batch) |")
    print("|---|---|---|")
    print(f"| ingest {n} lines, batches of 1,000 | {o['rate']:,.0f} lines/s ({o['seconds']:.1f} s) | "
          + (f"{m['rate']:,.0f} lines/s ({m['seconds']:.1f} s) |" if m else "not run |"))
    print(f"| (same) CPU per line: server / this benchmark's client | {o['server_cpu_us_per_line']:.1f} us /"
          f" {o['client_cpu_us_per_line']:.1f} us | |")
    print(f"| search one word over {n} lines, 100 newest, p50 | {o['word'][0]:.1f} ms | no full-text search |")
    print(f"| search phrase + host: + service:, p50 | {o['phrase'][0]:.1f} ms ({o['phrase'][1]} hits) | no full-text search |")
    print(f"| disk bytes per line | {o['bytes_per_line']:.0f} | " + (f"{m['bytes_per_line']:.0f} |" if m else "not run |"))


if __name__ == "__main__":
    main()
