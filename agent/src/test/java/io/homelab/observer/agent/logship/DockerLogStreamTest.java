package io.homelab.observer.agent.logship;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerLogStreamTest {

  private static void frame(ByteArrayOutputStream out, int stream, String payload) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    out.write(stream);
    out.write(0);
    out.write(0);
    out.write(0);
    out.write(p.length >>> 24);
    out.write(p.length >>> 16);
    out.write(p.length >>> 8);
    out.write(p.length);
    out.write(p, 0, p.length);
  }

  private static List<String> read(boolean tty, InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    new DockerLogStream(tty).read(in, (s, t) -> lines.add(s + ":" + t));
    return lines;
  }

  @Test
  void framesAreSplitIntoLinesPerStreamAcrossFrameBoundaries() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    frame(body, 1, "T1 one\nT2 tw");
    frame(body, 2, "T3 err\r\n");
    frame(body, 1, "o\nT4 héllo\n");
    frame(body, 2, "T5 last without newline");
    assertThat(read(false, new ByteArrayInputStream(body.toByteArray())))
        .containsExactly(
            "stdout:T1 one",
            "stderr:T3 err",
            "stdout:T2 two",
            "stdout:T4 héllo",
            "stderr:T5 last without newline");
  }

  @Test
  void aTtyStreamIsOneRawStdoutStream() throws Exception {
    byte[] raw = "T1 a\r\nT2 b\nT3 c".getBytes(StandardCharsets.UTF_8);
    // One byte per read, as a slow pipe would hand it over.
    InputStream slow =
        new ByteArrayInputStream(raw) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
          }
        };
    assertThat(read(true, slow)).containsExactly("stdout:T1 a", "stdout:T2 b", "stdout:T3 c");
  }

  @Test
  void aLongMultiByteLineSplitAcrossFramesStaysWhole() throws Exception {
    String line = "T9 " + "ü".repeat(10_000);
    byte[] p = (line + "\n").getBytes(StandardCharsets.UTF_8);
    // Cut inside the first two-byte character: bytes are joined before decoding.
    int cut = 4;
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    writeRawFrame(f, 1, p, 0, cut);
    writeRawFrame(f, 1, p, cut, p.length - cut);
    assertThat(read(false, new ByteArrayInputStream(f.toByteArray())))
        .containsExactly("stdout:" + line);
  }

  private static void writeRawFrame(
      ByteArrayOutputStream out, int stream, byte[] p, int off, int len) {
    out.write(stream);
    out.write(0);
    out.write(0);
    out.write(0);
    out.write(len >>> 24);
    out.write(len >>> 16);
    out.write(len >>> 8);
    out.write(len);
    out.write(p, off, len);
  }
}
