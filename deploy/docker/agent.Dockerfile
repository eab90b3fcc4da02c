# JVM image of the agent. Build from the repository root after 'mvn -DskipTests package':
#   docker build -f deploy/docker/agent.Dockerfile -t homelab-observer/agent .
# Native variant: build with 'mvn -pl agent -am package -Dnative -Dquarkus.native.container-build=true' and copy
# agent/target/*-runner onto a distroless or ubi-minimal base instead of the quarkus-app directory.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /data homelab && mkdir -p /data && chown homelab /data
COPY --chown=homelab agent/target/quarkus-app/ /app/
# JVM flags: docs/metrics.md "JVM flags" (about 93 MiB resident with every collector on; -Xmx32m is a cap, not a cost).
# -XX:TrimNativeHeapInterval needs a current JDK 17 update (it is in 17.0.15; the eclipse-temurin:17 tag is current).
ENV HOMELAB_AGENT_DATA_DIR=/data \
    MALLOC_ARENA_MAX=1 \
    JAVA_OPTS="-XX:+UseSerialGC -Xms4m -Xmx32m -Xmn2m -XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=5 -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5 -XX:ReservedCodeCacheSize=16m -XX:CICompilerCount=1 -Xss256k -XX:TrimNativeHeapInterval=5000 -XX:-UsePerfData"
EXPOSE 9001 9100
VOLUME /data
# The agent reads docker.sock; run it as root or add the docker group id with --group-add.
USER root
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
