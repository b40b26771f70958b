package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Secret;
import org.xphonediag.testkit.stun.StunResponder;

/** The stun, ice-probe and sweep commands in-process against the loopback responder. */
class StunCommandsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), false);
    return new Run(code, out.toString(), err.toString());
  }

  static String hp(InetSocketAddress a) {
    return "127.0.0.1:" + a.getPort();
  }

  @Test
  void stunWhenServerAnswersThenExit0AndServersData() throws Exception {
    try (StunResponder r = StunResponder.builder().start()) {
      Run run = run("stun", hp(r.address()), "--json");
      assertEquals(0, run.code(), run.err());
      JsonNode server = run.json().at("/data/servers/0");
      assertEquals(hp(r.address()), server.get("server").asText());
      assertTrue(server.get("mappedAddress").asText().startsWith("127.0.0.1:"));
      assertTrue(server.get("rttMs").isNumber());
    }
  }

  @Test
  void stunWhenServerSilentThenExit1WithUnreachable() throws Exception {
    try (StunResponder r = StunResponder.builder().behavior(StunResponder.Behavior.SILENT).start()) {
      Run run = run("stun", hp(r.address()), "--budget", "600ms", "--json");
      assertEquals(1, run.code(), run.out());
      assertEquals("stun.unreachable", run.json().at("/results/0/findings/0/code").asText());
    }
  }

  @Test
  void stunWhenServerMalformedThenExit2() {
    Run run = run("stun", "[::1");
    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("xphone-diag: stun:"), run.err());
  }

  @Test
  void iceProbeWhenCredentialsMatchThenSuccessData() throws Exception {
    try (StunResponder r = StunResponder.builder().ice("xcc", Secret.of("pwd-of-xcc")).start()) {
      Run run = run("ice-probe", hp(r.address()), "--ufrag", "xcc", "--pwd", "pwd-of-xcc", "--local-ufrag", "me",
          "--json");
      assertEquals(0, run.code(), run.err());
      JsonNode data = run.json().get("data");
      assertEquals("success", data.get("response").asText());
      assertTrue(data.get("mappedAddress").asText().startsWith("127.0.0.1:"));
      assertTrue(data.get("rttMs").isNumber());
      assertTrue(!run.out().contains("pwd-of-xcc"), "the password must not appear in the report");
    }
  }

  @Test
  void iceProbeWhenPasswordWrongThenExit1Rejected() throws Exception {
    try (StunResponder r = StunResponder.builder().ice("xcc", Secret.of("pwd-of-xcc")).start()) {
      Run run = run("ice-probe", hp(r.address()), "--ufrag", "xcc", "--pwd", "nope", "--controlled", "--json");
      assertEquals(1, run.code());
      assertEquals("error", run.json().at("/data/response").asText());
      assertEquals("media.binding-rejected", run.json().at("/results/0/findings/0/code").asText());
    }
  }

  @Test
  void iceProbeWhenSilentThenExit0WarnInconclusive() throws Exception {
    try (StunResponder r = StunResponder.builder().ice("xcc", Secret.of("p")).behavior(StunResponder.Behavior.SILENT)
        .start()) {
      Run run = run("ice-probe", hp(r.address()), "--ufrag", "xcc", "--pwd", "p", "--budget", "300ms", "--json");
      assertEquals(0, run.code(), run.out());
      assertEquals("WARN", run.json().get("status").asText());
      assertEquals("none", run.json().at("/data/response").asText());
    }
  }

  @Test
  void iceProbeWhenNoPortThenExit2() {
    Run run = run("ice-probe", "127.0.0.1", "--ufrag", "a", "--pwd", "b");
    assertEquals(2, run.code());
  }

  @Test
  void sweepWhenRangeMixedThenPortsByOutcome() throws Exception {
    int closed;
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      closed = ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }
    try (StunResponder r = StunResponder.builder().start()) {
      int open = r.address().getPort();
      int from = Math.min(open, closed);
      int to = Math.max(open, closed);
      if (to - from > 2000) {
        from = open;
        to = open;
      }
      Run run = run("sweep", "127.0.0.1", "--ports", from + "-" + to, "--rate", "5000", "--budget", "3s", "--json");
      JsonNode ports = run.json().at("/data/ports");
      assertTrue(ports.get("answered").toString().contains(String.valueOf(open)), ports.toString());
      assertEquals(to - from + 1, ports.at("/counts/total").asInt());
      assertEquals(1, ports.at("/counts/answered").asInt());
      if (from != to) {
        assertTrue(ports.get("unreachable").toString().contains(String.valueOf(closed)), ports.toString());
        assertEquals(1, run.code());
      }
    }
  }

  @Test
  void sweepWhenBadRangeOrMulticastOrBudgetThenExit2() {
    assertEquals(2, run("sweep", "127.0.0.1", "--ports", "0-10").code());
    assertEquals(2, run("sweep", "127.0.0.1", "--ports", "33000-30000").code());
    assertEquals(2, run("sweep", "224.0.0.1", "--ports", "1-2").code());
    assertEquals(2, run("sweep", "127.0.0.1", "--ports", "1-2", "--budget", "soon").code());
    assertEquals(2, run("sweep", "127.0.0.1", "--ports", "1-2", "--ufrag", "a").code());
  }
}
