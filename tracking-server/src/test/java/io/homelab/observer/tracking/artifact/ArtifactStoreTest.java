package io.homelab.observer.tracking.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {

  @TempDir Path tmp;
  Path root;
  Path outside;
  ArtifactStore store;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(tmp.resolve("root"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "top secret");
    store = new ArtifactStore(root);
  }

  private static ByteArrayInputStream body(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesListsReadsAndDeletes() throws IOException {
    assertThat(store.write("1/run/artifacts/model/MLmodel", body("flavors: {}"))).isEqualTo(11);
    store.write("1/run/artifacts/metrics.json", body("{}"));

    assertThat(store.list("1/run/artifacts"))
        .containsExactly(
            new FileInfo("metrics.json", false, 2L), new FileInfo("model", true, null));
    assertThat(Files.readString(store.file("1/run/artifacts/model/MLmodel").orElseThrow()))
        .isEqualTo("flavors: {}");
    assertThat(store.list("1/missing")).isEmpty();
    assertThat(store.list("1/run/artifacts/metrics.json")).isEmpty();
    assertThat(store.file("1/run/artifacts/nope")).isEmpty();

    store.delete("1/run/artifacts/model");
    assertThat(store.list("1/run/artifacts"))
        .containsExactly(new FileInfo("metrics.json", false, 2L));
    store.delete("1/run/artifacts/never-existed");
  }

  @Test
  void overwriteReplacesContentAndLeavesNoTemporaryFile() throws IOException {
    store.write("x/a.txt", body("first"));
    store.write("x/a.txt", body("second"));
    assertThat(Files.readString(root.resolve("x/a.txt"))).isEqualTo("second");
    try (var files = Files.list(root.resolve("x"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.txt");
    }
  }

  @Test
  void refusesDirectoryAsFileAndFileAsDirectory() throws IOException {
    store.write("d/f.txt", body("x"));
    assertThatThrownBy(() -> store.write("d", body("y")))
        .isInstanceOf(ArtifactConflictException.class);
    assertThatThrownBy(() -> store.write("d/f.txt/g", body("y")))
        .isInstanceOf(ArtifactConflictException.class);
    assertThatThrownBy(() -> store.file("d")).isInstanceOf(ArtifactConflictException.class);
  }

  @Test
  void refusesDeletingTheRoot() throws IOException {
    store.write("keep.txt", body("x"));
    assertThatThrownBy(() -> store.delete("")).isInstanceOf(UnsafeArtifactPathException.class);
    assertThatThrownBy(() -> store.delete("./")).isInstanceOf(UnsafeArtifactPathException.class);
    assertThat(root.resolve("keep.txt")).exists();
  }

  @Test
  void symlinkedDirectoryOutOfTheRootIsRefusedForEveryOperation() throws IOException {
    Files.createDirectories(root.resolve("1"));
    Files.createSymbolicLink(root.resolve("1/escape"), outside);

    assertThatThrownBy(() -> store.write("1/escape/planted.txt", body("pwned")))
        .isInstanceOf(UnsafeArtifactPathException.class);
    assertThatThrownBy(() -> store.write("1/escape/sub/planted.txt", body("pwned")))
        .isInstanceOf(UnsafeArtifactPathException.class);
    assertThatThrownBy(() -> store.file("1/escape/secret.txt"))
        .isInstanceOf(UnsafeArtifactPathException.class);
    assertThatThrownBy(() -> store.list("1/escape"))
        .isInstanceOf(UnsafeArtifactPathException.class);
    assertThatThrownBy(() -> store.delete("1/escape/secret.txt"))
        .isInstanceOf(UnsafeArtifactPathException.class);

    assertThat(outside.resolve("planted.txt")).doesNotExist();
    assertThat(outside.resolve("sub")).doesNotExist();
    assertThat(outside.resolve("secret.txt")).hasContent("top secret");
    // The listing of the parent does not show the link either.
    assertThat(store.list("1")).isEmpty();
  }

  @Test
  void symlinkedFileOutOfTheRootIsNeitherReadNorWrittenThrough() throws IOException {
    Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
    assertThatThrownBy(() -> store.file("link.txt"))
        .isInstanceOf(UnsafeArtifactPathException.class);
    assertThatThrownBy(() -> store.write("link.txt", body("pwned")))
        .isInstanceOf(UnsafeArtifactPathException.class);
    assertThat(outside.resolve("secret.txt")).hasContent("top secret");

    // Deleting the link removes the link, never its target.
    store.delete("link.txt");
    assertThat(root.resolve("link.txt")).doesNotExist();
    assertThat(outside.resolve("secret.txt")).hasContent("top secret");
  }

  @Test
  void danglingSymlinkIsRefusedSoNoTargetGetsCreated() throws IOException {
    Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("created-by-attacker"));
    assertThatThrownBy(() -> store.write("dangling", body("pwned")))
        .isInstanceOf(UnsafeArtifactPathException.class);
    assertThatThrownBy(() -> store.write("dangling/x", body("pwned")))
        .isInstanceOf(UnsafeArtifactPathException.class);
    assertThat(outside.resolve("created-by-attacker")).doesNotExist();
  }

  @Test
  void symlinkInsideTheRootIsFollowed() throws IOException {
    store.write("real/file.txt", body("inside"));
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
    assertThat(Files.readString(store.file("alias/file.txt").orElseThrow())).isEqualTo("inside");
  }

  @Test
  void deleteOfTreeWithLinkOutRemovesLinkNotTarget() throws IOException {
    store.write("tree/a.txt", body("a"));
    Files.createSymbolicLink(root.resolve("tree/out"), outside);
    store.delete("tree");
    assertThat(root.resolve("tree")).doesNotExist();
    assertThat(outside.resolve("secret.txt")).hasContent("top secret");
  }

  @Test
  void temporaryUploadNamesAreReservedAndHidden() throws IOException {
    Files.createDirectories(root.resolve("d"));
    Files.writeString(root.resolve("d/" + ArtifactStore.UPLOAD_PREFIX + "123"), "partial");
    assertThat(store.list("d")).isEmpty();
    assertThatThrownBy(() -> store.write("d/" + ArtifactStore.UPLOAD_PREFIX + "x", body("y")))
        .isInstanceOf(UnsafeArtifactPathException.class);
  }
}
