#!/usr/bin/env python3
"""SQLite-level cost of one 1,000-metric log-batch under the tracking store's schema (issue 19).

Replays what MetricStore does for one log-batch -- 10 multi-row INSERTs of 100 metric points,
the latest_metrics upsert 100 keys per statement, one COMMIT in WAL mode (synchronous=NORMAL), then
a PASSIVE checkpoint as the server's checkpoint thread does -- with Python's sqlite3 module, and
reports the median CPU time (this thread: user + system, robust on a loaded machine) of each phase
over batches 20..59 of 3 runs of 60 batches each (the repo benchmark's shape: 20 warm-up, 40 counted).

Variants, to compare one layout choice at a time:
  --page-size N       SQLite page size of the fresh database (server: 16384 since issue 19; 4096 before)
  --rowid-latest      latest_metrics as a rowid table (before V090) instead of WITHOUT ROWID
  --unsorted          points in request order instead of index order (key, timestamp, step)
  --shape 1000keys|20x50

Usage: python3 benchmarks/tracking/sqlite_batch_layout.py --page-size 4096 --rowid-latest --unsorted
The Python-side argument building is inside the insert phase and the same for every variant.
"""
import argparse
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid

UPSERT = (" ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp,"
          " step = excluded.step, is_nan = excluded.is_nan WHERE excluded.step > latest_metrics.step"
          " OR (excluded.step = latest_metrics.step AND excluded.timestamp > latest_metrics.timestamp)"
          " OR (excluded.step = latest_metrics.step AND excluded.timestamp = latest_metrics.timestamp"
          " AND excluded.is_nan = 0 AND (latest_metrics.is_nan = 1 OR excluded.value > latest_metrics.value))")
INSERT = ("INSERT INTO metrics (run_uuid, key, value, timestamp, step, is_nan, model_id, dataset_name, dataset_digest)"
          " VALUES " + ",".join(["(?,?,?,?,?,?,?,?,?)"] * 100) + " ON CONFLICT DO NOTHING")
UPSERT_CHUNK = ("INSERT INTO latest_metrics (run_uuid, key, value, timestamp, step, is_nan) VALUES "
                + ",".join(["(?,?,?,?,?,?)"] * 100) + UPSERT)
UPSERT_ONE = "INSERT INTO latest_metrics (run_uuid, key, value, timestamp, step, is_nan) VALUES (?,?,?,?,?,?)" + UPSERT


def schema(rowid_latest, rowid_metrics=True, partial_model_index=False):
    latest_tail = "" if rowid_latest else " WITHOUT ROWID"
    metrics_tail = "" if rowid_metrics else " WITHOUT ROWID"
    model_where = " WHERE model_id IS NOT NULL" if partial_model_index else ""
    latest_index = "(key, value, run_uuid)" if rowid_latest else "(key, is_nan, value, run_uuid)"
    return f"""
CREATE TABLE metrics (run_uuid VARCHAR(32) NOT NULL, key VARCHAR(250) NOT NULL, value DOUBLE PRECISION NOT NULL,
  timestamp BIGINT NOT NULL, step BIGINT NOT NULL, is_nan SMALLINT NOT NULL, model_id VARCHAR(64),
  dataset_name TEXT, dataset_digest TEXT, PRIMARY KEY (run_uuid, key, timestamp, step, value, is_nan)){metrics_tail};
CREATE INDEX metrics_model ON metrics (model_id){model_where};
CREATE TABLE latest_metrics (run_uuid VARCHAR(32) NOT NULL, key VARCHAR(250) NOT NULL, value DOUBLE PRECISION NOT NULL,
  timestamp BIGINT NOT NULL, step BIGINT NOT NULL, is_nan SMALLINT NOT NULL, PRIMARY KEY (run_uuid, key)){latest_tail};
CREATE INDEX latest_metrics_key_value ON latest_metrics {latest_index};
"""


def batch(shape, b):
    if shape == "1000keys":
        return [(f"k{k}", random.random(), 1_700_000_000_000 + b * 1000, b * 1000) for k in range(1000)]
    return [(f"m{k}", random.random(), 1_700_000_000_000 + b * 1000 + s, b * 1000 + s)
            for s in range(50) for k in range(20)]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--page-size", type=int, default=16384)
    p.add_argument("--rowid-latest", action="store_true")
    p.add_argument("--unsorted", action="store_true")
    p.add_argument("--clustered-metrics", action="store_true", help="metrics WITHOUT ROWID (V120)")
    p.add_argument("--partial-model-index", action="store_true", help="metrics_model only WHERE model_id IS NOT NULL")
    p.add_argument("--synchronous", default="NORMAL", choices=("NORMAL", "FULL"))
    p.add_argument("--shape", default="1000keys", choices=("1000keys", "20x50"))
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="sqlite-batch-layout-")
    try:
        path = os.path.join(work, "t.db")
        c = sqlite3.connect(path, isolation_level=None)
        c.execute(f"PRAGMA page_size={a.page_size}")
        c.execute("PRAGMA journal_mode=WAL")
        c.execute(f"PRAGMA synchronous={a.synchronous}")
        c.execute("PRAGMA cache_size=-16000")
        c.execute("PRAGMA wal_autocheckpoint=20000")
        c.executescript(schema(a.rowid_latest, not a.clustered_metrics, a.partial_model_index))
        checkpoints = sqlite3.connect(path, isolation_level=None)
        phases = {"insert": [], "upsert": [], "commit": [], "checkpoint": [], "total": []}
        clock = time.thread_time
        for _ in range(3):
            run = uuid.uuid4().hex
            for b in range(60):
                points = batch(a.shape, b)
                if not a.unsorted:
                    points.sort()
                latest = {}
                for m in points:
                    latest[m[0]] = m  # each key's point of the largest step (the shapes log one per key and step)
                t0 = clock()
                c.execute("BEGIN IMMEDIATE")
                for i in range(0, len(points), 100):
                    args = []
                    for m in points[i:i + 100]:
                        args += [run, m[0], m[1], m[2], m[3], 0, None, None, None]
                    c.execute(INSERT, args)
                t1 = clock()
                values = list(latest.values())
                full = len(values) - len(values) % 100
                for i in range(0, full, 100):
                    args = []
                    for m in values[i:i + 100]:
                        args += [run, m[0], m[1], m[2], m[3], 0]
                    c.execute(UPSERT_CHUNK, args)
                for m in values[full:]:
                    c.execute(UPSERT_ONE, [run, m[0], m[1], m[2], m[3], 0])
                t2 = clock()
                c.execute("COMMIT")
                t3 = clock()
                checkpoints.execute("PRAGMA wal_checkpoint(PASSIVE)")
                t4 = clock()
                if b >= 20:
                    for k, v in (("insert", t1 - t0), ("upsert", t2 - t1), ("commit", t3 - t2),
                                 ("checkpoint", t4 - t3), ("total", t4 - t0)):
                        phases[k].append(v)
        label = (f"page {a.page_size}, latest_metrics {'rowid' if a.rowid_latest else 'WITHOUT ROWID'}, "
                 f"{'request' if a.unsorted else 'index'} order, metrics {'WITHOUT ROWID' if a.clustered_metrics else 'rowid'}, "
                 f"model index {'partial' if a.partial_model_index else 'full'}, synchronous={a.synchronous}, {a.shape}")
        print(label + ": " + ", ".join(f"{k} {statistics.median(v) * 1000:.2f} ms" for k, v in phases.items()))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
