package org.xphonediag.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.SourceLocation;

class InputFilesTest {
  private static final ReadLimit SMALL = new ReadLimit("test file", 1024);

  @Test
  void readBytesWhenRegularFileThenContent(@TempDir Path dir) throws Exception {
    Path f = Files.write(dir.resolve("a.bin"), new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, InputFiles.readBytes(f, SMALL));
  }

  @Test
  void readBytesWhenLargerThanCapThenNamesFileAndCap(@TempDir Path dir) throws Exception {
    Path f = Files.write(dir.resolve("big.json"), new byte[1025]);
    InputFileException e = assertThrows(InputFileException.class, () -> InputFiles.readBytes(f, SMALL));
    assertEquals(f.toString(), e.file());
    assertTrue(e.getMessage().startsWith(f + ": a test file may have at most 1 KiB (1024 bytes) but this one has 1025"),
        e.getMessage());
  }

  @Test
  void readBytesWhenExactlyTheCapThenRead(@TempDir Path dir) throws Exception {
    Path f = Files.write(dir.resolve("edge"), new byte[1024]);
    assertEquals(1024, InputFiles.readBytes(f, SMALL).length);
  }

  @Test
  void readBytesWhenCharacterDeviceThenRefusedWithoutReading() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero));
    InputFileException e = assertThrows(InputFileException.class, () -> InputFiles.readBytes(zero, ReadLimit.CONFIG_TEXT));
    assertTrue(e.reason().startsWith("not a regular file but a character device"), e.getMessage());
    InputFileException n = assertThrows(InputFileException.class,
        () -> InputFiles.readBytes(Path.of("/dev/null"), ReadLimit.CONFIG_TEXT));
    assertTrue(n.reason().contains("a character device"), n.getMessage());
  }

  @Test
  void readBytesWhenDirectoryThenRefused(@TempDir Path dir) {
    InputFileException e = assertThrows(InputFileException.class, () -> InputFiles.readBytes(dir, SMALL));
    assertTrue(e.reason().startsWith("not a regular file but a directory"), e.getMessage());
  }

  @Test
  void readBytesWhenFifoThenRefusedAtOnce(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("pipe");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
    InputFileException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(InputFileException.class, () -> InputFiles.readBytes(fifo, SMALL)));
    assertTrue(e.reason().contains("a FIFO (named pipe)"), e.getMessage());
    assertThrows(InputFileException.class, () -> InputFiles.newInputStream(fifo));
  }

  @Test
  void readBytesWhenMissingThenNoSuchFile(@TempDir Path dir) {
    assertThrows(NoSuchFileException.class, () -> InputFiles.readBytes(dir.resolve("missing"), SMALL));
  }

  @Test
  void readBytesWhenSymlinkLoopThenFileSystemException(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);
    FileSystemException e = assertThrows(FileSystemException.class, () -> InputFiles.readBytes(a, SMALL));
    assertTrue(e.getMessage().contains(a.toString()), e.getMessage());
  }

  @Test
  void readBytesWhenSymlinkToFileThenFollowed(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("real.txt"), "x");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), f);
    assertEquals("x", InputFiles.readText(link, SMALL));
  }

  @Test
  void newInputStreamWhenRegularThenStreams(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("log.txt"), "line\n");
    try (InputStream in = InputFiles.newInputStream(f)) {
      assertEquals("line\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void decodeTextWhenUtf8ThenText() throws Exception {
    assertEquals("Grüße", InputFiles.decodeText("Grüße".getBytes(StandardCharsets.UTF_8), "f"));
  }

  @Test
  void decodeTextWhenUtf8BomThenDropped() throws Exception {
    byte[] b = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'a'};
    assertEquals("a", InputFiles.decodeText(b, "f"));
  }

  @Test
  void decodeTextWhenUtf16WithBomThenDecoded() throws Exception {
    byte[] le = "\uFEFF<x>ü</x>".getBytes(StandardCharsets.UTF_16LE);
    assertEquals("<x>ü</x>", InputFiles.decodeText(le, "f"));
    byte[] be = "\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_16BE);
    assertEquals("{\"a\":1}", InputFiles.decodeText(be, "f"));
  }

  @Test
  void decodeTextWhenLatin1ThenLocatedError() {
    byte[] b = "{\n  \"name\": \"Müller\"\n}".getBytes(StandardCharsets.ISO_8859_1);
    InputFileException e = assertThrows(InputFileException.class, () -> InputFiles.decodeText(b, "site.jsonc"));
    assertEquals("site.jsonc: not UTF-8 text: byte 0xFC at line 2, column 13 (byte offset 14); save it as UTF-8 "
        + "(or UTF-16 with a byte order mark)", e.getMessage());
    SourceLocation at = e.location().orElseThrow();
    assertEquals(2, at.line().getAsInt());
    assertEquals(13, at.column().getAsInt());
    assertEquals(14, at.byteOffset().getAsLong());
  }

  @Test
  void decodeTextWhenUtf16WithoutBomThenNotUtf8() {
    byte[] b = "é".getBytes(StandardCharsets.UTF_16LE);
    InputFileException e = assertThrows(InputFileException.class, () -> InputFiles.decodeText(b, "x.xml"));
    assertTrue(e.getMessage().startsWith("x.xml: not UTF-8 text: byte 0xE9 at line 1, column 1 (byte offset 0)"),
        e.getMessage());
  }

  @Test
  void decodeTextWhenUtf16BomWithBrokenSurrogateThenLocated() {
    byte[] b = {(byte) 0xff, (byte) 0xfe, 'a', 0, 0x00, (byte) 0xd8, 'b', 0};
    InputFileException e = assertThrows(InputFileException.class, () -> InputFiles.decodeText(b, "x"));
    assertTrue(e.reason().startsWith("not valid UTF-16LE text"), e.getMessage());
    assertEquals(4, e.location().orElseThrow().byteOffset().getAsLong());
  }

  @Test
  void readLimitHumanNamesTheUnit() {
    assertEquals("4 MiB", ReadLimit.ACL.human());
    assertEquals("1 MiB", ReadLimit.CONFIG_TEXT.human());
    assertEquals("256 KiB", new ReadLimit("x", 256 * 1024).human());
    assertEquals("100 bytes", new ReadLimit("x", 100).human());
    assertThrows(IllegalArgumentException.class, () -> new ReadLimit("x", 0));
  }
}
