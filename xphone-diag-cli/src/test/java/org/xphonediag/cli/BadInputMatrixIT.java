package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every command that reads a file, against every kind of bad input an operator can hand it, run as
 * the real jar in its own process: exit 2 with exactly one line on stderr naming the file, or
 * (where the content is readable) a report, never a stack trace; each run under 10 s and 300 MB of
 * peak resident memory. The big inputs are generated here, in a temporary folder, and deleted after.
 */
class BadInputMatrixIT {
  private static final Duration LIMIT = Duration.ofSeconds(10);
  private static final long MAX_RSS_KB = 300 * 1024;
  private static final String PASSWORD_VAR = "XPHONE_DIAG_MATRIX_PASSWORD";

  /** The kinds of bad input. */
  enum Case {
    DIRECTORY, DEV_ZERO, DEV_NULL, FIFO, EMPTY, RANDOM_200MB, NEWLINES_10M, NUL_BYTE, LATIN1, UTF16_BOM,
    UNICODE_PATH, SYMLINK_LOOP, LINE_50MB
  }

  /** What a run must do. */
  enum Expect {
    /** Exit 2, one line on stderr naming the file, nothing on stdout. */
    UNREADABLE,
    /** A report on stdout (exit 0 or 1): the content was readable. */
    READ
  }

  /**
   * One option that reads a file.
   *
   * @param name e.g. {@code acl --acl}
   * @param sample a valid input, with a non-ASCII character where the format allows one
   * @param text true when the format is text (the encoding cases re-encode the sample)
   * @param args the command line for a file and a scratch folder
   * @param expect what each case must give
   */
  record Option(String name, byte[] sample, boolean text, BiFunction<Path, Path, List<String>> args,
      Map<Case, Expect> expect) {}

  private static Path dir;
  private static Path sharedDir;
  private static DatagramSocket closedSip;
  private static final Map<Case, Path> SHARED = new EnumMap<>(Case.class);

  @BeforeAll
  static void generate() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc for the memory figures");
    dir = Files.createTempDirectory("xphone-diag-matrix");
    sharedDir = Files.createDirectory(dir.resolve("shared"));
    SHARED.put(Case.DIRECTORY, Files.createDirectory(sharedDir.resolve("a folder")));
    SHARED.put(Case.DEV_ZERO, Path.of("/dev/zero"));
    SHARED.put(Case.DEV_NULL, Path.of("/dev/null"));
    Path fifo = sharedDir.resolve("pipe");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "needs mkfifo");
    SHARED.put(Case.FIFO, fifo);
    SHARED.put(Case.EMPTY, Files.createFile(sharedDir.resolve("empty")));
    Path random = sharedDir.resolve("random-200MB");
    byte[] block = new byte[4 << 20];
    new SplittableRandom(18).nextBytes(block);
    try (OutputStream o = Files.newOutputStream(random)) {
      for (int i = 0; i < 50; i++) {
        block[i] ^= 0x5a; // no two blocks alike
        o.write(block);
      }
    }
    SHARED.put(Case.RANDOM_200MB, random);
    byte[] newlines = new byte[10_000_000];
    Arrays.fill(newlines, (byte) '\n');
    SHARED.put(Case.NEWLINES_10M, Files.write(sharedDir.resolve("newlines-10M"), newlines));
    byte[] line = new byte[50_000_000];
    Arrays.fill(line, (byte) 'a');
    SHARED.put(Case.LINE_50MB, Files.write(sharedDir.resolve("line-50MB"), line));
    Path a = sharedDir.resolve("loop-a");
    Path b = sharedDir.resolve("loop-b");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);
    SHARED.put(Case.SYMLINK_LOOP, a);
    closedSip = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (closedSip != null) {
      closedSip.close();
    }
    if (dir != null) {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  // ---- samples --------------------------------------------------------------------------------

  private static final String ACL = "<configuration name=\"acl.conf\" description=\"Network Lists\">\n"
      + "  <network-lists>\n    <!-- Zürich office -->\n    <list name=\"xcc\" default=\"deny\">\n"
      + "      <node type=\"allow\" cidr=\"10.0.0.0/8\"/>\n    </list>\n  </network-lists>\n</configuration>\n";
  private static final String SDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=Zürich\r\nt=0 0\r\n"
      + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:8b70\r\na=ice-pwd:BUmkOSgeYbP7L5rFqq1234\r\n"
      + "a=candidate:1 1 udp 2122260223 192.168.1.20 50000 typ host\r\n"
      + "a=candidate:2 1 udp 1686052607 203.0.113.9 50000 typ srflx raddr 192.168.1.20 rport 50000\r\n";
  private static final String WEB_CONFIG = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n"
      + "  <appSettings>\n    <!-- Zürich -->\n    <add key=\"WcfIPEndPoint\" value=\"localhost\" />\n"
      + "  </appSettings>\n</configuration>\n";
  private static final String APP_SETTINGS = "{\n  // Zürich\n  \"AppSettings\": {\n"
      + "    \"Secret\": \"q8Zr2V0bO8m6kYl3Jf0rT1uW4xN7cA9sH2dE5gK8pL1\",\n    \"JwtTokenLifetimeInMinutes\": 30\n  }\n}\n";
  private static final String STUN_HEX = "000100002112a442b7e7a701bc34d686fa87dfae\n";
  private static final String FS_LOG = "2023-01-26 15:04:17.755102 [DEBUG] sofia.c:10509 IP 203.0.113.9 Rejected by acl "
      + "\"xcc\" (Zürich)\n";
  private static final String PROFILE = "{\n  // Zürich office\n  \"name\": \"Zürich\",\n}\n";
  private static final String REPORT = "{\n  \"schema\": \"xphone-diag/1\", \"command\": \"doctor\", \"status\": \"PASS\","
      + " \"notes\": [\"Zürich\"], \"results\": [], \"data\": {}\n}\n";
  private static final String ANSWERS = "{\n  \"symptom\": \"kein Ton in Zürich\"\n}\n";
  private static final String WEBAPI_PROFILE = "{\n  // Zürich\n  \"schema\": \"xphone-diag/webapi-profile/1\",\n"
      + "  \"basePath\": \"/xphoneconnect/webclientapi\"\n}\n";

  /** A pcap file header (no frames): microsecond timestamps, Ethernet. */
  private static byte[] pcapHeader() {
    return new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        (byte) 0xff, (byte) 0xff, 0, 0, 1, 0, 0, 0};
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Every case UNREADABLE except {@code read}. */
  private static Map<Case, Expect> unreadableExcept(Case... read) {
    Map<Case, Expect> m = new EnumMap<>(Case.class);
    for (Case c : Case.values()) {
      m.put(c, Expect.UNREADABLE);
    }
    for (Case c : read) {
      m.put(c, Expect.READ);
    }
    return m;
  }

  private static List<String> list(Object... parts) {
    List<String> l = new ArrayList<>();
    for (Object p : parts) {
      l.add(p.toString());
    }
    return l;
  }

  private static List<Option> options() throws IOException {
    Path acl = Files.writeString(sharedDir.resolve("acl.conf.xml"), ACL);
    Path sdp = Files.writeString(sharedDir.resolve("offer.sdp"), SDP);
    Path pcap = Files.write(sharedDir.resolve("empty.pcap"), pcapHeader());
    Path report = Files.writeString(sharedDir.resolve("inside.json"), REPORT);
    String pem = new HeldCertificate.Builder().commonName("Zürich test root").certificateAuthority(0).build()
        .certificatePem();
    String sip = "sip:127.0.0.1:" + closedSip.getLocalPort();
    String webApi = "https://127.0.0.1:1/xphoneconnect/webclientapi";
    // Text formats decode UTF-8 or BOM'd UTF-16 and refuse anything else with a located error; the
    // IIS files give a located config.syntax finding instead (the validator's documented behaviour).
    Map<Case, Expect> strictText = unreadableExcept(Case.UTF16_BOM, Case.UNICODE_PATH);
    Map<Case, Expect> iisFile = unreadableExcept(Case.EMPTY, Case.NUL_BYTE, Case.LATIN1, Case.UTF16_BOM,
        Case.UNICODE_PATH);
    // acl.conf.xml is read as FreeSWITCH reads it: no encoding check (Latin-1 is read), an empty file
    // or one with a NUL byte is a file FreeSWITCH loads too (findings, or no lists)
    Map<Case, Expect> aclFile = unreadableExcept(Case.EMPTY, Case.NUL_BYTE, Case.LATIN1, Case.UTF16_BOM,
        Case.UNICODE_PATH);
    Map<Case, Expect> sdpFile = unreadableExcept(Case.LATIN1, Case.UNICODE_PATH);
    Map<Case, Expect> streamed = unreadableExcept(Case.EMPTY, Case.RANDOM_200MB, Case.NEWLINES_10M, Case.NUL_BYTE,
        Case.LATIN1, Case.UTF16_BOM, Case.UNICODE_PATH, Case.LINE_50MB);
    return List.of(
        new Option("acl --acl", utf8(ACL), true, (f, w) -> list("acl", "--acl", f, "--list", "xcc", "--ip", "10.0.0.1"),
            aclFile),
        new Option("acl --sdp", utf8(SDP), true, (f, w) -> list("acl", "--acl", acl, "--sdp", f), sdpFile),
        new Option("config --web-config", utf8(WEB_CONFIG), true,
            (f, w) -> list("config", "--iis", "local", "--web-config", f), iisFile),
        new Option("config --appsettings", utf8(APP_SETTINGS), true,
            (f, w) -> list("config", "--iis", "local", "--appsettings", f), iisFile),
        new Option("sdp FILE", utf8(SDP), true, (f, w) -> list("sdp", f), sdpFile),
        new Option("sdp --acl", utf8(ACL), true, (f, w) -> list("sdp", sdp, "--acl", f), aclFile),
        new Option("stun-decode --file", utf8(STUN_HEX), false, (f, w) -> list("stun-decode", "--file", f),
            unreadableExcept(Case.UNICODE_PATH)),
        // a NUL byte inside the header shifts it: a capture cut short, reported as trace.truncated
        new Option("trace FILE", pcapHeader(), false, (f, w) -> list("trace", f),
            unreadableExcept(Case.NUL_BYTE, Case.UNICODE_PATH)),
        new Option("trace --fs-log", utf8(FS_LOG), true, (f, w) -> list("trace", pcap, "--fs-log", f), streamed),
        new Option("sip-probe --sdp", utf8(SDP), true,
            (f, w) -> list("sip-probe", sip, "--method", "INVITE", "--timeout", "300ms", "--sdp", f),
            unreadableExcept(Case.NUL_BYTE, Case.LATIN1, Case.UTF16_BOM, Case.UNICODE_PATH)),
        new Option("doctor --profile", utf8(PROFILE), true, (f, w) -> list("doctor", "--profile", f), strictText),
        new Option("doctor --compare", utf8(REPORT), true, (f, w) -> list("doctor", "--compare", f, report),
            strictText),
        new Option("ticket --answers", utf8(ANSWERS), true,
            (f, w) -> list("ticket", "--out", w.resolve("t.zip"), "--answers", f), strictText),
        new Option("ticket --report", utf8(REPORT), true,
            (f, w) -> list("ticket", "--out", w.resolve("t.zip"), "--report", f), strictText),
        new Option("ticket --attach", utf8(FS_LOG), true,
            (f, w) -> list("ticket", "--out", w.resolve("t.zip"), "--attach", f), streamed),
        new Option("webapi --profile", utf8(WEBAPI_PROFILE), true, (f, w) -> list("webapi", "--url", webApi, "--user",
            "alice", "--password-env", PASSWORD_VAR, "--timeout", "2", "--profile", f), strictText),
        new Option("webapi --trust", utf8(pem), false, (f, w) -> list("webapi", "--url", webApi, "--user", "alice",
            "--password-env", PASSWORD_VAR, "--timeout", "2", "--trust", f), unreadableExcept(Case.UNICODE_PATH)),
        new Option("tls --trust", utf8(pem), false, (f, w) -> list("tls", "127.0.0.1:1", "--timeout", "2", "--trust", f),
            unreadableExcept(Case.UNICODE_PATH)),
        new Option("turn --trust", utf8(pem), false, (f, w) -> list("turn", "turns:127.0.0.1:1", "--user", "alice",
            "--password-env", PASSWORD_VAR, "--budget", "2s", "--trust", f), unreadableExcept(Case.UNICODE_PATH)));
  }

  /** The file for {@code c}: shared for the kind cases, made from the option's sample for the others. */
  private static Path input(Option o, Case c, Path work) throws IOException {
    String junk = "Mitschnitt aus Zürich\n";
    String text = new String(o.sample(), StandardCharsets.UTF_8);
    switch (c) {
      case NUL_BYTE: {
        byte[] b = o.sample();
        int at = o.text() ? text.indexOf('\n') + 1 : b.length / 2;
        byte[] withNul = new byte[b.length + 1];
        System.arraycopy(b, 0, withNul, 0, at);
        System.arraycopy(b, at, withNul, at + 1, b.length - at);
        return Files.write(work.resolve("nul"), withNul);
      }
      case LATIN1:
        return Files.write(work.resolve("latin1"), (o.text() ? text : junk).getBytes(StandardCharsets.ISO_8859_1));
      case UTF16_BOM:
        return Files.write(work.resolve("utf16"), ("\uFEFF" + (o.text() ? text : junk))
            .getBytes(StandardCharsets.UTF_16LE));
      case UNICODE_PATH:
        return Files.write(Files.createDirectories(work.resolve("Grüße aus Zürich")).resolve("ä ö ü – Datei"),
            o.sample());
      default:
        return SHARED.get(c);
    }
  }

  /** One run of the matrix and what was wrong with it, if anything. */
  private record Outcome(String option, Case c, Expect expect, JarProcess.Result result, String problem) {}

  @Test
  void everyFileOptionWhenGivenBadInputThenOneLineOrAReportWithinTimeAndMemory() throws Exception {
    List<Option> options = options();
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Outcome>> runs = new ArrayList<>();
    long t0 = System.nanoTime();
    for (Option o : options) {
      for (Case c : Case.values()) {
        runs.add(pool.submit(() -> runOne(o, c)));
      }
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<Outcome> f : runs) {
      outcomes.add(f.get());
    }
    pool.shutdown();
    long wallS = (System.nanoTime() - t0) / 1_000_000_000L;
    StringBuilder table = new StringBuilder();
    List<String> problems = new ArrayList<>();
    long maxRss = 0;
    long maxMs = 0;
    for (Outcome o : outcomes) {
      maxRss = Math.max(maxRss, o.result().maxRssKb());
      maxMs = Math.max(maxMs, o.result().wall().toMillis());
      table.append(String.format(Locale.ROOT, "%-22s %-13s exit %d %5d ms (cpu %5d ms) %6d KB  %s%n", o.option(),
          o.c(), o.result().exit(), o.result().wall().toMillis(), o.result().cpu().toMillis(), o.result().maxRssKb(),
          o.result().exit() == 2 ? o.result().err().strip() : "report"));
      if (o.problem() != null) {
        problems.add(o.option() + " x " + o.c() + ": " + o.problem());
      }
    }
    System.out.printf(Locale.ROOT, "%d runs in %d s on %d threads; slowest %d ms, max RSS %d KB%n%s", outcomes.size(),
        wallS, threads, maxMs, maxRss, table);
    assertTrue(problems.isEmpty(), problems.size() + " of " + outcomes.size() + " runs wrong:\n"
        + String.join("\n", problems));
  }

  private Outcome runOne(Option o, Case c) throws Exception {
    Path work = Files.createTempDirectory(dir, "run");
    Path file = input(o, c, work);
    JarProcess.Result r = JarProcess.run(o.args().apply(file, work),
        Map.of(PASSWORD_VAR, "not-a-real-password", "LC_ALL", "C.UTF-8"), LIMIT);
    Expect expect = o.expect().get(c);
    return new Outcome(o.name(), c, expect, r, check(expect, file, r));
  }

  /** Null when {@code r} is what {@code expect} asks for, else what is wrong. */
  private static String check(Expect expect, Path file, JarProcess.Result r) {
    if (r.err().contains("\tat ") || r.err().contains("Exception in thread")) {
      return "stack trace on stderr: " + r.err();
    }
    if (r.wall().compareTo(LIMIT) >= 0) {
      return "took " + r.wall().toMillis() + " ms (" + r.cpu().toMillis() + " ms of CPU)";
    }
    if (r.maxRssKb() > MAX_RSS_KB) {
      return "peak RSS " + r.maxRssKb() + " KB";
    }
    if (expect == Expect.UNREADABLE) {
      List<String> lines = r.errLines();
      if (r.exit() != 2 || lines.size() != 1 || !r.out().isEmpty()) {
        return "expected exit 2 and one line on stderr but got exit " + r.exit() + ", stderr " + lines + ", stdout "
            + r.out().length() + " chars";
      }
      String name = file.getFileName().toString();
      if (!lines.get(0).startsWith("xphone-diag: ") || !lines.get(0).contains(name)) {
        return "the line must name " + name + ": " + lines.get(0);
      }
      return null;
    }
    if (r.exit() != 0 && r.exit() != 1) {
      return "expected a report (exit 0 or 1) but got exit " + r.exit() + ": " + r.err().strip();
    }
    try {
      JsonNode doc = new ObjectMapper().readTree(r.out());
      if (doc == null || !"xphone-diag/1".equals(doc.path("schema").asText()) && !r.out().startsWith("xphone-diag ")) {
        return "no report on stdout: " + r.out();
      }
    } catch (IOException e) {
      if (!r.out().startsWith("xphone-diag ")) {
        return "no report on stdout: " + r.out();
      }
    }
    return null;
  }
}
