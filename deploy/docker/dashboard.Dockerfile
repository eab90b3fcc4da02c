# JVM image of the dashboard, from the packaged Quarkus app. Build from the repository root after 'mvn -DskipTests package':
#   docker build -f deploy/docker/dashboard.Dockerfile -t homelab-observer/dashboard .
# or all four on a machine without a registry: deploy/docker/build-images.sh (base image built locally from Debian).
# Native variant: build with 'mvn -pl dashboard -am package -Dnative -Dquarkus.native.container-build=true' and copy
# dashboard/target/*-runner onto a distroless or ubi-minimal base instead of the quarkus-app directory.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}
ARG HOMELAB_UID=10001
# Only sh, echo, mkdir and chown here: the same lines work on the Ubuntu-based default and the busybox-based local base.
RUN echo "homelab:x:${HOMELAB_UID}:${HOMELAB_UID}:Homelab Observer:/data:/sbin/nologin" >>/etc/passwd \
 && echo "homelab:x:${HOMELAB_UID}:" >>/etc/group \
 && mkdir -p /data && chown "${HOMELAB_UID}:${HOMELAB_UID}" /data && chmod 0750 /data
# Dependencies first, the application last: an upgrade usually changes only the small top layers. Owned by root, so the
# service user cannot change its own code.
COPY dashboard/target/quarkus-app/lib/ /app/lib/
COPY dashboard/target/quarkus-app/*.jar /app/
COPY dashboard/target/quarkus-app/app/ /app/app/
COPY dashboard/target/quarkus-app/quarkus/ /app/quarkus/
# JVM flags: docs/operations.md "JVM flags" (the launcher's, measured there).
ENV HOMELAB_DASHBOARD_DATA_DIR=/data \
    JAVA_OPTS="-Xmx64m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:TieredStopAtLevel=1"
EXPOSE 8080
VOLUME /data
USER homelab
# busybox wget crashes with -T: the time-out is the health check's own.
HEALTHCHECK --interval=5s --timeout=5s --start-period=120s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/q/health/ready || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
