#!/usr/bin/env bash
# Builds the four service images on the local Docker engine, without any image registry.
#
#   deploy/docker/build-images.sh                 # base image from build-base-image.sh, tag :latest
#   BASE_IMAGE=eclipse-temurin:17-jre deploy/docker/build-images.sh    # the public base, where a registry is reachable
#
# Environment: BASE_IMAGE (default: the local JRE base, built when missing), HOMELAB_IMAGE_TAG (latest),
# HOMELAB_IMAGE_PREFIX (homelab-observer). Needs each service packaged: mvn -DskipTests package (run here when a
# quarkus-run.jar is missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TAG="${HOMELAB_IMAGE_TAG:-latest}"
PREFIX="${HOMELAB_IMAGE_PREFIX:-homelab-observer}"
SERVICES=(controller tracking-server dashboard agent)

base="${BASE_IMAGE:-$("$ROOT/deploy/docker/build-base-image.sh")}"

missing=()
for s in "${SERVICES[@]}"; do
  [ -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ] || missing+=("$s")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "packaging ${missing[*]} (mvn -DskipTests package)" >&2
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl "$(IFS=,; echo "${missing[*]}")" -am)
fi

for s in "${SERVICES[@]}"; do
  # The repository root is the context; .dockerignore sends only */target/quarkus-app.
  docker build -q --build-arg "BASE_IMAGE=$base" -f "$ROOT/deploy/docker/$s.Dockerfile" \
    -t "$PREFIX/$s:$TAG" "$ROOT" >/dev/null
  printf '%s\t%s\n' "$PREFIX/$s:$TAG" "$(docker image inspect -f '{{.Size}}' "$PREFIX/$s:$TAG")"
done
