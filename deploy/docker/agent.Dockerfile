# JVM image of the agent. Build from the repository root after 'mvn -DskipTests package':
#   docker build -f deploy/docker/agent.Dockerfile -t homelab-observer/agent .
# Native variant: build with 'mvn -pl agent -am package -Dnative -Dquarkus.native.container-build=true' and copy
# agent/target/*-runner onto a distroless or ubi-minimal base instead of the quarkus-app directory.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /data homelab && mkdir -p /data && chown homelab /data
COPY --chown=homelab agent/target/quarkus-app/ /app/
ENV HOMELAB_AGENT_DATA_DIR=/data \
    JAVA_OPTS="-Xmx48m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:TieredStopAtLevel=1"
EXPOSE 9001 9100
VOLUME /data
# The agent reads docker.sock; run it as root or add the docker group id with --group-add.
USER root
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
