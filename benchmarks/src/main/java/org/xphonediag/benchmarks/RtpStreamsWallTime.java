package org.xphonediag.benchmarks;

import java.nio.file.Path;
import java.util.List;
import org.xphonediag.trace.rtp.RtpAnalysis;
import org.xphonediag.trace.rtp.RtpAnalyzer;

/**
 * Times {@link RtpAnalyzer} (one streaming pass, heuristic identification, no hints) on a capture,
 * as a whole process: for {@code benchmarks/scripts/rtp-streams-vs-tshark.sh}. Prints the streams
 * found and the in-process time of the pass.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar org.xphonediag.benchmarks.RtpStreamsWallTime CAPTURE}</pre>
 */
public final class RtpStreamsWallTime {
  private RtpStreamsWallTime() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: RtpStreamsWallTime CAPTURE");
    }
    long start = System.nanoTime();
    RtpAnalysis a = RtpAnalyzer.builder().build().analyze(Path.of(args[0]), List.of());
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("%d RTP packets, %d RTCP, %d streams, %d findings in %d ms (in-process pass)%n",
        a.rtpPackets(), a.rtcpPackets(), a.streams().size(), a.findings().size(), ms);
  }
}
