package io.homelab.observer.controller.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain SMTP server on loopback (RFC 5321's minimal command set: EHLO/HELO, MAIL, RCPT, DATA,
 * RSET, NOOP, QUIT) that records every mail, for the e-mail notifier test. No TLS, no login: the
 * notifier under test is configured with {@code smtpTls: none}.
 */
final class SmtpReceiver implements AutoCloseable {

  /** One accepted mail: envelope and the DATA text. */
  record Mail(String from, List<String> to, String data) {}

  private final ServerSocket server;
  private final List<Mail> mails = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  SmtpReceiver() throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "smtp-receiver");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  List<Mail> mails() {
    return List.copyOf(mails);
  }

  private void accept() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(10_000);
        converse(s);
      } catch (IOException e) {
        // closed, or a client that went away: wait for the next one
      }
    }
  }

  private void converse(Socket s) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = s.getOutputStream();
    reply(out, "220 localhost test SMTP");
    String from = null;
    List<String> to = new ArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
      switch (cmd) {
        case "EHLO" -> reply(out, "250-localhost\r\n250 8BITMIME");
        case "HELO", "NOOP" -> reply(out, "250 ok");
        case "RSET" -> {
          from = null;
          to.clear();
          reply(out, "250 ok");
        }
        case "MAIL" -> {
          from = line.substring(line.indexOf(':') + 1).trim();
          reply(out, "250 ok");
        }
        case "RCPT" -> {
          to.add(line.substring(line.indexOf(':') + 1).trim());
          reply(out, "250 ok");
        }
        case "DATA" -> {
          reply(out, "354 end with <CRLF>.<CRLF>");
          StringBuilder data = new StringBuilder();
          String d;
          while ((d = in.readLine()) != null && !d.equals(".")) {
            data.append(d.startsWith("..") ? d.substring(1) : d).append('\n');
          }
          mails.add(new Mail(from, List.copyOf(to), data.toString()));
          reply(out, "250 queued");
        }
        case "QUIT" -> {
          reply(out, "221 bye");
          return;
        }
        default -> reply(out, "502 not implemented");
      }
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
