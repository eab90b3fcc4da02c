#!/usr/bin/env bash
# Every deployment file checked by its own tool (fast, no containers started):
#   compose files   'compose config' with the .env.example filled in (Compose v2 and/or docker-compose 1.29)
#   nginx           'nginx -t' on deploy/nginx/homelab.conf with a throw-away certificate
#   Prometheus      'promtool check config' on deploy/central/prometheus.yml
#   Grafana         every dashboard query parsed by Prometheus's own parser ('promtool check rules')
#   systemd         'systemd-analyze verify' on deploy/systemd/*.service
#   Ansible         'ansible-playbook --syntax-check' and 'ansible-lint'
# Run by the test command (integration-tests: DeploymentIT) or by hand; prints PASS when every check passed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d /tmp/homelab-static.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
trap 'exit 143' TERM INT
PROMTOOL="${HOMELAB_TEST_PROMTOOL:-promtool}"
ok() { printf '[static] ok   %s\n' "$*"; }
fail() { printf '[static] FAIL %s\n' "$*"; exit 1; }

# --- compose files -------------------------------------------------------------------------------------------------
composes=()
docker compose version >/dev/null 2>&1 && composes+=("docker compose")
command -v docker-compose >/dev/null && composes+=("docker-compose")
[ "${#composes[@]}" -gt 0 ] || fail "neither 'docker compose' nor docker-compose is installed"
for dir in central vm; do
  cp -r "$ROOT/deploy/$dir" "$WORK/$dir"
  # The example's empty secrets must stop compose; filled in, the file must be valid.
  cp "$WORK/$dir/.env.example" "$WORK/$dir/.env"
  for c in "${composes[@]}"; do
    if (cd "$WORK/$dir" && $c config -q) >/dev/null 2>&1; then fail "$dir/compose.yaml accepted .env.example's empty secrets ($c)"; fi
  done
  sed -i -e 's/^\(HOMELAB_[A-Z_]*PASSWORD\)=$/\1=filled-in-for-check/' -e 's#^HOMELAB_TRUSTED_PROXIES=$#HOMELAB_TRUSTED_PROXIES=172.16.0.0/12#' \
    -e 's/^HOMELAB_DOCKER_GID=$/HOMELAB_DOCKER_GID=999/' "$WORK/$dir/.env"
  for c in "${composes[@]}"; do
    (cd "$WORK/$dir" && $c config -q 2>&1 | grep -v 'undefined secret file' || true) | grep . && fail "$dir/compose.yaml ($c)"
    (cd "$WORK/$dir" && $c --profile prometheus config --services 2>/dev/null | sort | tr '\n' ' ') >"$WORK/services"
    ok "$dir/compose.yaml valid with $c: $(cat "$WORK/services")"
  done
done

# --- nginx -------------------------------------------------------------------------------------------------------
N="$WORK/nginx"; mkdir -p "$N/snippets"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=example.lan -keyout "$N/privkey.pem" -out "$N/fullchain.pem" 2>/dev/null
sed "s#/etc/ssl/homelab#$N#" "$ROOT/deploy/nginx/snippets/homelab-tls.conf" >"$N/snippets/homelab-tls.conf"
cp "$ROOT/deploy/nginx/snippets/homelab-proxy.conf" "$N/snippets/"
sed "s#/etc/nginx/snippets#$N/snippets#" "$ROOT/deploy/nginx/homelab.conf" >"$N/homelab.conf"
printf 'pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp { include %s/homelab.conf; }\n' "$N" "$N" "$N" >"$N/nginx.conf"
nginx -t -q -p "$N" -c "$N/nginx.conf" 2>"$N/t.log" || { cat "$N/t.log"; fail "nginx -t"; }
ok "nginx -t: deploy/nginx/homelab.conf"

# --- Prometheus and the Grafana dashboard's queries ----------------------------------------------------------------
sed "s#/run/secrets/controller_token#$WORK/token#" "$ROOT/deploy/central/prometheus.yml" >"$WORK/prometheus.yml"
echo placeholder >"$WORK/token"
"$PROMTOOL" check config "$WORK/prometheus.yml" >"$WORK/p.log" 2>&1 || { cat "$WORK/p.log"; fail "promtool check config"; }
ok "promtool check config: deploy/central/prometheus.yml"
python3 - "$ROOT/deploy/central/grafana/dashboards" "$WORK/rules.yml" <<'PY'
import json, pathlib, sys
exprs = []
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.json")):
    d = json.loads(f.read_text())
    for p in d["panels"]:
        for t in p.get("targets", []):
            # Grafana's variables, as Grafana substitutes them before sending the query.
            exprs.append(t["expr"].replace("$__rate_interval", "1m").replace('"$instance"', '".*"'))
with open(sys.argv[2], "w") as out:
    out.write("groups:\n  - name: grafana-dashboard-queries\n    rules:\n")
    for i, e in enumerate(exprs):
        out.write(f"      - record: grafana_query_{i}\n        expr: {json.dumps(e)}\n")
print(len(exprs))
PY
"$PROMTOOL" check rules "$WORK/rules.yml" >"$WORK/r.log" 2>&1 || { cat "$WORK/r.log"; fail "a Grafana query does not parse"; }
ok "Grafana dashboard: $(grep -c 'record:' "$WORK/rules.yml") queries parse (promtool check rules)"

# --- systemd -----------------------------------------------------------------------------------------------------
systemd-analyze verify "$ROOT"/deploy/systemd/*.service >"$WORK/s.log" 2>&1 || { cat "$WORK/s.log"; fail "systemd-analyze verify"; }
grep -v 'Unknown user\|homelab-observer' "$WORK/s.log" | grep . && fail "systemd-analyze verify warnings"
ok "systemd-analyze verify: $(ls "$ROOT"/deploy/systemd/*.service | wc -l) units"

# --- Ansible -----------------------------------------------------------------------------------------------------
if [ -f "$ROOT/deploy/ansible/site.yml" ]; then
  (cd "$ROOT/deploy/ansible" && ansible-playbook -i inventory.example.yml --syntax-check site.yml) >"$WORK/a.log" 2>&1 ||
    { cat "$WORK/a.log"; fail "ansible-playbook --syntax-check"; }
  (cd "$ROOT/deploy/ansible" && ansible-lint -q site.yml) >"$WORK/l.log" 2>&1 || { cat "$WORK/l.log"; fail "ansible-lint"; }
  ok "ansible-playbook --syntax-check and ansible-lint: deploy/ansible/site.yml"
fi
echo "[static] PASS"
