package org.xphonediag.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;

class TicketBundleTest {
  private static final String ICE_PWD = "BUmkOSgeYbP7L5rFqq1234";
  private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVl";
  private static final String APP_SECRET = "this-is-the-shipped-placeholder-secret-value";
  private static final String PASSWORD = "Alice-Pa55word!";

  static Map<String, byte[]> unzip(Path zip) throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        z.transferTo(b);
        m.put(e.getName(), b.toByteArray());
      }
    }
    return m;
  }

  @Test
  void writeWhenFilesHoldSecretsThenWholeArchiveIsFreeOfThemAndLengthsKept(@TempDir Path dir) throws Exception {
    Path sdpLog = dir.resolve("XCC_FS_2023_01_26_14_59_05.log");
    String log = "2023-01-26 15:04:17.755102 [DEBUG] sofia.c:10509 verifying acl \"xcc_localnet\"\n"
        + "a=ice-ufrag:8b708ebc\r\na=ice-pwd:" + ICE_PWD + "\r\n"
        + "Authorization: Bearer " + JWT + "\n"
        + "login user=alice password=" + PASSWORD + "\n";
    Files.writeString(sdpLog, log);
    Path settings = dir.resolve("appsettings.json");
    Files.writeString(settings, "{ \"AppSettings\": { \"Secret\": \"" + APP_SECRET + "\" } }");
    Path capture = dir.resolve("xcc.pcap");
    byte[] pcap = new byte[4096];
    byte[] sdp = ("v=0\r\na=ice-pwd:" + ICE_PWD + "\r\n").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(sdp, 0, pcap, 1000, sdp.length);
    pcap[0] = (byte) 0xd4;
    Files.write(capture, pcap);

    Report report = Report.builder("doctor").result(CheckResult.builder(CheckCatalog.WEBAPI_AUTH)
        .finding(FindingCatalog.WEBAPI_AUTH_FAILED.finding("401 for user alice").build())
        .detail("password", Secret.of(PASSWORD)).build()).build();
    Path zip = dir.resolve("ticket.zip");
    TicketManifest m = TicketBundle.builder()
        .answer(TicketQuestion.SYMPTOM, "no audio from outside")
        .answer(TicketQuestion.CUSTOMER_XID, "X-4711")
        .report(report)
        .attach(sdpLog, TicketBundle.Kind.LOG)
        .attach(settings, TicketBundle.Kind.OTHER)
        .attach(capture, TicketBundle.Kind.CAPTURE)
        .knownSecret(Secret.of(PASSWORD))
        .build().writeTo(zip);

    Map<String, byte[]> files = unzip(zip);
    assertTrue(files.keySet().containsAll(java.util.List.of("README.txt", "manifest.json", "report/report.json",
        "report/report.md", "files/log/XCC_FS_2023_01_26_14_59_05.log", "files/other/appsettings.json",
        "files/capture/xcc.pcap")), files.keySet().toString());
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String s = new String(e.getValue(), StandardCharsets.ISO_8859_1);
      for (String secret : new String[] {ICE_PWD, JWT, APP_SECRET, PASSWORD, "eyJhbGci"}) {
        assertFalse(s.contains(secret), e.getKey() + " contains a secret");
      }
    }
    assertEquals(pcap.length, files.get("files/capture/xcc.pcap").length, "capture length kept");
    assertEquals(log.length(), files.get("files/log/XCC_FS_2023_01_26_14_59_05.log").length);
    assertTrue(new String(files.get("files/log/XCC_FS_2023_01_26_14_59_05.log"), StandardCharsets.UTF_8)
        .contains("a=ice-ufrag:8b708ebc"), "non-secrets stay");

    JsonNode manifest = new ObjectMapper().readTree(files.get("manifest.json"));
    assertEquals("no audio from outside", manifest.get("answers").get("symptom").asText());
    assertTrue(manifest.get("missingAnswers").toString().contains("desktopWorks"));
    assertEquals(10, m.missingAnswers().size());
    JsonNode cap = manifest.get("files").get(4);
    assertEquals("files/capture/xcc.pcap", cap.get("name").asText());
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pcap)),
        cap.get("originalSha256").asText());
    assertEquals(1, cap.get("secretsMasked").asInt());
    assertTrue(new String(files.get("README.txt"), StandardCharsets.UTF_8).contains("- Symptom: no audio from outside"));
  }

  @Test
  void writeWhenFileLargerThanCapThenTruncatedAndSaid(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.log");
    Files.write(big, new byte[10_000]);
    TicketManifest m = TicketBundle.builder().attach(big, TicketBundle.Kind.LOG).maxFileBytes(1000).build()
        .writeTo(dir.resolve("t.zip"));
    TicketManifest.Entry e = m.entries().get(0);
    assertTrue(e.truncated());
    assertEquals(1000, e.includedBytes());
    assertEquals(10_000, e.originalBytes());
    assertEquals(1000, unzip(dir.resolve("t.zip")).get("files/log/big.log").length);
  }

  @Test
  void writeWhenAttachmentUnreadableThenExistingTicketKeptAndNoTemporaryFileLeft(@TempDir Path dir) throws Exception {
    Path zip = dir.resolve("ticket.zip");
    TicketBundle.builder().answer(TicketQuestion.SYMPTOM, "no audio").build().writeTo(zip);
    byte[] before = Files.readAllBytes(zip);
    Path folder = Files.createDirectory(dir.resolve("logs"));
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> TicketBundle.builder().attach(folder, TicketBundle.Kind.LOG).build().writeTo(zip));
    assertTrue(e.getMessage().startsWith("cannot read attachment " + folder + ": not a regular file but a directory"),
        e.getMessage());
    org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(zip));
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      assertEquals(java.util.List.of(folder, zip), s.sorted().toList());
    }
  }

  @Test
  void writeWhenAttachmentIsFifoThenRefusedWithoutBlocking(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("app.log");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
        () -> org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
            () -> TicketBundle.builder().attach(fifo, TicketBundle.Kind.APP_LOG).build()
                .writeTo(dir.resolve("t.zip"))));
    assertTrue(e.getMessage().contains("a FIFO"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("t.zip")));
  }

  @Test
  void writeWhenAttachmentDoesNotCompressThenStoredAndReadBackIntact(@TempDir Path dir) throws Exception {
    byte[] random = new byte[300_000];
    new java.util.SplittableRandom(5).nextBytes(random);
    Path capture = Files.write(dir.resolve("srtp.pcap"), random);
    Path log = Files.writeString(dir.resolve("xcc.log"), "verifying acl \"xcc\"\n".repeat(5000));
    Path zip = dir.resolve("t.zip");
    TicketBundle.builder().attach(capture, TicketBundle.Kind.CAPTURE).attach(log, TicketBundle.Kind.LOG).build()
        .writeTo(zip);
    Map<String, Integer> methods = new LinkedHashMap<>();
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
      z.stream().forEach(e -> methods.put(e.getName(), e.getMethod()));
      org.junit.jupiter.api.Assertions.assertArrayEquals(random,
          z.getInputStream(z.getEntry("files/capture/srtp.pcap")).readAllBytes());
    }
    assertEquals(ZipEntry.STORED, methods.get("files/capture/srtp.pcap"));
    assertEquals(ZipEntry.DEFLATED, methods.get("files/log/xcc.log"));
    assertEquals(Files.readString(log), new String(unzip(zip).get("files/log/xcc.log"), StandardCharsets.UTF_8));
  }
}
