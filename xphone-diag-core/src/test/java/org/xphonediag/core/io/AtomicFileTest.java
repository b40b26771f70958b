package org.xphonediag.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

  @Test
  void writeWhenNewFileThenContent(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("report.json");
    AtomicFile.write(f, out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
    assertEquals("{}", Files.readString(f));
    assertEquals(List.of(f), files(dir));
  }

  @Test
  void writeWhenContentFailsThenOldFileIntactAndNoTempLeft(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("ticket.zip"), "old ticket");
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
      out.write("partial".getBytes(StandardCharsets.UTF_8));
      throw new IOException("cannot read attachment x.log");
    }));
    assertEquals("cannot read attachment x.log", e.getMessage());
    assertEquals("old ticket", Files.readString(f));
    assertEquals(List.of(f), files(dir));
  }

  @Test
  void writeWhenExistingThenReplacedWithItsPermissions(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("out.txt"), "old");
    assumeTrue(Files.getFileStore(f).supportsFileAttributeView("posix"));
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    AtomicFile.write(f, out -> out.write('n'));
    assertEquals("n", Files.readString(f));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
  }

  @Test
  void openWhenNotCommittedThenTargetUntouchedUntilCommit(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("out.txt"), "old");
    try (AtomicFile a = AtomicFile.open(f)) {
      a.stream().write("new".getBytes(StandardCharsets.UTF_8));
      assertEquals("old", Files.readString(f));
      assertEquals(2, files(dir).size());
      assertTrue(files(dir).stream().anyMatch(p -> p.getFileName().toString().matches("\\.out\\.txt\\.[0-9a-f]{12}\\.tmp")));
      a.commit();
      a.close();
    }
    assertEquals("new", Files.readString(f));
    assertEquals(List.of(f), files(dir));
  }

  @Test
  void closeWithoutCommitThenTempDeletedAndCommitRefused(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("new.txt");
    AtomicFile a = AtomicFile.open(f);
    a.stream().write(1);
    a.close();
    a.close();
    assertEquals(List.of(), files(dir));
    assertThrows(IllegalStateException.class, a::commit);
  }

  @Test
  void writeWhenTargetIsSymlinkThenLinkKeptAndFilePointedToReplaced(@TempDir Path dir) throws Exception {
    Path real = Files.writeString(dir.resolve("real.txt"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real);
    AtomicFile.write(link, out -> out.write('x'));
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("x", Files.readString(real));
  }

  @Test
  void writeWhenTargetIsDeviceThenWrittenDirectlyAndErrorsReported() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full));
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(full, out -> out.write(new byte[100])));
    assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("no space"), e.getMessage());
    assertTrue(Files.isRegularFile(full) == false);
    AtomicFile.write(Path.of("/dev/null"), out -> out.write(new byte[10]));
    assertTrue(!Files.isRegularFile(Path.of("/dev/null")));
  }

  @Test
  void openWhenFolderMissingThenIoException(@TempDir Path dir) {
    assertThrows(IOException.class, () -> AtomicFile.open(dir.resolve("no/such/out.txt")));
  }

  @Test
  void openWhenTargetIsDirectoryThenIoException(@TempDir Path dir) {
    IOException e = assertThrows(IOException.class, () -> AtomicFile.open(dir));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
