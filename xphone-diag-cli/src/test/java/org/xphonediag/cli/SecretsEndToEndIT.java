package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.Report;
import org.xphonediag.core.report.ReportFormat;
import org.xphonediag.stun.turn.Coturn;
import org.xphonediag.testkit.Scenario;

/**
 * Searches every output of a doctor run and its follow-ups for the secrets involved: the user's
 * password, the JWTs and refresh tokens the lab issued, the TURN credential its STUN/TURN route
 * handed out (used against a coturn on loopback when installed), the appsettings {@code Secret}
 * and an ICE password. Runs in its own failsafe execution with every logger at TRACE writing to
 * {@code target/secrets-it.log}, which is searched too.
 */
class SecretsEndToEndIT {
  private static final String ICE_PWD = "Zq8ShouldNeverBePrinted4ice";

  @Test
  void everyOutputWhenSearchedThenNoSecret(@TempDir Path dir) throws Exception {
    Map<String, String> outputs = new LinkedHashMap<>();
    List<String> secrets = new ArrayList<>();
    byte[] random = new byte[12];
    new java.security.SecureRandom().nextBytes(random);
    String turnCredential = "tc" + java.util.HexFormat.of().formatHex(random);
    // the lab hands out a TURN server with this credential; coturn when installed, else a closed port
    Coturn coturn = Coturn.binary() == null ? null : Coturn.startFor("lab-turn", turnCredential);
    String turnUri = coturn == null ? "turn:127.0.0.1:9?transport=tcp" : coturn.uri("udp");
    try (DemoLab lab = DemoLab.start(Scenario.DEFAULT,
        web -> web.turnServer(List.of(turnUri), "lab-turn", turnCredential.toCharArray()), profile -> { })) {
      Report report = lab.doctor().build().run(DiagListener.none());
      assertEquals("webapi", report.result(org.xphonediag.core.CheckCatalog.TURN_RELAY).orElseThrow().details()
          .get("source").orElseThrow(), "the doctor used the TURN credential the WebAPI handed out");
      if (coturn != null) {
        assertEquals(org.xphonediag.core.Status.PASS, report.result(org.xphonediag.core.CheckCatalog.TURN_RELAY)
            .orElseThrow().status(), "the credential was used for real");
      }
      for (ReportFormat f : ReportFormat.values()) {
        outputs.put("report." + f.optionName(), f.writer().toString(report));
      }
      secrets.add(new String(lab.web().password()));
      secrets.addAll(lab.web().issuedTokens());
      secrets.addAll(lab.web().issuedRefreshTokens());
      secrets.addAll(lab.web().turnCredentials());
      assertEquals(List.of(turnCredential), lab.web().turnCredentials());
      assertFalse(lab.web().issuedTokens().isEmpty(), "the doctor logged in, so there are tokens to look for");
      assertFalse(lab.web().issuedRefreshTokens().isEmpty());
      Path appSettings = lab.folder().resolve("appsettings.json");
      Matcher m = Pattern.compile("\"Secret\": \"([^\"]+)\"").matcher(Files.readString(appSettings));
      assertTrue(m.find());
      secrets.add(m.group(1));
      Files.copy(appSettings, dir.resolve("appsettings.json"));
      Files.writeString(dir.resolve("report.json"), outputs.get("report.json"));
    } finally {
      if (coturn != null) {
        coturn.close();
      }
    }
    secrets.add(ICE_PWD);

    Path sdp = dir.resolve("offer.sdp");
    Files.writeString(sdp, String.join("\r\n", "v=0", "o=IceLink 1 1 IN IP4 192.168.101.12", "s=-",
        "c=IN IP4 192.168.101.12", "t=0 0", "m=audio 50000 UDP/TLS/RTP/SAVPF 0", "a=ice-ufrag:8b708ebc",
        "a=ice-pwd:" + ICE_PWD, "a=candidate:1 1 UDP 2130706431 192.168.101.12 50000 typ host", ""));
    for (ReportFormat f : ReportFormat.values()) {
      CliRun r = CliRun.of("sdp", sdp.toString(), "--format", f.optionName());
      outputs.put("sdp." + f.optionName(), r.out() + r.err());
    }
    CliRun config = CliRun.of("config", "--appsettings", dir.resolve("appsettings.json").toString(), "--iis", "local",
        "--json");
    outputs.put("config", config.out() + config.err());
    Path zip = dir.resolve("ticket.zip");
    CliRun ticket = CliRun.of("ticket", "--out", zip.toString(), "--report", dir.resolve("report.json").toString(),
        "--attach", dir.resolve("appsettings.json").toString(), "--log", sdp.toString());
    assertEquals(0, ticket.exitCode(), ticket.err());
    outputs.put("ticket.cli", ticket.out() + ticket.err());
    try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        z.transferTo(b);
        outputs.put("ticket:" + e.getName(), b.toString(StandardCharsets.ISO_8859_1));
      }
    }
    Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/secrets-it.log"));
    if (Files.isRegularFile(log)) {
      String logged = Files.readString(log, StandardCharsets.ISO_8859_1);
      assertTrue(logged.length() > 0, "TRACE logging produced output to search");
      outputs.put("log", logged);
    }

    assertTrue(outputs.get("report.json").contains("signalr.websocket-blocked"), "the run did real work");
    for (Map.Entry<String, String> o : outputs.entrySet()) {
      for (String s : secrets) {
        assertFalse(o.getValue().contains(s), o.getKey() + " contains a secret (" + s.length() + " chars)");
      }
    }
  }
}
