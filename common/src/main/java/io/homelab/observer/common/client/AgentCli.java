package io.homelab.observer.common.client;

import io.homelab.observer.common.signing.Ed25519Keys;
import io.homelab.observer.common.signing.RequestSigner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny operator CLI for the agent API: make a key pair, pair an agent, and send signed calls,
 * e.g.
 *
 * <pre>
 * CP="agent/target/quarkus-app/lib/main/*"
 * java -cp "$CP" io.homelab.observer.common.client.AgentCli keygen ./my-key
 * java -cp "$CP" io.homelab.observer.common.client.AgentCli pair http://vm1:9001 ABCD2345 ./my-key
 * java -cp "$CP" io.homelab.observer.common.client.AgentCli call http://vm1:9001 GET /api/containers?all=true ./my-key
 * </pre>
 *
 * Add {@code --fingerprint <sha256>} to any command for an agent with TLS.
 */
public final class AgentCli {

  private AgentCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; returns the process exit code (0 ok, 1 agent error, 2 usage). */
  static int run(String[] argv, PrintStream out, PrintStream err) {
    List<String> args = new ArrayList<>(List.of(argv));
    String fingerprint = null;
    int f = args.indexOf("--fingerprint");
    if (f >= 0 && f + 1 < args.size()) {
      fingerprint = args.get(f + 1);
      args.remove(f + 1);
      args.remove(f);
    }
    if (args.isEmpty()) {
      return usage(err);
    }
    try {
      switch (args.get(0)) {
        case "keygen" -> {
          if (args.size() != 2) {
            return usage(err);
          }
          KeyPair pair = Ed25519Keys.loadOrCreate(Path.of(args.get(1)));
          out.println(Ed25519Keys.encodePublicKey(pair.getPublic()));
          return 0;
        }
        case "ping" -> {
          if (args.size() != 2) {
            return usage(err);
          }
          out.println(
              AgentClient.JSON.writeValueAsString(client(args.get(1), fingerprint, null).ping()));
          return 0;
        }
        case "pair" -> {
          if (args.size() != 4) {
            return usage(err);
          }
          KeyPair pair = Ed25519Keys.loadOrCreate(Path.of(args.get(3)));
          var answer =
              client(args.get(1), fingerprint, null)
                  .pair(args.get(2), Ed25519Keys.encodePublicKey(pair.getPublic()));
          out.println(AgentClient.JSON.writeValueAsString(answer));
          return 0;
        }
        case "call" -> {
          if (args.size() < 5 || args.size() > 6) {
            return usage(err);
          }
          KeyPair pair = Ed25519Keys.loadOrCreate(Path.of(args.get(4)));
          byte[] body = null;
          if (args.size() == 6) {
            String b = args.get(5);
            body =
                b.startsWith("@")
                    ? Files.readAllBytes(Path.of(b.substring(1)))
                    : b.getBytes(StandardCharsets.UTF_8);
          }
          // The id comes from the agent's ping over the (pinned, when given) connection.
          String agentId = client(args.get(1), fingerprint, null).ping().agentId();
          HttpResponse<byte[]> r =
              AgentClient.builder(URI.create(args.get(1)))
                  .tlsFingerprint(fingerprint)
                  .signer(new RequestSigner(pair.getPrivate()))
                  .agentId(agentId)
                  .build()
                  .raw(args.get(2).toUpperCase(java.util.Locale.ROOT), args.get(3), body, true);
          out.println("HTTP " + r.statusCode());
          out.println(new String(r.body(), StandardCharsets.UTF_8));
          return r.statusCode() / 100 == 2 ? 0 : 1;
        }
        default -> {
          return usage(err);
        }
      }
    } catch (AgentException e) {
      err.println(e.error() + " (" + e.status() + "): " + e.getMessage());
      return 1;
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static AgentClient client(String url, String fingerprint, RequestSigner signer) {
    return AgentClient.builder(URI.create(url)).tlsFingerprint(fingerprint).signer(signer).build();
  }

  private static int usage(PrintStream err) {
    err.println(
        """
        usage: AgentCli [--fingerprint SHA256] COMMAND
          keygen KEYDIR                           create (or show) KEYDIR/private.key + public.key; prints the public key
          ping URL                                unsigned GET /api/ping
          pair URL CODE KEYDIR                    pin KEYDIR's public key with the code the agent printed
          call URL METHOD PATH KEYDIR [BODY|@FILE] signed request; prints status and body""");
    return 2;
  }
}
