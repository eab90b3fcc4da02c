#!/usr/bin/env python3
"""Records real scrapes for the metrics store's real-data benchmark (benchmarks/metrics-store-real-data.sh).

Scrapes each target every INTERVAL seconds (on a fixed schedule, not drifting) for MINUTES minutes and keeps every
body exactly as served, with the scrape's scheduled start, its actual start (ms since the epoch) and its duration.
Output: OUT/<name>/<seq>.txt.gz, whose first line is "# scrape scheduled=<ms> started=<ms> duration_ms=<ms>"; the
rest is the body. Targets are NAME=URL pairs. A failed scrape is recorded as such (no body) and not retried.

    record_scrapes.py OUT MINUTES INTERVAL NAME=URL [NAME=URL ...]
"""
import gzip
import os
import sys
import threading
import time
import urllib.request


def scrape_loop(out, name, url, start, interval, rounds, stats):
    os.makedirs(os.path.join(out, name), exist_ok=True)
    for seq in range(rounds):
        scheduled = start + seq * interval
        wait = scheduled - time.time()
        if wait > 0:
            time.sleep(wait)
        begin = time.time()
        try:
            # The text format 0.0.4, as a Prometheus 2.x scraper negotiates it when it does not ask for OpenMetrics.
            req = urllib.request.Request(url, headers={"Accept": "text/plain;version=0.0.4"})
            with urllib.request.urlopen(req, timeout=interval * 0.9) as r:
                body = r.read()
            took = time.time() - begin
        except OSError as e:
            stats[name + " failed"] = stats.get(name + " failed", 0) + 1
            print(f"{name} scrape {seq} failed: {e}", file=sys.stderr, flush=True)
            continue
        head = f"# scrape scheduled={round(scheduled * 1000)} started={round(begin * 1000)} duration_ms={took * 1000:.3f}\n"
        with open(os.path.join(out, name, f"{seq:06d}.txt.gz"), "wb") as f:
            f.write(gzip.compress(head.encode() + body, compresslevel=3))
        stats[name] = stats.get(name, 0) + 1


def main():
    out, minutes, interval = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    targets = [a.split("=", 1) for a in sys.argv[4:]]
    rounds = int(minutes * 60 / interval)
    start = time.time() + 1
    stats = {}
    threads = [threading.Thread(target=scrape_loop, args=(out, n, u, start, interval, rounds, stats)) for n, u in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"recorded {rounds} rounds every {interval} s: {stats}", flush=True)


if __name__ == "__main__":
    main()
