package io.homelab.observer.tracking.artifact;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an artifact path from a request into a canonical relative path, or refuses it.
 *
 * <p>MLflow's {@code validate_path_is_safe} grew one patch per CVE (1177, 2356, 2780, 3765, 6015,
 * 6831, 1560, 6909, 1593, ...). This class applies the whole list up front,
 * canonicalise-then-check, and answers with the canonical form so callers never join the raw input
 * to a directory:
 *
 * <ol>
 *   <li>percent-decode repeatedly until the text is stable (double- and triple-encoded {@code
 *       %252e%252e}), refusing malformed UTF-8 (overlong {@code %c0%ae}); a {@code %} not followed
 *       by two hex digits stays literal, as in Python's {@code unquote} (a file may be called
 *       {@code 100%.txt});
 *   <li>refuse NUL and every other control character, {@code \}, {@code #}, {@code ?} and {@code ;}
 *       (fragment, query and path-parameter smuggling);
 *   <li>refuse absolute paths ({@code /etc}, {@code //host}), drive letters and URI schemes ({@code
 *       C:}, {@code file:}) in the first segment;
 *   <li>refuse any {@code ..} segment, drop {@code .} and empty segments.
 * </ol>
 *
 * <p>The result is joined to the artifact root by {@link ArtifactStore}, which also refuses
 * symlinks leading out of the root.
 */
public final class ArtifactPaths {

  /** More rounds than this is no legitimate client: it only layers encodings to dodge a check. */
  static final int MAX_DECODE_ROUNDS = 4;

  /** Linux NAME_MAX; longer segments would fail at the filesystem with a less clear error. */
  static final int MAX_SEGMENT_BYTES = 255;

  static final int MAX_PATH_CHARS = 4096;

  private ArtifactPaths() {}

  /**
   * Canonical relative form of {@code raw}: segments joined by {@code /}, no leading or trailing
   * slash; the empty string stands for the root itself.
   *
   * @throws UnsafeArtifactPathException when the path is not safe to join with the root
   */
  public static String normalise(String raw) {
    if (raw == null) {
      throw new UnsafeArtifactPathException("null path");
    }
    String path = decodeToFixpoint(raw);
    if (path.length() > MAX_PATH_CHARS) {
      throw new UnsafeArtifactPathException("path too long");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        throw new UnsafeArtifactPathException("control character");
      }
      // U+FFFD: some layer before us met malformed UTF-8 and replaced it; the client sent junk.
      if (c == '\\' || c == '#' || c == '?' || c == ';' || c == '\uFFFD') {
        throw new UnsafeArtifactPathException("forbidden character '" + c + "'");
      }
    }
    if (path.startsWith("/")) {
      throw new UnsafeArtifactPathException("absolute path");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new UnsafeArtifactPathException("parent segment");
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        throw new UnsafeArtifactPathException("segment too long");
      }
      // A colon in the first segment is a drive letter (C:) or a URI scheme (file:, http:), both of
      // which
      // earlier MLflow versions turned into an absolute location. Later segments may contain colons
      // (timestamps in file names).
      if (segments.isEmpty() && segment.indexOf(':') >= 0) {
        throw new UnsafeArtifactPathException("drive letter or URI scheme");
      }
      segments.add(segment);
    }
    return String.join("/", segments);
  }

  /** Joins two relative paths that are each checked; either may be empty. */
  public static String join(String parent, String child) {
    String p = normalise(parent);
    String c = normalise(child);
    if (p.isEmpty()) {
      return c;
    }
    return c.isEmpty() ? p : p + "/" + c;
  }

  /** The last segment of a canonical path, as MLflow's proxy listing reports it. */
  static String basename(String canonical) {
    int slash = canonical.lastIndexOf('/');
    return slash < 0 ? canonical : canonical.substring(slash + 1);
  }

  private static String decodeToFixpoint(String raw) {
    String current = raw;
    for (int round = 0; round <= MAX_DECODE_ROUNDS; round++) {
      String decoded = percentDecode(current);
      if (decoded.equals(current)) {
        return current;
      }
      current = decoded;
    }
    throw new UnsafeArtifactPathException("too many encoding layers");
  }

  /**
   * RFC 3986 percent-decoding as strict UTF-8. Unlike {@link java.net.URLDecoder} it leaves {@code
   * +} alone (a literal plus in a file name) and keeps a {@code %} not followed by two hex digits.
   */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(utf8.length);
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      int hi = b == '%' && i + 2 < utf8.length ? Character.digit(utf8[i + 1], 16) : -1;
      int lo = hi >= 0 ? Character.digit(utf8[i + 2], 16) : -1;
      if (lo >= 0) {
        out.put((byte) ((hi << 4) | lo));
        i += 2;
      } else {
        out.put(b);
      }
    }
    out.flip();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(out)
          .toString();
    } catch (CharacterCodingException e) {
      throw new UnsafeArtifactPathException("malformed UTF-8");
    }
  }
}
