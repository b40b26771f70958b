package org.xphonediag.trace.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xphonediag.core.fuzz.FuzzBudget;
import org.xphonediag.trace.TraceScanner;

/**
 * Coverage-guided fuzz target for SIP and STUN extraction from UDP payloads ({@link TraceScanner}
 * and the analyzer, RFC 3261 §7, RFC 7983, docs/field-guide.md#reading-a-trace): the capture around the payloads is always
 * well formed, so no exception at all may escape, within a CPU budget.
 *
 * <p>Input: records of one flag byte (bit 0 direction, bit 1 IPv6, bit 2 port 5061 instead of
 * 5060 on the XCC side), a big-endian 16-bit length and that many payload bytes (the last record
 * takes what is left). Seeds: {@code SipExtractionFuzzTestInputs/}. {@code mvn -Pfuzz -pl
 * xphone-diag-trace -am verify} fuzzes it.
 */
class SipExtractionFuzzTest {
  private static final int MAX_RECORDS = 64;

  @FuzzTest
  @DictionaryFile(resourcePath = "sip.dict")
  void scanWhenUdpPayloadsAreAnyBytesThenNoException(byte[] bytes) throws IOException {
    long start = FuzzBudget.start();
    List<byte[]> packets = new ArrayList<>();
    int i = 0;
    while (i + 3 <= bytes.length && packets.size() < MAX_RECORDS) {
      int flags = bytes[i] & 0xff;
      int len = Math.min((bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff), bytes.length - i - 3);
      byte[] payload = Arrays.copyOfRange(bytes, i + 3, i + 3 + len);
      packets.add(Scans.udp(flags, 50000 + (flags >> 4), (flags & 4) != 0 ? 5061 : 5060, payload));
      i += 3 + len;
    }
    byte[] capture = Scans.pcap(packets);
    Scans.messages(capture);
    Scans.scan(capture);
    FuzzBudget.check(start, bytes.length);
  }
}
