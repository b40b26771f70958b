package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsLogParserFileTest {
  private static final String LOG = "2023-01-26 15:04:17.755102 [DEBUG] sofia.c:10509 verifying acl \"xcc_localnet\""
      + " for ip/port 10.0.0.5:5060.\n"
      + "2023-01-26 15:04:17.755200 [WARNING] sofia.c:10602 IP 203.0.113.9 Rejected by acl \"xcc_localnet\"\n";

  @Test
  void parseWhenFileThenSameLinesAsFromText(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("freeswitch.log"), "Zürich\n" + LOG);
    List<AclLogLine> fromFile = FsLogParser.parse(f);
    assertEquals(FsLogParser.parse(new StringReader("Zürich\n" + LOG)), fromFile);
    assertEquals(2, fromFile.size());
    assertEquals(2, fromFile.get(0).line());
    assertEquals(3, fromFile.get(1).line());
  }

  @Test
  void parseWhenBinaryAroundTheLinesThenLinesStillFound(@TempDir Path dir) throws Exception {
    byte[] junk = new byte[8 << 20];
    new SplittableRandom(7).nextBytes(junk);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(junk);
    b.write('\n');
    b.write(LOG.getBytes(StandardCharsets.UTF_8));
    b.write(junk);
    Path f = Files.write(dir.resolve("capture-given-as-log"), b.toByteArray());
    List<AclLogLine> lines = FsLogParser.parse(f);
    assertEquals(2, lines.size());
    assertTrue(lines.get(1).rejected());
  }

  @Test
  void parseWhenDirectoryThenIoException(@TempDir Path dir) {
    IOException e = assertThrows(IOException.class, () -> FsLogParser.parse(dir));
    assertTrue(e.getMessage().contains("not a regular file but a directory"), e.getMessage());
  }
}
