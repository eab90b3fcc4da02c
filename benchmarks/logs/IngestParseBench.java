package io.homelab.observer.tracking.logs.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * CPU per line of reading a 1,000-line ingest body (issue 14), in one thread, JIT warmed: the
 * general binding (Jackson records, then LineRules per entry, as before) against the streaming
 * IngestBodyParser. Bodies as bench_logs.py generates them (one host and service per batch).
 *
 * <p>Run from the repository root after `mvn -pl tracking-server -am package -DskipTests`:
 *
 * <pre>
 * A=tracking-server/target/quarkus-app; mkdir -p target/ipb
 * javac -d target/ipb -cp "$A/app/*:$A/lib/main/*" benchmarks/logs/IngestParseBench.java
 * java -cp "target/ipb:$A/app/*:$A/lib/main/*" io.homelab.observer.tracking.logs.ingest.IngestParseBench
 * </pre>
 *
 * <p>(Compiled, not run as a source file: the benchmark sits in the parser's package to reach it,
 * which needs the same class loader.)
 *
 * <pre>
 * </pre>
 */
public class IngestParseBench {

  static final String[] WORDS =
      ("request served upstream connection refused timeout cache miss hit query slow user login"
              + " session expired token renewed backup started finished disk usage memory pressure"
              + " retry scheduled job worker thread pool queue full dropped packet dns lookup"
              + " certificate renewal healthcheck ok failed container restarted volume mounted"
              + " config reloaded")
          .split(" ");
  static final String[] LEVELS = {"info", "info", "info", "info", "debug", "warn", "error"};

  public static void main(String[] args) throws Exception {
    ObjectMapper mapper =
        new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);
    Random rnd = new Random(14);
    List<byte[]> bodies = new ArrayList<>();
    for (int b = 0; b < 50; b++) {
      StringBuilder s = new StringBuilder("{\"batch_id\":\"bench-" + b + "\",\"entries\":[");
      String service = "svc" + rnd.nextInt(20);
      for (int i = 0; i < 1000; i++) {
        StringBuilder m = new StringBuilder();
        for (int w = 6 + rnd.nextInt(9); w > 0; w--) {
          m.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
        }
        m.append("id=").append(rnd.nextInt(1_000_000_000)).append(" took ");
        m.append(1 + rnd.nextInt(900)).append("ms");
        s.append(i == 0 ? "" : ",")
            .append("{\"timestamp\":")
            .append(1764943200000L + b * 1000L + i)
            .append(",\"host\":\"host-0").append(b % 10)
            .append("\",\"service\":\"").append(service)
            .append("\",\"level\":\"").append(LEVELS[rnd.nextInt(LEVELS.length)])
            .append("\",\"message\":\"").append(m)
            .append("\",\"labels\":{\"container_name\":\"").append(service)
            .append("-1\",\"stream\":\"stdout\"}}");
      }
      bodies.add(s.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 4; round++) {
      for (String way : new String[] {"records + LineRules", "IngestBodyParser"}) {
        long lines = 0;
        long start = 0;
        for (int r = 0; r < 40; r++) {
          if (r == 10) { // the first 10 passes warm the JIT
            start = cpu.getCurrentThreadCpuTime();
            lines = 0;
          }
          for (byte[] body : bodies) {
            lines += way.startsWith("records") ? general(mapper, body) : streaming(mapper, body);
          }
        }
        double us = (cpu.getCurrentThreadCpuTime() - start) / 1e3 / lines;
        System.out.printf("round %d  %-20s %.2f us CPU per line%n", round, way, us);
      }
    }
  }

  static int general(ObjectMapper mapper, byte[] body) throws Exception {
    IngestRequest request = mapper.readValue(body, IngestRequest.class);
    int n = 0;
    for (IngestRequest.Entry e : request.entries()) {
      LineRules.line(
          "entries[" + n + "]", e.timestamp(), e.host(), e.service(), e.level(), e.message(),
          e.labels());
      n++;
    }
    return n;
  }

  static int streaming(ObjectMapper mapper, byte[] body) {
    return IngestBodyParser.parse(mapper.getFactory(), body).lines().size();
  }
}
