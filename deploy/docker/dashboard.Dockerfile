# JVM image of the dashboard. Build from the repository root after 'mvn -DskipTests package':
#   docker build -f deploy/docker/dashboard.Dockerfile -t homelab-observer/dashboard .
# Native variant: build with 'mvn -pl dashboard -am package -Dnative -Dquarkus.native.container-build=true' and copy
# dashboard/target/*-runner onto a distroless or ubi-minimal base instead of the quarkus-app directory.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /data homelab && mkdir -p /data && chown homelab /data
COPY --chown=homelab dashboard/target/quarkus-app/ /app/
ENV HOMELAB_DASHBOARD_DATA_DIR=/data \
    JAVA_OPTS="-Xmx64m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:TieredStopAtLevel=1"
EXPOSE 8080
VOLUME /data
USER homelab
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
