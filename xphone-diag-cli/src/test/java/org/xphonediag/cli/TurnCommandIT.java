package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.xphonediag.stun.turn.Coturn;

/**
 * The {@code turn} command in-process against coturn on loopback ({@link Coturn}). The password is read from
 * {@code HOME} (a variable every test JVM has, without a colon), so coturn gets user alice with
 * that value as password.
 */
class TurnCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Coturn for alice with {@code HOME} as password. */
  private static Coturn start() throws Exception {
    String home = System.getenv("HOME");
    Assumptions.assumeTrue(home != null && !home.isEmpty() && !home.contains(":"), "HOME unusable as password");
    return Coturn.startFor("alice", home);
  }

  @Test
  void turnWhenCredentialsRightThenExit0AndAddressesAsIpPort() throws Exception {
    try (Coturn c = start()) {
      CliRun r = CliRun.of("turn", c.uri("udp"), c.uri("tcp"), "--user", "alice", "--password-env", "HOME", "--json",
          "--channel");
      assertEquals(0, r.exitCode(), r.out() + r.err());
      JsonNode data = JSON.readTree(r.out()).get("data");
      assertTrue(data.get("relayedAddress").asText().matches("127\\.0\\.0\\.1:\\d+"), data.toString());
      assertTrue(data.get("mappedAddress").asText().matches("127\\.0\\.0\\.1:\\d+"), data.toString());
      assertEquals("udp", data.get("transport").asText());
      assertTrue(data.get("allocationRttMs").isNumber() && data.get("dataRttMs").isNumber(), data.toString());
      assertTrue(data.get("channelRttMs").isNumber(), "--channel adds the ChannelData round trip: " + data);
      assertEquals(2, data.get("relays").size());
      assertEquals("tcp", data.at("/relays/1/transport").asText());
      assertTrue(data.at("/transports/tcp").asBoolean(), data.toString());
      assertFalse(r.out().contains(System.getenv("HOME")), "the password must not be printed");
    }
  }

  @Test
  void turnWhenPasswordWrongThenExit1WithAuthFailed() throws Exception {
    try (Coturn c = start()) {
      CliRun r = CliRun.of("turn", c.uri("tcp"), "--user", "alice",
          "--password-env", "PATH", "--json");
      assertEquals(1, r.exitCode(), r.out() + r.err());
      JsonNode root = JSON.readTree(r.out());
      assertEquals("turn.auth-failed", root.at("/results/0/findings/0/code").asText(), r.out());
      assertEquals(List.of(), List.copyOf(root.get("data").findValues("relayedAddress")));
    }
  }
}
