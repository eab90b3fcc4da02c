package io.homelab.observer.agent.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The real path on the host of a bind-mount source, as dockerd will see it: every symlink followed,
 * an absolute link target read against the host's root ({@code homelab.agent.host-root}, where the
 * host's {@code /} is visible to an agent in a container), never against the agent's own root.
 * Components that do not exist yet are kept as written (Docker creates them).
 */
final class HostPaths {

  /** As the kernel's ELOOP limit: a link cycle is refused rather than followed for ever. */
  static final int MAX_LINKS = 40;

  private HostPaths() {}

  /**
   * Resolves {@code hostPath} (absolute, as on the host) through {@code hostRoot}.
   *
   * @throws IllegalArgumentException for a link loop or an unreadable link
   */
  static Path realPath(Path hostRoot, String hostPath) {
    Deque<String> pending = new ArrayDeque<>(segments(hostPath));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String seg = pending.removeFirst();
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      done.add(seg);
      Path seen = hostRoot.resolve(String.join("/", done));
      if (Files.isSymbolicLink(seen)) {
        if (++links > MAX_LINKS) {
          throw new IllegalArgumentException("too many symbolic links in " + hostPath);
        }
        String target;
        try {
          target = Files.readSymbolicLink(seen).toString();
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "cannot read the link " + seen + ": " + e.getMessage());
        }
        done.remove(done.size() - 1);
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> t = segments(target);
        for (int i = t.size() - 1; i >= 0; i--) {
          pending.addFirst(t.get(i));
        }
      }
    }
    return Path.of("/" + String.join("/", done));
  }

  /** Whether the host path is a socket, a device or another special file. */
  static boolean isSpecial(Path hostRoot, Path real) {
    Path seen = hostRoot.resolve(real.toString().substring(1));
    try {
      return Files.exists(seen, LinkOption.NOFOLLOW_LINKS)
          && Files.readAttributes(
                  seen,
                  java.nio.file.attribute.BasicFileAttributes.class,
                  LinkOption.NOFOLLOW_LINKS)
              .isOther();
    } catch (IOException e) {
      return true; // cannot tell: treat as special, so it is refused
    }
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
