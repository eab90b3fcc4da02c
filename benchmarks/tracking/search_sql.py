"""Runs the runs/search SQL of the benchmark's metric filter + metric order (issue 19) straight against a
SQLite store left by `bench_tracking.py --only search --keep` (its ours/mlflow.db), in the statement form
before issue 19 (an EXISTS lookup plus a LEFT JOIN of the same row) and the joined-once form RunSearch
now emits; prints the median CPU time of 15 executions (Python sqlite3) and the query plans.

Usage: python3 benchmarks/tracking/search_sql.py <data dir>/ours/mlflow.db
"""
import sqlite3
import statistics
import sys
import time

c = sqlite3.connect(sys.argv[1])
cols = "r.run_uuid, r.name, r.experiment_id, r.user_id, r.status, r.start_time, r.end_time, r.artifact_uri, r.lifecycle_stage"
exp = c.execute("select experiment_id from experiments where name='bench-search'").fetchone()[0]
q1 = (f"SELECT {cols} FROM runs r LEFT JOIN latest_metrics o0 ON o0.run_uuid = r.run_uuid AND o0.key = ? WHERE r.experiment_id IN (?) AND r.lifecycle_stage IN (?)"
      " AND EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_uuid = r.run_uuid AND m.key = ? AND m.is_nan = 0 AND m.value > ?)"
      " ORDER BY CASE WHEN o0.is_nan = 1 THEN 1 WHEN o0.value IS NULL THEN 2 ELSE 0 END, o0.value DESC, r.start_time DESC, r.run_uuid ASC LIMIT ? OFFSET ?")
q1f = (f"SELECT {cols} FROM runs r CROSS JOIN latest_metrics o0 WHERE r.experiment_id IN (?) AND r.lifecycle_stage IN (?) AND o0.run_uuid = r.run_uuid AND o0.key = ?"
      " AND o0.is_nan = 0 AND o0.value > ?"
      " ORDER BY CASE WHEN o0.is_nan = 1 THEN 1 WHEN o0.value IS NULL THEN 2 ELSE 0 END, o0.value DESC, r.start_time DESC, r.run_uuid ASC LIMIT ? OFFSET ?")
for name, q, a in (("separate", q1, ("acc", exp, "active", "acc", 0.5, 101, 0)), ("joined once", q1f, (exp, "active", "acc", 0.5, 101, 0))):
    ts = []
    for _ in range(15):
        t = time.thread_time(); rows = c.execute(q, a).fetchall(); ts.append(time.thread_time() - t)
    print(name, f"{statistics.median(ts)*1000:.2f}ms", len(rows), [r[3] for r in c.execute("EXPLAIN QUERY PLAN " + q, a)])
