package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xphonediag.testkit.hostile.HostileTcpServer;
import org.xphonediag.testkit.hostile.HostileTcpServer.Behavior;

/**
 * End to end against hostile peers: {@code tls} at a server that stalls mid-handshake and {@code
 * sip-probe} at a TCP peer that sends an endless header line end by their {@code --timeout} with
 * exit 1, a JSON report and the documented finding; nothing on stderr but progress.
 */
class HostilePeersCommandIT {
  private static final Duration SLACK = Duration.ofSeconds(3);

  @Test
  void tlsWhenServerStallsAfterClientHelloThenExit1UnreachableWithinTimeout() throws Exception {
    try (HostileTcpServer server = HostileTcpServer.start(Behavior.readAtLeast(1).then(Behavior.stall()))) {
      long start = System.nanoTime();
      CliRun r = CliRun.of("tls", "127.0.0.1:" + server.port(), "--timeout", "1", "--json");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(1, r.exitCode(), r.err());
      JsonNode finding = r.json().get("results").get(0).get("findings").get(0);
      assertEquals("webapi.unreachable", finding.get("code").asText(), r.out());
      assertTrue(took.compareTo(Duration.ofSeconds(1).plus(SLACK)) < 0, "took " + took);
    }
  }

  @Test
  void sipProbeWhenTcpPeerSendsEndlessHeaderLineThenExit1NoAnswerWithinTimeout() throws Exception {
    try (HostileTcpServer peer = HostileTcpServer.start(Behavior.readHead()
        .then(Behavior.send("SIP/2.0 200 OK\r\nVia: ".getBytes(StandardCharsets.US_ASCII)))
        .then(Behavior.flood((byte) 'a')))) {
      long start = System.nanoTime();
      CliRun r = CliRun.of("sip-probe", "sip:127.0.0.1:" + peer.port() + ";transport=tcp", "--timeout", "1s", "--json");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(1, r.exitCode(), r.err());
      JsonNode finding = r.json().get("results").get(0).get("findings").get(0);
      assertEquals("sip.no-answer", finding.get("code").asText(), r.out());
      // within the check's documented budget (timeout + 2 s clean-up grace + 3 s for the stack), which
      // also covers the first jain-sip start in this JVM, plus slack
      assertTrue(took.compareTo(Duration.ofSeconds(1 + 2 + 3).plus(SLACK)) < 0, "took " + took);
    }
  }
}
