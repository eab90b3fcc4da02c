#!/usr/bin/env bash
# End-to-end test of the deployment files, run by the test command (integration-tests: DeploymentE2EIT) or by hand:
#   source target/test-env/env.sh && deploy/test/e2e.sh
# Builds the base and service images, starts deploy/central and deploy/vm on the local Docker engine under a unique
# compose project, puts deploy/nginx in front with a self-signed certificate, and checks what docs/deploy.md promises:
# the agent reports the host's metrics, pairs, the controller lists the VM's containers, MLflow logs a run through
# nginx, the dashboard is served over TLS, a log follow streams through nginx, and 'down' + 'up' keeps all state.
# Everything listens on loopback, except the agent's API on the docker0 address, where the controller container
# reaches it. Cleans up only what it created. Prints one line per check; exit 0 only if all pass.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PROJECT="homelab-e2e-$$"
WORK="$(mktemp -d /tmp/homelab-e2e.XXXXXX)"
LABEL="homelab.test=deploy-e2e-$$"
PY="${HOMELAB_TEST_PYTHON:-python3}"
START=$SECONDS

if [ -n "${HOMELAB_TEST_COMPOSE:-}" ]; then read -r -a COMPOSE <<<"$HOMELAB_TEST_COMPOSE"
elif docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose)
else COMPOSE=(docker-compose); fi

say() { printf '[e2e %4ss] %s\n' "$((SECONDS - START))" "$*"; }
fail() { say "FAIL: $*"; exit 1; }
ok() { say "ok   $*"; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
central() { (cd "$WORK/central" && "${COMPOSE[@]}" -p "$PROJECT" "$@"); }
vm() { (cd "$WORK/vm" && "${COMPOSE[@]}" -p "$PROJECT-vm" "$@"); }
# Waits until every container of a compose project reports its HEALTHCHECK healthy.
wait_healthy() {
  local project="$1" ids id state
  for _ in $(seq 1 180); do
    ids=$(docker ps -q --filter "label=com.docker.compose.project=$project")
    state=healthy
    for id in $ids; do
      [ "$(docker inspect -f '{{.State.Health.Status}}' "$id")" = healthy ] || state=waiting
    done
    [ -n "$ids" ] && [ "$state" = healthy ] && return 0
    sleep 1
  done
  fail "$project not healthy after 180 s"
}
json() { "$PY" -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

cleanup() {
  local rc=$?
  if [ "$rc" != 0 ] && [ -d "$WORK/central" ]; then
    say "logs of the failed run:"; central logs --tail 30 2>&1 | tail -60 || true; [ -f "$WORK/vm/.env" ] && vm logs --tail 30 2>&1 | tail -30 || true
    tail -5 "$WORK/nginx/error.log" 2>/dev/null || true
  fi
  [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  docker ps -aq --filter "label=$LABEL" | xargs -r docker rm -f >/dev/null 2>&1 || true
  [ -f "$WORK/vm/.env" ] && vm down -v --remove-orphans >/dev/null 2>&1 || true
  [ -d "$WORK/central" ] && central down -v --remove-orphans >/dev/null 2>&1 || true
  rm -rf "$WORK"
  say "cleaned up (exit $rc)"
}
trap cleanup EXIT
trap "exit 143" TERM INT

# --- images -----------------------------------------------------------------------------------------------------
"$ROOT/deploy/docker/build-images.sh" 2>/dev/null | sed 's/^/[e2e] image /'
for s in controller tracking-server dashboard agent; do
  [ "$(docker run --rm --entrypoint id "homelab-observer/$s:latest" -u)" = 10001 ] || fail "$s image runs as root"
done
ok "images built; every service runs as uid 10001"

# --- the central stack ------------------------------------------------------------------------------------------
cp -r "$ROOT/deploy/central" "$ROOT/deploy/vm" "$WORK/"
CTL_PORT=$(free_port); TRK_PORT=$(free_port); DASH_PORT=$(free_port); TLS_PORT=$(free_port); HTTP_PORT=$(free_port)
CTL_PW="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
TRK_PW="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat >"$WORK/central/.env" <<ENV
HOMELAB_CONTROLLER_ADMIN_PASSWORD=$CTL_PW
HOMELAB_TRACKING_ADMIN_PASSWORD=$TRK_PW
HOMELAB_TRUSTED_PROXIES=172.16.0.0/12,192.168.0.0/16
HOMELAB_BIND_ADDRESS=127.0.0.1
HOMELAB_CONTROLLER_PORT=$CTL_PORT
HOMELAB_TRACKING_PORT=$TRK_PORT
HOMELAB_DASHBOARD_PORT=$DASH_PORT
HOMELAB_ACCESS_LOG=true
ENV
central up -d >/dev/null 2>&1 || fail "central compose up"
wait_healthy "$PROJECT"
ok "central stack up and healthy (${COMPOSE[*]}; dashboard started after controller and tracking-server were healthy)"

# --- nginx in front, as deploy/nginx/homelab.conf says, with test ports and a self-signed certificate ------------
N="$WORK/nginx"; mkdir -p "$N/snippets" "$N/tmp"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=example.lan" \
  -addext "subjectAltName=DNS:dash.example.lan,DNS:controller.example.lan,DNS:mlflow.example.lan,DNS:grafana.example.lan" \
  -addext "basicConstraints=critical,CA:TRUE" -keyout "$N/privkey.pem" -out "$N/fullchain.pem" 2>/dev/null
sed -e "s#/etc/ssl/homelab#$N#" "$ROOT/deploy/nginx/snippets/homelab-tls.conf" >"$N/snippets/homelab-tls.conf"
cp "$ROOT/deploy/nginx/snippets/homelab-proxy.conf" "$N/snippets/"
sed -e "s#/etc/nginx/snippets#$N/snippets#" -e "s#listen 443 #listen 127.0.0.1:$TLS_PORT #" \
  -e "s#listen 80;#listen 127.0.0.1:$HTTP_PORT;#" -e "s#127.0.0.1:9000#127.0.0.1:$CTL_PORT#" \
  -e "s#127.0.0.1:5000#127.0.0.1:$TRK_PORT#" -e "s#127.0.0.1:8080#127.0.0.1:$DASH_PORT#" \
  "$ROOT/deploy/nginx/homelab.conf" >"$N/homelab.conf"
cat >"$N/nginx.conf" <<CONF
daemon on;
pid $N/nginx.pid;
error_log $N/error.log;
events { worker_connections 256; }
http {
  access_log $N/access.log;
  client_body_temp_path $N/tmp/body; proxy_temp_path $N/tmp/proxy; fastcgi_temp_path $N/tmp/fcgi;
  uwsgi_temp_path $N/tmp/uwsgi; scgi_temp_path $N/tmp/scgi;
  include $N/homelab.conf;
}
CONF
nginx -t -q -c "$N/nginx.conf" -p "$N" -g 'user root;' 2>&1 | grep -v 'could not open error log' || true
nginx -c "$N/nginx.conf" -p "$N" -g 'user root;' 2>/dev/null || fail "nginx did not start"
ok "nginx -t and nginx up with deploy/nginx/homelab.conf (TLS on 127.0.0.1:$TLS_PORT)"
https() { local host="$1"; shift; curl -sS --fail-with-body -m 20 --cacert "$N/fullchain.pem" \
  --resolve "$host.example.lan:$TLS_PORT:127.0.0.1" "$@"; }
H() { echo "https://$1.example.lan:$TLS_PORT"; }

[ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: dash.example.lan' "http://127.0.0.1:$HTTP_PORT/x")" \
  = "301 https://dash.example.lan/x" ] || fail "plain HTTP does not redirect to HTTPS"
ok "plain HTTP redirects to HTTPS"

# --- the dashboard over TLS --------------------------------------------------------------------------------------
dash_status=$(https dash "$(H dash)/q/health/ready" | json 'd["status"]')
[ "$dash_status" = UP ] || fail "dashboard health through nginx: $dash_status"
dash_root=$(https dash -o /dev/null -w "%{http_code}" "$(H dash)/" 2>/dev/null || true)
ok "dashboard served over TLS on dash.example.lan (health UP; GET / answers $dash_root)"

# --- login through nginx; the client address the controller sees is nginx's view, not a forged header -----------
TOKEN=$(https controller -H 'Content-Type: application/json' -H 'X-Forwarded-For: 203.0.113.7' \
  -d "{\"username\":\"admin\",\"password\":\"$CTL_PW\"}" "$(H controller)/api/auth/login?e2e=xff$$" | json 'd["token"]')
[ -n "$TOKEN" ] || fail "controller login through nginx"
sleep 1
xff_line=$(central logs controller 2>/dev/null | grep "e2e=xff$$" | head -1)
case "$xff_line" in
  *203.0.113.7*) fail "controller believed a client's forged X-Forwarded-For: $xff_line" ;;
  *127.0.0.1*) ok "controller login through nginx; the access log shows the client as nginx saw it (127.0.0.1)" ;;
  *) fail "access log line of the login not as expected: '$xff_line'" ;;
esac
api() { https controller -H "Authorization: Bearer $TOKEN" "$@"; }

# --- the VM stack: the agent with the controller's key pinned ---------------------------------------------------
GW=$(ip -4 -o addr show docker0 | awk '{sub("/.*","",$4); print $4; exit}')
[ -n "$GW" ] || fail "no docker0 address for the agent's API"
AGENT_PORT=$(free_port); METRICS_PORT=$(free_port)
KEY=$(curl -fsS "http://127.0.0.1:$CTL_PORT/api/public-key" | json 'd["publicKey"]')
cat >"$WORK/vm/.env" <<ENV
HOMELAB_DOCKER_GID=$(stat -c %g /var/run/docker.sock)
HOMELAB_CONTROLLER_PUBLIC_KEY=$KEY
HOMELAB_AGENT_BIND_ADDRESS=$GW
HOMELAB_AGENT_PORT=$AGENT_PORT
HOMELAB_AGENT_METRICS_BIND_ADDRESS=127.0.0.1
HOMELAB_AGENT_METRICS_PORT=$METRICS_PORT
HOMELAB_HOST_ROOT_MOUNT_OPTIONS=$(findmnt -no PROPAGATION / | grep -q shared && echo ro,rslave || echo ro)
ENV
vm up -d >"$WORK/vm-up.log" 2>&1 || { cat "$WORK/vm-up.log"; fail "vm compose up"; }
wait_healthy "$PROJECT-vm"
[ "$(docker exec "$(vm ps -q agent)" id -u)" = 10001 ] || fail "agent container runs as root"
METRICS=$(curl -fsS "http://127.0.0.1:$METRICS_PORT/metrics") || fail "agent metrics"
nodename=$(grep '^node_uname_info' <<<"$METRICS" | sed -n 's/.*nodename="\([^"]*\)".*/\1/p')
[ "$nodename" = "$(cat /proc/sys/kernel/hostname)" ] || fail "agent nodename '$nodename' is not the host's"
boot=$(awk '/^node_boot_time_seconds/ {printf "%d", $2}' <<<"$METRICS")
[ "$boot" = "$(awk '/^btime/ {print $2}' /proc/stat)" ] || fail "agent boot time $boot is not the host's"
rootfs=$(grep -c '^node_filesystem_size_bytes{.*mountpoint="/"' <<<"$METRICS" || true)
[ "$rootfs" -ge 1 ] || fail "no root filesystem series"
ok "containerised agent (uid 10001) reports the host: nodename $nodename, boot time $boot, root filesystem"

AGENT_URL="https://$GW:$AGENT_PORT"
PING=$(curl -fsSk "$AGENT_URL/api/ping")
# agentId is SPEC.md's; an agent without it yet is identified by its TLS certificate alone.
AGENT_ID=$(json 'd.get("agentId") or d["tlsFingerprint"]' <<<"$PING")
# The controller requires the fingerprint the agent printed (no trust on first use); here it is read on the VM itself.
PING_FP=$(json 'd["tlsFingerprint"]' <<<"$PING")
env_json=$(api -H 'Content-Type: application/json' -d "{\"name\":\"e2e-vm\",\"url\":\"$AGENT_URL\",\"tlsFingerprint\":\"$PING_FP\"}" "$(H controller)/api/environments") \
  || fail "pairing through the controller API: $env_json"
ENV_ID=$(json 'd["id"]' <<<"$env_json"); FP=$(json 'd["tlsFingerprint"]' <<<"$env_json")
[ "$(json 'd["status"]' <<<"$env_json")" = up ] || fail "environment not up: $env_json"
[ -n "$FP" ] && [ "$FP" != None ] || fail "TLS fingerprint not pinned: $env_json"
ok "agent $AGENT_ID paired through the controller API (key pinned at start, TLS fingerprint pinned)"

# --- the controller lists the VM's containers; a log follow streams through nginx ----------------------------------
CNAME="homelab-e2e-logger-$$"
docker run -d --name "$CNAME" --label "$LABEL" "${HOMELAB_TEST_DOCKER_IMAGE:-homelab-test/busybox:latest}" \
  sh -c 'i=0; while true; do i=$((i+1)); echo "e2e-line $i"; sleep 1; done' >/dev/null
CID=$(docker inspect -f '{{.Id}}' "$CNAME")
listed=$(api "$(H controller)/api/containers?environment=$ENV_ID" | json "sum(1 for c in d['items'] if c.get('id','').startswith('${CID:0:12}') or '/$CNAME' in (c.get('names') or []) or c.get('name') in ('$CNAME','/$CNAME'))")
[ "$listed" -ge 1 ] || fail "controller does not list $CNAME"
ok "controller lists the VM's container $CNAME"
follow=$(api -N -m 6 -H 'Accept: text/event-stream' \
  "$(H controller)/api/environments/$ENV_ID/containers/$CID/logs?follow=true&tail=1" 2>/dev/null || true)
lines=$(grep -c 'e2e-line' <<<"$follow" || true)
[ "$lines" -ge 3 ] || fail "log follow through nginx delivered $lines lines in 6 s: ${follow:0:300}"
ok "live log follow through nginx: $lines lines streamed in 6 s"

# --- MLflow's Python client through nginx on the tracking subdomain ------------------------------------------------
cat >"$WORK/mlflow_run.py" <<'PYEOF'
import os, socket, sys, tempfile
import mlflow
# Only the name lookup is redirected to loopback (like curl --resolve); TLS is verified against the test certificate.
_real = socket.getaddrinfo
def _resolve(host, *a, **k):
    return _real("127.0.0.1" if host.endswith(".example.lan") else host, *a, **k)
socket.getaddrinfo = _resolve
mode = sys.argv[1]
mlflow.set_tracking_uri(os.environ["E2E_TRACKING_URI"])
if mode == "log":
    mlflow.set_experiment("e2e-deploy")
    with mlflow.start_run(run_name="through-nginx") as run:
        mlflow.log_param("alpha", "0.5")
        for step in range(3):
            mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
        d = tempfile.mkdtemp()
        with open(os.path.join(d, "big.bin"), "wb") as f:
            f.write(os.urandom(3 * 1024 * 1024))  # above nginx's default 1 MB body limit
        mlflow.log_artifact(os.path.join(d, "big.bin"))
    print(run.info.run_id)
else:
    client = mlflow.tracking.MlflowClient()
    run = client.get_run(sys.argv[2])
    arts = [a.path for a in client.list_artifacts(run.info.run_id)]
    assert run.data.params["alpha"] == "0.5", run.data.params
    assert [m.value for m in client.get_metric_history(run.info.run_id, "loss")] == [1.0, 0.5, 1.0 / 3], "history"
    assert "big.bin" in arts, arts
    print("ok")
PYEOF
mlflow_env=(env E2E_TRACKING_URI="$(H mlflow)" MLFLOW_TRACKING_USERNAME=admin MLFLOW_TRACKING_PASSWORD="$TRK_PW"
  MLFLOW_TRACKING_SERVER_CERT_PATH="$N/fullchain.pem")
RUN_ID=$("${mlflow_env[@]}" "$PY" "$WORK/mlflow_run.py" log 2>"$WORK/mlflow.err" | tail -1) || { cat "$WORK/mlflow.err"; fail "MLflow run through nginx"; }
[ "$("${mlflow_env[@]}" "$PY" "$WORK/mlflow_run.py" check "$RUN_ID" 2>>"$WORK/mlflow.err")" = ok ] || { tail -5 "$WORK/mlflow.err"; fail "MLflow run read back"; }
ok "MLflow client logged run $RUN_ID (param, metric history, 3 MiB artifact) through nginx on mlflow.example.lan"

# --- down and up again: every piece of state kept ----------------------------------------------------------------
vm down >/dev/null 2>&1; central down >/dev/null 2>&1
central up -d >/dev/null 2>&1 || fail "central compose up (second time)"
vm up -d >/dev/null 2>&1 || fail "vm compose up (second time)"
wait_healthy "$PROJECT"; wait_healthy "$PROJECT-vm"
for _ in $(seq 1 120); do curl -fsk -o /dev/null "$AGENT_URL/api/ping" && break; sleep 1; done
TOKEN=$(https controller -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$CTL_PW\"}" \
  "$(H controller)/api/auth/login" | json 'd["token"]') || fail "login after restart"
[ "$(curl -fsSk "$AGENT_URL/api/ping" | json 'd.get("agentId") or d["tlsFingerprint"]')" = "$AGENT_ID" ] || fail "agent id changed"
after=$(api -X POST "$(H controller)/api/environments/$ENV_ID/refresh" 2>/dev/null || api "$(H controller)/api/environments/$ENV_ID")
[ "$(json 'd["status"]' <<<"$after")" = up ] || fail "environment not up after restart (pinned key or fingerprint lost): $after"
[ "$(json 'd["tlsFingerprint"]' <<<"$after")" = "$FP" ] || fail "agent TLS certificate changed across restart"
[ "$("${mlflow_env[@]}" "$PY" "$WORK/mlflow_run.py" check "$RUN_ID" 2>>"$WORK/mlflow.err")" = ok ] || fail "MLflow run lost"
ok "after down + up: same admin password, agent id, TLS certificate, pinned key (environment up), MLflow run and artifact"
# --- backup and restore as docs/deploy.md says: docker cp of each stopped service's /data, into fresh volumes ---------
cid() { docker ps -aq --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=$1"; }
central stop >/dev/null 2>&1
for s in controller tracking-server dashboard; do docker cp "$(cid "$s")":/data - >"$WORK/backup-$s.tar"; done
central down -v >/dev/null 2>&1
central up --no-start >/dev/null 2>&1 || fail "compose up --no-start"
# 'docker cp -a' would look the image's user up on the host (Docker 20.10), so copy, then give /data back to uid 10001
for s in controller tracking-server dashboard; do
  c="$(cid "$s")"
  docker cp - "$c":/ <"$WORK/backup-$s.tar"
  docker run --rm --user 0 --volumes-from "$c" --entrypoint chown "$(docker inspect -f '{{.Config.Image}}' "$c")" \
    -R 10001:10001 /data || fail "chown of the restored $s data"
done
central up -d >/dev/null 2>&1 || fail "compose up after restore"
wait_healthy "$PROJECT"
TOKEN=$(https controller -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$CTL_PW\"}" \
  "$(H controller)/api/auth/login" | json 'd["token"]') || fail "login after restore"
restored=$(api -X POST "$(H controller)/api/environments/$ENV_ID/refresh") || fail "environment lost in the restore"
[ "$(json 'd["status"]+" "+d["tlsFingerprint"]' <<<"$restored")" = "up $FP" ] || fail "restored environment: $restored"
[ "$("${mlflow_env[@]}" "$PY" "$WORK/mlflow_run.py" check "$RUN_ID" 2>>"$WORK/mlflow.err")" = ok ] || fail "MLflow run lost in the restore"
ok "backup (docker cp of /data) and restore into fresh volumes: login, paired agent and MLflow run with artifact back"
say "PASS in $((SECONDS - START)) s"
