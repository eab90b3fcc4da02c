#!/usr/bin/env bash
# Dashboard home page: server render time (p50/p90/p99 of N requests, widget bodies cached) and page weight
# (bytes transferred with gzip for the page and every asset it loads).
# Usage: benchmarks/dashboard-home.sh <dashboard-url> <username> <password> [requests]
# Against a running suite: benchmarks/dashboard-home.sh http://localhost:8080 admin "$(cat data/controller/initial-admin-password)"
set -euo pipefail
D="${1:?dashboard URL}"; U="${2:?username}"; P="${3:?password}"; N="${4:-500}"
JAR="$(mktemp)"; trap 'rm -f "$JAR"' EXIT
csrf="$(curl -s -c "$JAR" -b "$JAR" "$D/signin" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p')"
code="$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" --data-urlencode "username=$U" --data-urlencode "password=$P" \
  --data-urlencode "_csrf=$csrf" --data-urlencode "next=/" "$D/signin")"
[ "$code" = 303 ] || { echo "sign-in failed (HTTP $code)" >&2; exit 1; }
page="$(curl -s -b "$JAR" "$D/")"
# Warm the widget caches (their upstream calls are not part of the page render).
for w in $(printf '%s' "$page" | grep -o 'hx-get="/w/[^"]*"' | cut -d'"' -f2); do curl -s -o /dev/null -b "$JAR" "$D$w"; done
for i in $(seq 1 50); do curl -s -o /dev/null -b "$JAR" "$D/"; done   # JIT warm-up
times="$(for i in $(seq 1 "$N"); do curl -s -o /dev/null -b "$JAR" -w '%{time_starttransfer}\n' "$D/"; done | sort -n)"
pct() { printf '%s\n' "$times" | awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p/100); if (i<1) i=1; printf "%.2f", a[i]*1000}'; }
echo "home page render (time to first byte, $N requests): p50 $(pct 50) ms  p90 $(pct 90) ms  p99 $(pct 99) ms"
wtime="$(for w in $(printf '%s' "$page" | grep -o 'hx-get="/w/[^"]*"' | cut -d'"' -f2); do curl -s -o /dev/null -b "$JAR" -w '%{time_total}\n' "$D$w"; done | sort -n | tail -1)"
echo "slowest cached widget body: $(awk -v t="$wtime" 'BEGIN{printf "%.2f", t*1000}') ms"
total=0
for path in / $(printf '%s' "$page" | grep -o '\(href\|src\)="/[^"]*\.\(css\|js\|svg\)"' | cut -d'"' -f2 | sort -u) \
            $(printf '%s' "$page" | grep -o 'hx-get="/w/[^"]*"' | cut -d'"' -f2); do
  b="$(curl -s -o /dev/null -b "$JAR" -H 'Accept-Encoding: gzip' -w '%{size_download}' "$D$path")"
  total=$((total + b))
  printf '  %-45s %7d B\n' "$path" "$b"
done
echo "page weight (gzip, page + assets + widget bodies): $total B ($((total / 1024)) KiB)"
