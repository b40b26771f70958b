package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code turn} command usage errors (no sockets). */
class TurnCommandTest {
  private static final String UNSET = "XPHONE_DIAG_TURN_TEST_SURELY_UNSET";

  @Test
  void turnWhenPasswordEnvUnsetThenExit2NamingVariable() {
    CliRun r = CliRun.of("turn", "turn:127.0.0.1", "--user", "alice", "--password-env", UNSET);
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains(UNSET), r.err());
  }

  @Test
  void turnWhenUriSchemeWrongThenExit2() {
    CliRun r = CliRun.of("turn", "stun:127.0.0.1", "--user", "alice", "--password-env", "PATH");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("turn: or turns:"), r.err());
  }

  @Test
  void turnWhenPeerHasNoPortThenExit2() {
    CliRun r = CliRun.of("turn", "turn:127.0.0.1", "--user", "alice", "--password-env", "PATH", "--peer",
        "127.0.0.1");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("--peer"), r.err());
  }

  @Test
  void turnWhenUserMissingThenExit2() {
    CliRun r = CliRun.of("turn", "turn:127.0.0.1", "--password-env", "PATH");
    assertEquals(2, r.exitCode(), r.out() + r.err());
  }

  @Test
  void turnWhenIpv6WithIpv4PeerThenExit2NamingTheConflict() {
    CliRun r = CliRun.of("turn", "turn:127.0.0.1", "--user", "alice", "--password-env", "PATH", "--ipv6", "--peer",
        "127.0.0.1:9");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("family"), r.err());
  }
}
