package io.homelab.observer.tracking.logs.query;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The words of a text as the full-text indexes see them: runs of letters and digits, lower-cased,
 * accents removed (SQLite's {@code unicode61 remove_diacritics 2}; the PostgreSQL index splits on
 * the same characters, see V010). Query terms and highlights use the same rule, so what the index
 * matched is what gets marked.
 */
public final class Tokens {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /** A token and where it is in the original text (UTF-16 offsets, as JavaScript counts). */
  public record Token(String text, int start, int end) {}

  private Tokens() {}

  /** The tokens of {@code text}. */
  public static List<Token> of(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < n) {
        int c = text.codePointAt(i);
        if (!Character.isLetterOrDigit(c) && Character.getType(c) != Character.NON_SPACING_MARK) {
          break;
        }
        i += Character.charCount(c);
      }
      out.add(new Token(fold(text.substring(start, i)), start, i));
    }
    return out;
  }

  /** Just the token texts. */
  public static List<String> words(String text) {
    return of(text).stream().map(Token::text).toList();
  }

  static String fold(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.chars().allMatch(ch -> ch < 0x80)) {
      return lower;
    }
    return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
  }
}
