# JVM image of the controller. Build from the repository root after 'mvn -DskipTests package':
#   docker build -f deploy/docker/controller.Dockerfile -t homelab-observer/controller .
# Native variant: build with 'mvn -pl controller -am package -Dnative -Dquarkus.native.container-build=true' and copy
# controller/target/*-runner onto a distroless or ubi-minimal base instead of the quarkus-app directory.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /data homelab && mkdir -p /data && chown homelab /data
COPY --chown=homelab controller/target/quarkus-app/ /app/
ENV HOMELAB_CONTROLLER_DATA_DIR=/data \
    JAVA_OPTS="-Xmx128m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:TieredStopAtLevel=1"
EXPOSE 9000
VOLUME /data
USER homelab
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
