# JVM image of the tracking-server. Build from the repository root after 'mvn -DskipTests package':
#   docker build -f deploy/docker/tracking-server.Dockerfile -t homelab-observer/tracking-server .
# Native variant: build with 'mvn -pl tracking-server -am package -Dnative -Dquarkus.native.container-build=true' and copy
# tracking-server/target/*-runner onto a distroless or ubi-minimal base instead of the quarkus-app directory.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /data homelab && mkdir -p /data && chown homelab /data
COPY --chown=homelab tracking-server/target/quarkus-app/ /app/
ENV HOMELAB_TRACKING_DATA_DIR=/data \
    JAVA_OPTS="-Xmx128m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:TieredStopAtLevel=1"
EXPOSE 5000
VOLUME /data
USER homelab
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
