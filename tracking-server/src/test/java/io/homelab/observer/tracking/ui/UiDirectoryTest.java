package io.homelab.observer.tracking.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiDirectoryTest {

  @TempDir Path tmp;

  private UiDirectory build() throws Exception {
    Path build = Files.createDirectories(tmp.resolve("build/static/js"));
    Files.writeString(tmp.resolve("build/index.html"), "<html></html>");
    Files.writeString(build.resolve("main.js"), "x");
    Files.writeString(tmp.resolve("secret.txt"), "secret");
    return UiDirectory.open(tmp.resolve("build"), "homelab.tracking.ui-dir");
  }

  @Test
  void servesFilesInsideTheBuild() throws Exception {
    UiDirectory ui = build();
    assertThat(ui.index()).isPresent();
    assertThat(ui.file("static/js/main.js")).isPresent();
    assertThat(ui.file("/static/js/main.js")).isPresent();
    assertThat(ui.file("static/js")).as("a folder is not a file").isEmpty();
    assertThat(ui.file("static/js/missing.js")).isEmpty();
  }

  @Test
  void nothingOutsideTheBuildEvenThroughDotsOrSymlinks() throws Exception {
    UiDirectory ui = build();
    assertThat(ui.file("../secret.txt")).isEmpty();
    assertThat(ui.file("static/../../secret.txt")).isEmpty();
    assertThat(ui.file(tmp.resolve("secret.txt").toString())).isEmpty();
    assertThat(ui.file("a\0b")).isEmpty();
    Files.createSymbolicLink(tmp.resolve("build/static/leak.txt"), tmp.resolve("secret.txt"));
    Files.createSymbolicLink(tmp.resolve("build/static/up"), tmp);
    assertThat(ui.file("static/leak.txt")).isEmpty();
    assertThat(ui.file("static/up/secret.txt")).isEmpty();
  }

  @Test
  void aFolderWithoutIndexIsRefusedAtStartUpNamingTheSetting() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> UiDirectory.open(tmp.resolve("empty"), "homelab.tracking.ui-dir"))
        .hasMessageContaining("homelab.tracking.ui-dir")
        .hasMessageContaining("index.html");
    assertThatThrownBy(() -> UiDirectory.open(tmp.resolve("nope"), "homelab.tracking.ui-dir"))
        .hasMessageContaining("no such folder");
  }
}
