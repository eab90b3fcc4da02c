package io.homelab.observer.it.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A chunked request (POST, PUT) of up to {@code attempted} bytes over a raw socket (no
 * Content-Length, so no server can refuse it from the headers alone). The body is one 1 MiB chunk
 * written again and again, never held whole: the test's own heap stays small whatever it attempts.
 *
 * @param sent body bytes the server took before it stopped reading (closed or reset)
 * @param statusLine the server's status line, or null when the reset lost it
 * @param closedByServer whether the server stopped the upload before {@code attempted} bytes
 */
record ChunkedUpload(long sent, String statusLine, boolean closedByServer) {

  private static final int CHUNK = 1 << 20;

  /** Bytes of the chunk, JSON whitespace: a body any JSON reader must go on reading. */
  static ChunkedUpload send(
      int port, String method, String path, String contentType, String extraHeaders, long attempted)
      throws IOException {
    byte[] chunk = new byte[CHUNK];
    Arrays.fill(chunk, (byte) ' ');
    byte[] chunkHeader = (Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] crlf = {'\r', '\n'};
    long sent = 0;
    boolean closed = false;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      // A server that stops reading without closing would block the write forever; the read
      // timeout below then names it.
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method
                  + " "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                  + contentType
                  + "\r\nTransfer-Encoding: chunked\r\n"
                  + extraHeaders
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      try {
        while (sent < attempted) {
          out.write(chunkHeader);
          out.write(chunk);
          out.write(crlf);
          sent += CHUNK;
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException stopped) {
        closed = true;
      }
      return new ChunkedUpload(sent, statusLine(socket.getInputStream()), closed);
    }
  }

  private static String statusLine(InputStream in) {
    try {
      StringBuilder line = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        line.append((char) b);
      }
      return line.length() == 0 ? null : line.toString().trim();
    } catch (SocketTimeoutException e) {
      return "(no answer in 30 s)";
    } catch (IOException reset) {
      // The reset that stopped the upload may take the answer with it; the byte count decides.
      return null;
    }
  }
}
