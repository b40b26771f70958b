package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP in IP-in-IP tunnels and over SCTP (bundled chunks, a message fragmented over two packets),
 * frame by frame as tshark decodes it: the same frames, Call-IDs and methods (tshark finds SIP in
 * SCTP with its heuristic, on any port, as we do by the start line). The capture is {@link
 * TunnelAndSctpTest}'s; the five-deep tunnel, which we leave undecoded, carries SIP that tshark
 * finds: the one frame the comparison leaves out.
 */
class TunnelAndSctpTsharkIT {
  @TempDir
  Path dir;

  @BeforeAll
  static void tsharkInstalled() {
    assumeTrue(Tshark.available("tshark"), "tshark is not installed (Debian package tshark)");
  }

  @Test
  void sipInTunnelsAndSctpMatchesTshark() throws Exception {
    Path f = TunnelAndSctpTest.capture(dir.resolve("tunnels-sctp.pcapng"));
    Map<Long, String> theirs = Tshark.tshark(f, List.of());
    Map<Long, String> ours = Tshark.ours(f);
    assertEquals(9, ours.size() + 1, ours.toString());
    theirs.remove(11L); // IP in IP five deep: beyond LinkDecoder.MAX_TUNNELS
    assertEquals(theirs, ours);
  }
}
