package org.xphonediag.trace.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;
import org.xphonediag.trace.CaptureFormatException;
import org.xphonediag.trace.CaptureReader;
import org.xphonediag.trace.LinkType;
import org.xphonediag.trace.SipMessage;
import org.xphonediag.trace.TraceAnalysis;
import org.xphonediag.trace.TraceAnalyzer;
import org.xphonediag.trace.TraceMessage;
import org.xphonediag.trace.TraceScanner;

/** Shared steps of the trace fuzz targets: write a capture in memory, scan and analyse it. */
final class Scans {
  private static final TraceAnalyzer ANALYZER = TraceAnalyzer.builder().build();

  private Scans() {}

  /**
   * Scans {@code capture} through {@link TraceScanner} and {@link TraceAnalyzer} and builds the
   * report; the only exception let out is a {@link CaptureFormatException} that carries an offset
   * inside the input.
   */
  static void scan(byte[] capture) throws IOException {
    try (TraceScanner scanner = TraceScanner.of(CaptureReader.open(new ByteArrayInputStream(capture), "fuzz"))) {
      TraceAnalysis analysis = ANALYZER.analyze(scanner, "fuzz", List.of());
      ANALYZER.report(analysis, Duration.ZERO).toString();
      scanner.counts().toString();
      scanner.truncation().ifPresent(Object::toString);
    } catch (CaptureFormatException e) {
      assertTrue(e.byteOffset() >= 0 && e.byteOffset() <= capture.length, e.getMessage());
    }
  }

  /** Reads every message of {@code capture} with the scanner alone and renders each. */
  static void messages(byte[] capture) throws IOException {
    try (TraceScanner scanner = TraceScanner.of(CaptureReader.open(new ByteArrayInputStream(capture), "fuzz"))) {
      for (Optional<TraceMessage> m = scanner.next(); m.isPresent(); m = scanner.next()) {
        m.get().toString();
        if (m.get() instanceof SipMessage sip) {
          sip.summary();
          sip.sdp();
        }
      }
      scanner.mediaFlows();
    } catch (CaptureFormatException e) {
      assertTrue(e.byteOffset() >= 0 && e.byteOffset() <= capture.length, e.getMessage());
    }
  }

  /** A classic little-endian pcap of raw IP packets, one frame each, 20 ms apart. */
  static byte[] pcap(List<byte[]> packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcap(out, LinkType.RAW, ByteOrder.LITTLE_ENDIAN, false)) {
      long t = 1_700_000_000_000_000_000L;
      for (byte[] p : packets) {
        w.writePacket(0, t, p);
        t += 20_000_000L;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The endpoints of record {@code flags}: bit 0 swaps the direction, bit 1 selects IPv6. */
  static String[] endpoints(int flags) {
    String a = (flags & 2) != 0 ? "2001:db8::10" : "10.0.0.10";
    String b = (flags & 2) != 0 ? "2001:db8::20" : "192.0.2.20";
    return (flags & 1) != 0 ? new String[] {b, a} : new String[] {a, b};
  }

  static byte[] udp(int flags, int srcPort, int dstPort, byte[] payload) {
    String[] ep = endpoints(flags);
    return (flags & 1) != 0 ? PacketBuilder.udp(ep[0], dstPort, ep[1], srcPort, payload)
        : PacketBuilder.udp(ep[0], srcPort, ep[1], dstPort, payload);
  }
}
