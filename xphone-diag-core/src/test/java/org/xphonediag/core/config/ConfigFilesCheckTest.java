package org.xphonediag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.StandaloneContext;
import org.xphonediag.core.Status;

class ConfigFilesCheckTest {

  private static CheckContext context(boolean cancelled, Instant deadline, Clock clock) {
    StandaloneContext ctx = StandaloneContext.builder(CheckCatalog.CONFIG_FILES).clock(clock).deadline(deadline).build();
    if (cancelled || !deadline.isAfter(clock.instant())) {
      ctx.cancel(); // the runner flags a check whose time ran out (after its grace period)
    }
    return ctx;
  }


  @Test
  void runWhenHealthyDmzFilesThenPasses() throws Exception {
    ConfigFilesCheck check = ConfigFilesCheck.of(Fixtures.DMZ.withProxy("netscaler"),
        Optional.of(Fixtures.path("healthy-dmz/web.config")), Optional.of(Fixtures.path("healthy-dmz/appsettings.json")));
    CheckResult r = check.run(CheckContext.standalone(check.id(), Duration.ofSeconds(5)));
    assertEquals(Status.PASS, r.status(), r.toString());
    assertEquals("config.files", r.id().value());
    assertEquals("xphone01.corp.example", r.details().get("xphoneServerHost").orElseThrow());
    assertEquals(48, r.details().get("secretLength").orElseThrow());
  }

  @Test
  void runWhenLocalFilesInDmzThenFailsWithFindings() throws Exception {
    ConfigFilesCheck check = ConfigFilesCheck.of(Fixtures.DMZ, Optional.of(Fixtures.path("healthy-local/web.config")),
        Optional.of(Fixtures.path("healthy-local/appsettings.json")));
    CheckResult r = check.run(CheckContext.standalone(check.id(), Duration.ofSeconds(5)));
    assertEquals(Status.FAIL, r.status());
    assertTrue(r.hasFinding("config.wcf-endpoint-localhost") && r.hasFinding("config.server-host-missing"));
    assertEquals("2 problems (2 FAIL, 0 WARN)", r.summary());
  }

  @Test
  void runWhenFileMissingThenError(@TempDir Path dir) throws Exception {
    ConfigFilesCheck check = ConfigFilesCheck.of(Fixtures.LOCAL, Optional.of(dir.resolve("web.config")), Optional.empty());
    CheckResult r = check.run(CheckContext.standalone(check.id(), Duration.ofSeconds(5)));
    assertEquals(Status.ERROR, r.status());
    assertTrue(r.cause().isPresent());
  }

  @Test
  void runWhenBrokenFileThenFailsNotError(@TempDir Path dir) throws Exception {
    Path app = Files.writeString(dir.resolve("appsettings.json"), "{\"AppSettings\": {\"Secret\": 1 \"X\": 2}}");
    ConfigFilesCheck check = ConfigFilesCheck.of(Fixtures.LOCAL, Optional.empty(), Optional.of(app));
    CheckResult r = check.run(CheckContext.standalone(check.id(), Duration.ofSeconds(5)));
    assertEquals(Status.FAIL, r.status());
    assertTrue(r.hasFinding("config.syntax"));
  }

  @Test
  void runWhenCancelledThenInterrupted() {
    ConfigFilesCheck check = ConfigFilesCheck.of(Fixtures.LOCAL, Optional.of(Fixtures.path("healthy-local/web.config")),
        Optional.empty());
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    assertThrows(InterruptedException.class, () -> check.run(context(true, clock.instant().plusSeconds(5), clock)));
  }

  @Test
  void runWhenDeadlinePassedThenInterrupted() {
    ConfigFilesCheck check = ConfigFilesCheck.of(Fixtures.LOCAL, Optional.of(Fixtures.path("healthy-local/web.config")),
        Optional.empty());
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    assertThrows(InterruptedException.class, () -> check.run(context(false, clock.instant(), clock)));
  }

  @Test
  void ofWhenNoFileThenRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> ConfigFilesCheck.of(Fixtures.LOCAL, Optional.empty(), Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> ConfigValidator.of(Fixtures.LOCAL).validate(Optional.empty(), Optional.empty()));
  }

  @Test
  void scenarioWhenParsedThenNormalised() {
    assertEquals(IisPlacement.DMZ, IisPlacement.parse(" DMZ "));
    assertThrows(IllegalArgumentException.class, () -> IisPlacement.parse("cloud"));
    assertTrue(ConfigScenario.of(IisPlacement.LOCAL).withProxy("Citrix-ADC").proxyBlocksWebSockets());
    assertEquals(Optional.empty(), ConfigScenario.of(IisPlacement.LOCAL).withServer("  ").server());
  }
}
