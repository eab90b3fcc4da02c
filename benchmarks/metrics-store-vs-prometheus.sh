#!/usr/bin/env bash
# Controller metrics store side by side with a real Prometheus on the same data (docs/benchmarks.md, "Controller
# metrics store"): one target's series at 15 s for N simulated days into our engine and, through promtool's
# OpenMetrics backfill, into Prometheus's TSDB (compacted by a running Prometheus); bytes/sample on disk and the same
# 24 h / 7 d rate() range queries. Needs prometheus and promtool (scripts/test-env.sh installs both).
#   benchmarks/metrics-store-vs-prometheus.sh [series=1000] [days=7]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
S="${1:-1000}"; D="${2:-7}"
cd "$ROOT"
mvn -B -q -pl controller -am verify -Dtest=TsdbVsPrometheusBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx2g -Dbench.series=$S -Dbench.days=$D" -Dspotless.check.skip=true
cat "$ROOT/controller/target/benchmarks/metrics-store-vs-prometheus.txt"
