package org.xphonediag.trace.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xphonediag.core.fuzz.FuzzBudget;
import org.xphonediag.testkit.capture.PacketBuilder;
import org.xphonediag.trace.TraceScanner;

/**
 * Coverage-guided fuzz target for SIP over TCP reassembly (RFC 3261 §18.3; {@code
 * TcpSipStreams} behind {@link TraceScanner}): segments in any order, with gaps, overlaps,
 * retransmissions, SYNs and any payload, in a well-formed capture; no exception may escape, within
 * a CPU budget.
 *
 * <p>Input: records of one flag byte (bit 0 direction, bit 1 IPv6, bit 2 SYN, bit 3 FIN), a
 * big-endian signed 16-bit shift of the sequence number against the next expected one, a 16-bit
 * length and that many payload bytes (the last record takes what is left). Seeds: {@code
 * TcpReassemblyFuzzTestInputs/}. {@code mvn -Pfuzz -pl xphone-diag-trace -am verify} fuzzes it.
 */
class TcpReassemblyFuzzTest {
  private static final int MAX_RECORDS = 64;

  @FuzzTest
  @DictionaryFile(resourcePath = "sip.dict")
  void scanWhenTcpSegmentsAreAnyBytesThenNoException(byte[] bytes) throws IOException {
    long start = FuzzBudget.start();
    List<byte[]> packets = new ArrayList<>();
    long[] next = {1_000_000L, 7_000_000L};
    int i = 0;
    while (i + 5 <= bytes.length && packets.size() < MAX_RECORDS) {
      int flags = bytes[i] & 0xff;
      int shift = (short) ((bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff));
      int len = Math.min((bytes[i + 3] & 0xff) << 8 | (bytes[i + 4] & 0xff), bytes.length - i - 5);
      byte[] payload = Arrays.copyOfRange(bytes, i + 5, i + 5 + len);
      int dir = flags & 1;
      long seq = (next[dir] + shift) & 0xffffffffL;
      int tcpFlags = PacketBuilder.ACK | PacketBuilder.PSH | ((flags & 4) != 0 ? PacketBuilder.SYN : 0)
          | ((flags & 8) != 0 ? PacketBuilder.FIN : 0);
      String[] ep = Scans.endpoints(flags);
      packets.add(dir == 0 ? PacketBuilder.tcp(ep[0], 50000, ep[1], 5060, seq, tcpFlags, payload)
          : PacketBuilder.tcp(ep[0], 5060, ep[1], 50000, seq, tcpFlags, payload));
      next[dir] = (seq + len + ((flags & 4) != 0 ? 1 : 0)) & 0xffffffffL;
      i += 5 + len;
    }
    byte[] capture = Scans.pcap(packets);
    Scans.messages(capture);
    Scans.scan(capture);
    FuzzBudget.check(start, bytes.length);
  }
}
