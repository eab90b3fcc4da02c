#!/usr/bin/env bash
# Controller fan-out benchmark (docs/benchmarks.md, "Controller fan-out"): N real agents against the real dockerd,
# controller GET /api/containers versus the slowest agent's own answer in the same rounds, then one agent black-holed.
#   benchmarks/controller-fanout.sh [agents=20] [rounds=30]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AGENTS="${1:-20}"
ROUNDS="${2:-30}"
[ -f "$ROOT/target/test-env/env.sh" ] && . "$ROOT/target/test-env/env.sh"
cd "$ROOT"
# The agent jar is built first (the controller's test scope depends on the agent module); only the benchmark runs.
mvn -B -q -pl controller -am verify -Dtest=FanoutBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.agents="$AGENTS" -Dbench.rounds="$ROUNDS" -DargLine="-Dbench.agents=$AGENTS -Dbench.rounds=$ROUNDS"
cat "$ROOT/controller/target/benchmarks/controller-fanout.txt"
