package org.xphonediag.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xphonediag.testkit.capture.SyntheticCapture;

/**
 * Writes the RTP-heavy benchmark capture ({@link SyntheticCapture}, docs/field-guide.md#reading-a-trace) for
 * {@code benchmarks/scripts/trace-vs-tshark.sh}; never commit its output.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar org.xphonediag.benchmarks.TraceCaptureGenerator OUT PACKETS [CALLS]}</pre>
 */
public final class TraceCaptureGenerator {
  private TraceCaptureGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: TraceCaptureGenerator OUT PACKETS [CALLS]");
    }
    Path out = Path.of(args[0]);
    long packets = Long.parseLong(args[1]);
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    SyntheticCapture.Counts c;
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
      c = SyntheticCapture.write(os, packets, calls);
    }
    System.out.printf("wrote %s: %d frames (%d SIP, %d STUN, %d RTP), %d bytes%n", out, c.frames(), c.sip(),
        c.stun(), c.rtp(), Files.size(out));
  }
}
