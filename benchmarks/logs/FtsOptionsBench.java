import java.sql.*;
import java.util.*;
import java.nio.file.*;

/**
 * The SQLite side of log ingest in isolation (issue 14): CPU per line (this thread, after a quarter
 * of the lines as warm-up) of inserting generated lines into the tracking server's log schema
 * (log_entries, its (stream_id, id) index, the contentless FTS5 table) in batches of 1,000 per
 * executeBatch, committed every TX rows; then the index's bytes per line and p50 of a word query
 * and of a phrase query joined with one stream's rows, newest 100.
 *
 * <p>Usage (sqlite-jdbc from a built tracking server):
 *
 * <pre>
 * J=tracking-server/target/quarkus-app/lib/main/org.xerial.sqlite-jdbc-*.jar
 * java -cp $J benchmarks/logs/FtsOptionsBench.java VARIANT LINES TX ["FTS5 OPTIONS"] ["SQL;SQL"]
 * </pre>
 *
 * VARIANT: base (as stored today); nofts (no FTS5 insert); noidx-nofts (no stream index either);
 * sel (the FTS rows copied by one INSERT ... SELECT per batch instead of bound per row); groupN
 * (one FTS5 document per N lines, a design not in the server: what fewer, larger documents save).
 * The last argument runs after CREATE, e.g. "INSERT INTO log_fts(log_fts, rank) VALUES('automerge', 16)".
 */
public class FtsOptionsBench {
  static final String[] WORDS = ("request served upstream connection refused timeout cache miss hit query slow user login "
      + "session expired token renewed backup started finished disk usage memory pressure retry "
      + "scheduled job worker thread pool queue full dropped packet dns lookup certificate renewal "
      + "healthcheck ok failed container restarted volume mounted config reloaded").split(" ");
  public static void main(String[] a) throws Exception {
    String variant = a[0];
    int lines = Integer.parseInt(a[1]);
    int txRows = Integer.parseInt(a[2]);
    String fts = a.length > 3 ? a[3] : "content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'";
    String after = a.length > 4 ? a[4] : "";
    Path dir = Files.createTempDirectory("fts-options-bench");
    String url = "jdbc:sqlite:" + dir.resolve("t.db");
    Random rnd = new Random(14);
    String[] msgs = new String[lines];
    for (int i = 0; i < lines; i++) {
      StringBuilder b = new StringBuilder();
      int n = 6 + rnd.nextInt(9);
      for (int w = 0; w < n; w++) { if (w > 0) b.append(' '); b.append(WORDS[rnd.nextInt(WORDS.length)]); }
      b.append(" id=").append(rnd.nextInt(1_000_000_000)).append(" took ").append(1 + rnd.nextInt(900)).append("ms");
      msgs[i] = b.toString();
    }
    try (Connection c = DriverManager.getConnection(url)) {
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA page_size=16384"); st.execute("PRAGMA journal_mode=WAL"); st.execute("PRAGMA synchronous=NORMAL");
        st.execute("PRAGMA cache_size=-16000");
        st.execute("CREATE TABLE log_entries (id INTEGER PRIMARY KEY, stream_id INTEGER NOT NULL, level TEXT NOT NULL, message TEXT NOT NULL)");
        if (!variant.contains("noidx")) st.execute("CREATE INDEX log_entries_stream ON log_entries (stream_id, id)");
        st.execute("CREATE VIRTUAL TABLE log_fts USING fts5(message, " + fts + ")");
        for (String s : after.split(";")) if (!s.isBlank()) st.execute(s);
      }
      c.setAutoCommit(false);
      PreparedStatement pe = c.prepareStatement("INSERT INTO log_entries (id, stream_id, level, message) VALUES (?, ?, ?, ?)");
      PreparedStatement pf = c.prepareStatement("INSERT INTO log_fts (rowid, message) VALUES (?, ?)");
      long t0 = System.currentTimeMillis() << 20;
      long start = 0; int warm = lines / 4; StringBuilder ids = null;
      PreparedStatement ps2 = c.prepareStatement("INSERT INTO log_fts(rowid, message) SELECT id, message FROM log_entries WHERE id IN (SELECT value FROM json_each(?))");
      for (int i = 0; i < lines; i++) {
        if (i == warm) start = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long id = t0 + ((long) i << 12);
        if (!variant.contains("nofts-rows")) {
          pe.setLong(1, id); pe.setLong(2, i / 1000 % 200); pe.setString(3, "info"); pe.setString(4, msgs[i]); pe.addBatch();
        }
        int g = variant.startsWith("group") ? Integer.parseInt(variant.substring(5)) : 1;
        if (!variant.contains("nofts") && !variant.startsWith("sel") && (i + 1) % g == 0) { StringBuilder jb = new StringBuilder(); for (int k = i - g + 1; k <= i; k++) { if (jb.length() > 0) jb.append('\n'); jb.append(msgs[k]); } pf.setLong(1, id); pf.setString(2, jb.toString()); pf.addBatch(); }
        if (variant.startsWith("sel")) { if (ids == null) ids = new StringBuilder("["); else if (ids.length() > 1) ids.append(','); ids.append(id); }
        if ((i + 1) % 1000 == 0) { pe.executeBatch(); pf.executeBatch(); if (ids != null) { ids.append(']'); ps2.setString(1, ids.toString()); ps2.executeUpdate(); ids = new StringBuilder("["); } }
        if ((i + 1) % txRows == 0) c.commit();
      }
      pe.executeBatch(); pf.executeBatch(); c.commit();
      double us = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - start) / 1e3 / (lines - warm);
      long size = 0; for (Path p : Files.list(dir).toList()) size += Files.size(p);
      // search timing
      PreparedStatement q = c.prepareStatement("SELECT e.id FROM log_fts CROSS JOIN log_entries e ON e.id = log_fts.rowid WHERE log_fts MATCH ? ORDER BY log_fts.rowid DESC LIMIT 100");
      double[] qs = new double[2]; String[] qq = {"timeout", "\"connection refused\""};
      PreparedStatement q2 = c.prepareStatement("SELECT e.id FROM log_fts CROSS JOIN log_entries e ON e.id = log_fts.rowid WHERE log_fts MATCH ? AND e.stream_id = 7 ORDER BY log_fts.rowid DESC LIMIT 100");
      for (int k = 0; k < 2; k++) { long[] ts = new long[15]; for (int r = 0; r < 15; r++) { long s = System.nanoTime(); PreparedStatement qx = k == 0 ? q : q2; qx.setString(1, qq[k]); try (ResultSet rs = qx.executeQuery()) { while (rs.next()) {} } ts[r] = System.nanoTime() - s; } Arrays.sort(ts); qs[k] = ts[7] / 1e6; }
      System.out.printf("%-14s tx=%d fts=[%s] after=[%s]: %.2f us/line, %d bytes/line, word %.2f ms, phrase %.2f ms%n", variant, txRows, fts, after, us, size / lines, qs[0], qs[1]);
    }
  }
}
