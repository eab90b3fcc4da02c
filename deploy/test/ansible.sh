#!/usr/bin/env bash
# Runs deploy/ansible/site.yml against this machine (ansible_connection=local, observer and VM at once) twice: the
# first run deploys the central stack and an agent and pairs them, the second must report changed=0. Then checks that
# the controller lists the agent as up. Everything on loopback (the agent's API on docker0, for the controller
# container); unique compose projects; removes only what it created.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d /tmp/homelab-ansible.XXXXXX)"
PY="${HOMELAB_TEST_PYTHON:-python3}"
START=$SECONDS
say() { printf '[ansible %4ss] %s\n' "$((SECONDS - START))" "$*"; }
fail() { say "FAIL: $*"; exit 1; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
COMPOSE="docker-compose"; docker compose version >/dev/null 2>&1 && COMPOSE="docker compose"
CENTRAL="homelab-ansible-$$"; AGENT="homelab-ansible-$$-vm"

cleanup() {
  local rc=$?
  [ -f "$WORK/opt/vm/.env" ] && (cd "$WORK/opt/vm" && $COMPOSE -p "$AGENT" down -v >/dev/null 2>&1) || true
  [ -f "$WORK/opt/central/.env" ] && (cd "$WORK/opt/central" && $COMPOSE -p "$CENTRAL" down -v >/dev/null 2>&1) || true
  rm -rf "$WORK"
  say "cleaned up (exit $rc)"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

"$ROOT/deploy/docker/build-images.sh" >/dev/null 2>&1 || fail "images"
GW=$(ip -4 -o addr show docker0 | awk '{sub("/.*","",$4); print $4; exit}')
CTL_PORT=$(free_port)
cat >"$WORK/inventory.yml" <<INV
all:
  vars:
    ansible_connection: local
    ansible_python_interpreter: /usr/bin/python3
    homelab_become: false
    homelab_dir: $WORK/opt
    homelab_central_project: $CENTRAL
    homelab_agent_project: $AGENT
    homelab_controller_url: http://127.0.0.1:$CTL_PORT
    homelab_controller_admin_password: ansible-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')
    homelab_tracking_admin_password: ansible-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')
    homelab_trusted_proxies: 172.16.0.0/12
    homelab_controller_port: $CTL_PORT
    homelab_tracking_port: $(free_port)
    homelab_dashboard_port: $(free_port)
    homelab_grafana_port: $(free_port)
    homelab_agent_bind_address: $GW
    homelab_agent_reach_address: $GW
    homelab_agent_port: $(free_port)
    homelab_agent_metrics_bind_address: 127.0.0.1
    homelab_agent_metrics_port: $(free_port)
    homelab_host_root_mount_options: $(findmnt -no PROPAGATION / | grep -q shared && echo ro,rslave || echo ro)
  children:
    homelab_observer: { hosts: { localhost: {} } }
    homelab_vms: { hosts: { localhost: {} } }
INV
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCALHOST_WARNING=0
for run in 1 2; do
  (cd "$ROOT/deploy/ansible" && ansible-playbook -i "$WORK/inventory.yml" site.yml) >"$WORK/run$run.log" 2>&1 ||
    { tail -40 "$WORK/run$run.log"; fail "playbook run $run"; }
  recap=$(grep -E '^localhost +:' "$WORK/run$run.log")
  say "run $run: $recap"
done
grep -Eq 'changed=0 +unreachable=0 +failed=0' <<<"$recap" || { grep -B3 'changed:' "$WORK/run2.log" | head -30; fail "second run changed something"; }
token=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$(sed -n 's/.*homelab_controller_admin_password: //p' "$WORK/inventory.yml")\"}" \
  "http://127.0.0.1:$CTL_PORT/api/auth/login" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["token"])')
status=$(curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$CTL_PORT/api/environments" |
  "$PY" -c 'import json,sys; e=json.load(sys.stdin); print(len(e), e[0]["status"], bool(e[0]["tlsFingerprint"]))')
[ "$status" = "1 up True" ] || fail "controller environments after the playbook: $status"
say "ok   second run changed=0; the controller lists the one agent as up with its TLS fingerprint pinned"
say "PASS in $((SECONDS - START)) s"
