# JVM image of the agent, from the packaged Quarkus app. Build from the repository root after 'mvn -DskipTests package':
#   docker build -f deploy/docker/agent.Dockerfile -t homelab-observer/agent .
# or all four on a machine without a registry: deploy/docker/build-images.sh (base image built locally from Debian).
# Native variant: build with 'mvn -pl agent -am package -Dnative -Dquarkus.native.container-build=true' and copy
# agent/target/*-runner onto a distroless or ubi-minimal base instead of the quarkus-app directory.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}
ARG HOMELAB_UID=10001
# Only sh, echo, mkdir and chown here: the same lines work on the Ubuntu-based default and the busybox-based local base.
RUN echo "homelab:x:${HOMELAB_UID}:${HOMELAB_UID}:Homelab Observer:/data:/sbin/nologin" >>/etc/passwd \
 && echo "homelab:x:${HOMELAB_UID}:" >>/etc/group \
 && mkdir -p /data && chown "${HOMELAB_UID}:${HOMELAB_UID}" /data && chmod 0750 /data
# Dependencies first, the application last: an upgrade usually changes only the small top layers. Owned by root, so the
# service user cannot change its own code.
COPY agent/target/quarkus-app/lib/ /app/lib/
COPY agent/target/quarkus-app/*.jar /app/
COPY agent/target/quarkus-app/app/ /app/app/
COPY agent/target/quarkus-app/quarkus/ /app/quarkus/
# JVM flags: docs/metrics.md "JVM flags" (about 90 MiB resident with every collector on; -Xmx32m is a cap, not a cost).
# -XX:TrimNativeHeapInterval needs JDK 17.0.9 or later: both the eclipse-temurin:17-jre tag and the local base are newer.
ENV HOMELAB_AGENT_DATA_DIR=/data \
    MALLOC_ARENA_MAX=1 \
    JAVA_OPTS="-XX:+UseSerialGC -Xms4m -Xmx32m -Xmn2m -XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=5 -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5 -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,io/homelab/*.*,0.05 -XX:CompileCommand=CompileThresholdScaling,io/netty/*.*,0.1 -XX:CompileCommand=CompileThresholdScaling,io/vertx/*.*,0.1 -XX:CompileCommand=CompileThresholdScaling,java/util/*.*,0.5 -XX:CompileCommand=CompileThresholdScaling,sun/nio/*.*,0.5 -XX:ReservedCodeCacheSize=16m -XX:CICompilerCount=1 -Xss256k -XX:TrimNativeHeapInterval=5000 -XX:-UsePerfData"
EXPOSE 9001 9100
VOLUME /data
# Not root: Docker access comes from the socket's group, added at run time (compose: group_add with
# HOMELAB_DOCKER_GID, docker run: --group-add "$(stat -c %g /var/run/docker.sock)"). Live, not ready, is the health
# check: without Docker the agent still serves node metrics (docs/operations.md "Health").
USER homelab
# busybox wget crashes with -T: the time-out is the health check's own.
HEALTHCHECK --interval=5s --timeout=5s --start-period=120s --retries=3 \
  CMD h="${QUARKUS_MANAGEMENT_HOST:-0.0.0.0}"; [ "$h" = 0.0.0.0 ] && h=127.0.0.1; \
      wget -q -O /dev/null "http://$h:${QUARKUS_MANAGEMENT_PORT:-9100}/q/health/live" || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
