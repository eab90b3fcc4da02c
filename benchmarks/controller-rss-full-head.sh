#!/usr/bin/env bash
# Controller RSS with a full 2 h head, beside a real Prometheus holding the same head (docs/benchmarks.md, "Controller
# RSS with a full 2 h head"). TsdbFullHeadBenchmark appends TARGETS x SERIES series at 15 s for the last 2 h (480
# samples each) through our engine's append path into a fresh data dir's WAL and, in time order, into a Prometheus's
# remote-write receiver; then starts the packaged controller on that data dir with the JVM flags ./homelab up gives
# it, which replays the WAL into its head. Reports VmRSS of both after start, after two queries and a minute later.
#   benchmarks/controller-rss-full-head.sh [targets=20] [series=1000]
# Needs: mvn -pl controller -am package -DskipTests; . target/test-env/env.sh (prometheus).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGETS="${1:-20}"; SERIES="${2:-1000}"
JAVA="${HOMELAB_JAVA:-java}"
JAR="$ROOT/controller/target/quarkus-app/quarkus-run.jar"
[ -f "$JAR" ] || { echo "the controller is not packaged: mvn -pl controller -am package -DskipTests" >&2; exit 1; }
# The flags ./homelab up uses (homelab's jvm_opts), read from the script so the two cannot drift apart.
OPTS="$(ROOT="$ROOT" JAVA="$JAVA" bash -c "source <(sed -n '/^jvm_opts()/,/^}/p;/^agent_compile_opts()/,/^}/p;/^common_jvm_opts()/,/^}/p;/^trim_native_heap_opt()/,/^}/p' '$ROOT/homelab'); jvm_opts controller")"
# The jar is copied aside: the verify run below rebuilds controller/target/quarkus-app.
COPY="$(mktemp -d)"
trap 'rm -rf "$COPY"' EXIT
cp -r "$ROOT/controller/target/quarkus-app" "$COPY/"
cd "$ROOT"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -q -pl controller -am verify -Dtest=TsdbFullHeadBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx3g -Dbench.targets=$TARGETS -Dbench.series=$SERIES -Dbench.controller-jar=$COPY/quarkus-app/quarkus-run.jar" \
  "-Dbench.jvm-opts=$OPTS" -Dspotless.check.skip=true
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$ROOT/controller/target/benchmarks/controller-rss-full-head.txt"
