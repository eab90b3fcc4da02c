#!/usr/bin/env bash
# Agent log shipping benchmark (docs/benchmarks.md, "Agent log shipping"): a busybox container on the real dockerd
# prints N lines as fast as it can; the agent's shipper (default batch settings) sends them to a loopback receiver
# that implements the ingest contract; then the same with the receiver down (disk buffer) and back up (drain).
#   benchmarks/agent-logship.sh [lines=100000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LINES="${1:-100000}"
[ -f "$ROOT/target/test-env/env.sh" ] && . "$ROOT/target/test-env/env.sh"
cd "$ROOT"
mvn -B -q -pl agent -am verify -Dtest=LogShipBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.lines=$LINES"
cat "$ROOT/agent/target/benchmarks/agent-logship.txt"
