package io.homelab.observer.tracking.logs.syslog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The syslog listener end to end into search results: RFC 5424 and RFC 3164 over UDP, TCP with
 * octet counting and newline framing, a real rsyslogd relaying (TCP octet-counted RFC 5424 and UDP
 * RFC 3164), and Docker's {@code syslog} log driver on the real dockerd.
 */
@QuarkusTest
@TestProfile(SyslogProfile.class)
class SyslogListenerTest {

  static final String LABEL = "homelab.test=SyslogListenerTest";

  final String tag = "s" + UUID.randomUUID().toString().substring(0, 8);

  static JsonPath search(String q, int expected) throws InterruptedException {
    JsonPath r = null;
    for (int i = 0; i < 100; i++) {
      r =
          given()
              .queryParam("q", q)
              .get("/api/2.0/homelab/logs/search")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if (r.getList("entries").size() >= expected) {
        return r;
      }
      Thread.sleep(100);
    }
    return r;
  }

  static void udp(String message) throws Exception {
    try (DatagramSocket s = new DatagramSocket()) {
      byte[] b = message.getBytes(StandardCharsets.UTF_8);
      s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), SyslogProfile.PORT));
    }
  }

  @Test
  void udpRfc5424AndRfc3164() throws Exception {
    udp(
        "<11>1 2026-12-05T10:00:00.123Z nas01 smbd 4242 AUTH [exampleSDID@32473 iut=\"3\"] "
            + tag
            + " login failed");
    udp("<28>Dec  5 10:00:01 router dnsmasq[77]: " + tag + " lease renewed");
    JsonPath r = search(tag, 2);
    assertThat(r.getList("entries")).hasSize(2);
    JsonPath a = search(tag + " host:nas01", 1);
    assertThat(a.getString("entries[0].service")).isEqualTo("smbd");
    assertThat(a.getString("entries[0].level")).isEqualTo("error");
    assertThat(a.getString("entries[0].message")).isEqualTo(tag + " login failed");
    assertThat(a.getLong("entries[0].timestamp"))
        .isEqualTo(java.time.Instant.parse("2026-12-05T10:00:00.123Z").toEpochMilli());
    assertThat(a.getString("entries[0].labels.msgid")).isEqualTo("AUTH");
    JsonPath b = search(tag + " host:router", 1);
    assertThat(b.getString("entries[0].service")).isEqualTo("dnsmasq");
    assertThat(b.getString("entries[0].level")).isEqualTo("warn");
    assertThat(b.getString("entries[0].labels.procid")).isEqualTo("77");
  }

  @Test
  void tcpOctetCountingAndNewlineFraming() throws Exception {
    String counted = "<14>1 - hv1 qemu - - - " + tag + " counted\nwith newline inside";
    String newline = "<14>Dec  5 10:00:02 hv1 kernel: " + tag + " newline framed\n";
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), SyslogProfile.PORT)) {
      OutputStream out = s.getOutputStream();
      byte[] c = counted.getBytes(StandardCharsets.UTF_8);
      out.write((c.length + " ").getBytes(StandardCharsets.US_ASCII));
      out.write(c);
      out.write(newline.getBytes(StandardCharsets.UTF_8));
      // A frame split across writes is put back together.
      out.write(("<14>Dec  5 10:00:03 hv1 kernel: " + tag).getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(50);
      out.write(" split frame\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    JsonPath r = search(tag, 3);
    assertThat(r.getList("entries.message"))
        .containsExactlyInAnyOrder(
            tag + " counted\nwith newline inside", tag + " newline framed", tag + " split frame");
  }

  @Test
  void relayedByRealRsyslog() throws Exception {
    Path dir = Files.createTempDirectory("rsyslog-test");
    int in = SyslogProfile.freePort();
    String conf =
        "global(workDirectory=\""
            + dir
            + "\")\n"
            + "module(load=\"imudp\")\n"
            + "input(type=\"imudp\" address=\"127.0.0.1\" port=\""
            + in
            + "\")\n"
            + "action(type=\"omfwd\" target=\"127.0.0.1\" port=\""
            + SyslogProfile.PORT
            + "\" protocol=\"tcp\" TCP_Framing=\"octet-counted\""
            + " template=\"RSYSLOG_SyslogProtocol23Format\")\n"
            + "action(type=\"omfwd\" target=\"127.0.0.1\" port=\""
            + SyslogProfile.PORT
            + "\" protocol=\"udp\" template=\"RSYSLOG_TraditionalForwardFormat\")\n";
    Files.writeString(dir.resolve("rsyslog.conf"), conf);
    Process p =
        new ProcessBuilder(
                "/usr/sbin/rsyslogd",
                "-n",
                "-f",
                dir.resolve("rsyslog.conf").toString(),
                "-i",
                dir.resolve("rsyslogd.pid").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("rsyslogd.out").toFile())
            .start();
    try {
      Thread.sleep(1000);
      try (DatagramSocket s = new DatagramSocket()) {
        byte[] b =
            ("<13>Dec  5 11:00:00 backup-host restic: " + tag + " via rsyslog")
                .getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), in));
      }
      JsonPath r = search(tag, 2);
      assertThat(r.getList("entries"))
          .as("rsyslogd output: %s", Files.readString(dir.resolve("rsyslogd.out")))
          .hasSize(2);
      assertThat(r.getList("entries.service")).containsOnly("restic");
      assertThat(r.getList("entries.host")).containsOnly("backup-host");
      assertThat(r.getList("entries.message")).containsOnly(tag + " via rsyslog");
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void dockerSyslogLogDriver() throws Exception {
    Process p =
        new ProcessBuilder(
                "docker",
                "run",
                "--rm",
                "--label",
                LABEL,
                "--log-driver",
                "syslog",
                "--log-opt",
                "syslog-address=tcp://127.0.0.1:" + SyslogProfile.PORT,
                "--log-opt",
                "tag=" + tag,
                "homelab-test/busybox:latest",
                "sh",
                "-c",
                "echo " + tag + " from docker; echo second line")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    JsonPath r = search("service:" + tag, 2);
    assertThat(r.getList("entries.message")).containsExactly("second line", tag + " from docker");
    assertThat(List.of(r.getString("entries[0].labels.facility"))).containsExactly("3");
  }
}
