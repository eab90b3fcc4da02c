package io.homelab.observer.tracking.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPathsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        // plain parent segments
        "..",
        "../etc/passwd",
        "1/../../etc/passwd",
        "1/run/artifacts/../../../..",
        "a/..",
        // encoded once, twice, three times; mixed case; partially encoded
        "%2e%2e/etc/passwd",
        "%2E%2E%2Fetc%2Fpasswd",
        "%252e%252e%252fetc%252fpasswd",
        "%25252e%25252e/etc",
        "1/%2e%2e/%2e%2e/x",
        ".%2e/x",
        "%2e./x",
        "%%32%65%%32%65/x",
        // absolute POSIX paths, plain and encoded, and network paths
        "/etc/passwd",
        "%2fetc%2fpasswd",
        "%252Fetc%252Fpasswd",
        "//server/share",
        // backslashes and Windows forms
        "..\\..\\windows",
        "a\\b",
        "%5c..%5cx",
        "%255c",
        "C:/Windows/system32",
        "c:",
        "C:%5cWindows",
        // URI schemes
        "file:///etc/passwd",
        "file:%2f%2f%2fetc",
        "http://evil/x",
        // fragment, query and path-parameter tricks
        "1/run/artifacts/x#/../../../etc",
        "x%23y",
        "x?y",
        "x%3fpath=..",
        "%253F",
        "a;b",
        "1/run/artifacts/..;/..;/etc",
        // NUL and control characters, raw and encoded
        "a\u0000b",
        "a%00b",
        "a%2500b",
        "a%0ab",
        "a%0d%0aSet-Cookie:x",
        "a%7fb",
        "a%c2%85b",
        // overlong UTF-8 encodings of '.' and '/'
        "%c0%ae%c0%ae/x",
        "%c0%af",
        "%e0%80%ae",
        // too many layers of encoding
        "%2525252525252e"
      })
  void refusesUnsafePaths(String raw) {
    assertThatThrownBy(() -> ArtifactPaths.normalise(raw))
        .isInstanceOf(UnsafeArtifactPathException.class)
        .hasMessage("Invalid path");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1/abc/artifacts/model.pkl|1/abc/artifacts/model.pkl",
        "1//abc///x|1/abc/x",
        "./1/./x/|1/x",
        "1/abc/artifacts/|1/abc/artifacts",
        "''|''",
        "a%20b.txt|a b.txt",
        "c++.txt|c++.txt",
        "100%.txt|100%.txt",
        "100%25.txt|100%.txt",
        "1/run/artifacts/2024-01-01T10:00:00.png|1/run/artifacts/2024-01-01T10:00:00.png",
        "..foo/bar..|..foo/bar..",
        "1/r/a/%C3%A9t%C3%A9.csv|1/r/a/été.csv",
        "~/x|~/x"
      })
  void normalisesSafePaths(String raw, String expected) {
    assertThat(ArtifactPaths.normalise(raw)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void refusesOverlongSegment() {
    assertThatThrownBy(() -> ArtifactPaths.normalise("a/" + "x".repeat(256)))
        .isInstanceOf(UnsafeArtifactPathException.class);
    assertThat(ArtifactPaths.normalise("a/" + "x".repeat(255))).endsWith("x");
  }

  @org.junit.jupiter.api.Test
  void joinChecksBothSides() {
    assertThat(ArtifactPaths.join("1/run/artifacts", "model/MLmodel"))
        .isEqualTo("1/run/artifacts/model/MLmodel");
    assertThat(ArtifactPaths.join("", "x")).isEqualTo("x");
    assertThatThrownBy(() -> ArtifactPaths.join("1/run/artifacts", "../../../x"))
        .isInstanceOf(UnsafeArtifactPathException.class);
  }
}
