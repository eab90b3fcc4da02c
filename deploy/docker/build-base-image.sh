#!/usr/bin/env bash
# Builds a small local JRE 17 base image for the service images, from Debian packages only and without any image
# registry: a jlink runtime made from openjdk-17-jdk-headless's jmods, the shared libraries it links against (libc6,
# zlib1g, libstdc++6, libgcc-s1), busybox-static for sh and wget (entrypoint and HEALTHCHECK), and a class-data-sharing
# archive for faster start-up, assembled into a root filesystem and loaded with 'docker import'.
#
#   deploy/docker/build-base-image.sh [--force]     # prints the image name; skips the build when it already exists
#
# Environment: HOMELAB_BASE_IMAGE (name, homelab-observer/jre17:local), JAVA_HOME (the JDK whose jmods are used).
# Measured against a debootstrap --variant=minbase rootfs + openjdk-17-jre-headless: see docs/benchmarks.md.
set -euo pipefail

IMAGE="${HOMELAB_BASE_IMAGE:-homelab-observer/jre17:local}"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

if [ "$FORCE" = 0 ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "$IMAGE"
  exit 0
fi

java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")}"
[ -d "$java_home/jmods" ] || { echo "no jmods in $java_home: apt-get install openjdk-17-jdk-headless" >&2; exit 1; }
[ -x /bin/busybox ] || { echo "/bin/busybox missing: apt-get install busybox-static" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"

# Modules: what the four Quarkus apps use (java.desktop for java.beans in Hibernate and Jackson, java.naming and
# jdk.naming.dns for JNDI/DNS, jdk.crypto.ec for Ed25519/TLS, jdk.unsupported for sun.misc.Unsafe in Netty and JNA,
# java.management and jdk.management for the JVM metrics). No compiler, no tools.
modules=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,\
java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.transaction.xa,java.xml,java.xml.crypto,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.management,jdk.naming.dns,\
jdk.net,jdk.unsupported,jdk.zipfs
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
  --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive \
  --output "$root/opt/java"

# Shared libraries: everything the runtime's executables and libraries link against, at the same paths, plus the
# dynamic loader. The desktop libraries (X11, sound, fonts, images) are left out: a headless server never loads them.
# Native libraries that dependencies unpack at run time (SQLite JDBC, JNA) were linked before glibc 2.34 merged
# libpthread, libdl and librt into libc: their (tiny) compatibility stubs must exist.
copy_lib() {
  local lib="$1"
  [ -e "$root$lib" ] && return 0
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
}
while read -r lib; do
  copy_lib "$lib"
done < <(find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) \
  ! -regex '.*/lib\(awt_xawt\|jawt\|splashscreen\|jsound\|fontmanager\|lcms\|javajpeg\|mlib_image\)\.so' -print0 |
  xargs -0 ldd 2>/dev/null | awk '/=> \//{print $3} /^\t\/.*ld-linux/{print $1}' | sort -u)
for extra in libgcc_s.so.1 libstdc++.so.6 libpthread.so.0 libdl.so.2 librt.so.1 libresolv.so.2; do
  lib="$(ldconfig -p | awk -v n="$extra" '$1==n && /x86-64|64bit|AArch64/ {print $NF; exit}')"
  [ -n "$lib" ] && copy_lib "$lib"
done
# glibc's loader also looks for libraries in /lib and /usr/lib: keep the multiarch layout resolvable.
mkdir -p "$root/lib" "$root/usr/lib" "$root/bin" "$root/etc" "$root/tmp" "$root/data"
[ -e "$root/lib64" ] || mkdir -p "$root/lib64"
chmod 1777 "$root/tmp"

cp /bin/busybox "$root/bin/busybox"
for applet in sh wget cat ls mkdir chown chmod id echo env sleep rm cp mv ps grep sed test true false; do
  ln -sf busybox "$root/bin/$applet"
done
ln -sf /opt/java/bin/java "$root/bin/java"

cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat >"$root/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP
echo 'hosts: files dns' >"$root/etc/nsswitch.conf"

tar -C "$root" --numeric-owner --owner=0 --group=0 -c . |
  docker import \
    -c 'ENV PATH=/opt/java/bin:/bin JAVA_HOME=/opt/java LANG=C.UTF-8' \
    -c 'CMD ["java", "-version"]' \
    -m "JRE 17 (jlink from $(cat "$java_home/release" | sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p')) + busybox, by build-base-image.sh" \
    - "$IMAGE" >/dev/null
echo "$IMAGE"
