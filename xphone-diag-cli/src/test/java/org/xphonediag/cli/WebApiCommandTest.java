package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Usage errors of {@code webapi} and {@code tls}: exit 2 with one line, before any network use. */
class WebApiCommandTest {
  private static final String UNSET = "XPHONE_DIAG_TEST_UNSET_VARIABLE_4711";

  @Test
  void webapiWhenPasswordVariableUnsetThenExit2NamingIt() {
    CliRun r = CliRun.of("webapi", "--url", "https://xphone.example.com/xphoneconnect/webclientapi",
        "--user", "alice", "--password-env", UNSET);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains(UNSET) && r.err().contains("not set"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void webapiWhenUrlMissingThenExit2() {
    CliRun r = CliRun.of("webapi", "--user", "alice", "--password-env", "PATH");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--url"), r.err());
  }

  @Test
  void webapiWhenProfileUnreadableThenExit2() {
    CliRun r = CliRun.of("webapi", "--url", "https://xphone.example.com/xphoneconnect/webclientapi",
        "--user", "alice", "--password-env", "PATH", "--profile", "/nonexistent/profile.json");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--profile"), r.err());
  }

  @Test
  void webapiWhenInsecureAndTrustThenExit2() {
    CliRun r = CliRun.of("webapi", "--url", "https://xphone.example.com/xphoneconnect/webclientapi",
        "--user", "alice", "--password-env", "PATH", "--insecure", "--trust", "x.pem");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("conflict"), r.err());
  }

  @Test
  void tlsWhenTargetMalformedThenExit2() {
    CliRun r = CliRun.of("tls", "[::1");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("xphone-diag: tls:"), r.err());
  }

  @Test
  void tlsWhenTrustFileMissingThenExit2() {
    CliRun r = CliRun.of("tls", "localhost:1", "--trust", "/nonexistent/root.pem");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--trust"), r.err());
  }
}
