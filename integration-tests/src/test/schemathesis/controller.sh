#!/usr/bin/env bash
# Runs schemathesis against the packaged controller's OpenAPI document, both inside a network namespace of their own
# (only a loopback interface), so whatever URLs the generated requests make the controller call (agents, webhooks,
# monitors) go nowhere but this namespace. Called by SchemathesisIT as: unshare --net --fork -- bash controller.sh
#
#   controller.sh JAR DATA_DIR REPORT_DIR ST [st options...]
# Two runs with an admin bearer token: every operation but logout, then logout alone with a token of its own (it
# revokes the token it is called with, which would turn the rest of the first run into 401s). JUnit reports go to
# REPORT_DIR/main.xml and REPORT_DIR/logout.xml, the controller's output to REPORT_DIR/controller.log.
# Exit code: the first non-zero one of schemathesis (0 = no finding), or 91-93 when the controller did not come up.
set -euo pipefail
jar="$1" data="$2" report="$3" st="$4"
shift 4

ip link set lo up
port=9000
base="http://127.0.0.1:$port"
password="st-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
mkdir -p "$data" "$report"

HOMELAB_CONTROLLER_DATA_DIR="$data" HOMELAB_CONTROLLER_ADMIN_PASSWORD="$password" \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
  java -Xmx256m -jar "$jar" >"$report/controller.log" 2>&1 &
controller=$!
trap 'kill "$controller" 2>/dev/null; wait "$controller" 2>/dev/null || true' EXIT

for _ in $(seq 1 240); do
  curl -sf "$base/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$controller" 2>/dev/null || { echo "controller exited; see $report/controller.log"; exit 91; }
  sleep 0.5
done
curl -sf "$base/q/health/ready" >/dev/null || { echo "controller not ready after 120 s"; exit 92; }

login() {
  curl -sf -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/auth/login" |
    sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
# Both tokens up front: whatever the first run does to the admin account cannot stop the second run.
token="$(login)"
logout_token="$(login)"
[ -n "$token" ] && [ -n "$logout_token" ] || { echo "admin login failed"; exit 93; }

cd "$report"
status=0
"$st" run "$base/q/openapi?format=json" -H "Authorization: Bearer $token" "$@" \
  --exclude-path /api/auth/logout --report junit --report-junit-path "$report/main.xml" || status=$?
"$st" run "$base/q/openapi?format=json" -H "Authorization: Bearer $logout_token" "$@" \
  --include-path /api/auth/logout --report junit --report-junit-path "$report/logout.xml" || {
  rc=$?
  [ "$status" != 0 ] || status=$rc
}
exit "$status"
