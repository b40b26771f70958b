package org.xphonediag.trace.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.xphonediag.core.fuzz.FuzzBudget;
import org.xphonediag.trace.CaptureFormatException;
import org.xphonediag.trace.CaptureReader;
import org.xphonediag.trace.TraceScanner;

/**
 * Coverage-guided fuzz target for pcap and pcapng reading ({@link CaptureReader}, draft-ietf-opsawg-pcap,
 * draft-ietf-opsawg-pcapng) and everything downstream of it ({@link TraceScanner}, the analyzer):
 * any bytes are read or rejected with a {@link CaptureFormatException} at an offset inside the input,
 * within a CPU budget and the fuzz profile's heap.
 *
 * <p>Seeds: {@code CaptureReadFuzzTestInputs/} (small pcap and pcapng captures, see the README
 * there). {@code mvn -Pfuzz -pl xphone-diag-trace -am verify} fuzzes it.
 */
class CaptureReadFuzzTest {

  @FuzzTest
  void readWhenAnyBytesThenFramesOrLocatedFormatException(byte[] bytes) throws IOException {
    long start = FuzzBudget.start();
    Scans.scan(bytes);
    FuzzBudget.check(start, bytes.length);
  }
}
