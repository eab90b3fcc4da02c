#!/usr/bin/env bash
# Sizes of the local base image and the four service images (docker image inspect .Size, uncompressed), and how long
# the base image takes to build from scratch. Builds what is missing first (deploy/docker/build-images.sh).
#   benchmarks/image-sizes.sh [--rebuild-base]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="${HOMELAB_BASE_IMAGE:-homelab-observer/jre17:local}"
if [ "${1:-}" = "--rebuild-base" ]; then
  start=$(date +%s%N)
  "$ROOT/deploy/docker/build-base-image.sh" --force >/dev/null
  awk -v ns="$(($(date +%s%N) - start))" 'BEGIN {printf "base image build: %.1f s\n", ns / 1e9}'
fi
"$ROOT/deploy/docker/build-images.sh" >/dev/null 2>&1
printf '%-40s %10s\n' image MB
for img in "$base" homelab-observer/{controller,tracking-server,dashboard,agent}:latest; do
  awk -v n="$img" -v b="$(docker image inspect -f '{{.Size}}' "$img")" 'BEGIN {printf "%-40s %10.1f\n", n, b / 1e6}'
done
