#!/usr/bin/env bash
# Controller metrics store benchmark (docs/benchmarks.md, "Controller metrics store"): 20 targets x 1,000 series at
# 15 s for 7 simulated days through the real engine; bytes/sample on disk, ingest CPU, 24 h and 7 d rate() queries.
#   benchmarks/metrics-store.sh [targets=20] [series-per-target=1000] [days=7]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
T="${1:-20}"; S="${2:-1000}"; D="${3:-7}"
cd "$ROOT"
mvn -B -q -pl controller -am verify -Dtest=TsdbBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx2g -Dbench.targets=$T -Dbench.series=$S -Dbench.days=$D" -Dspotless.check.skip=true
cat "$ROOT/controller/target/benchmarks/metrics-store.txt"
