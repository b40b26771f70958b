package org.xphonediag.trace.rtp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;
import org.xphonediag.trace.LinkType;

/**
 * Writes RTP/RTCP captures of a known shape with {@link CaptureWriter} (Ethernet, pcapng, µs).
 * Public for the CLI's comparison tests (this module's test jar).
 */
public final class RtpCapture {
  public static final long T0 = 1_700_000_000_000_000_000L;

  private record Frame(long nanos, byte[] ip) {}

  private final List<Frame> frames = new ArrayList<>();

  /** One RTP packet: 12-byte header + 160 payload bytes. */
  public RtpCapture rtp(String src, int sport, String dst, int dport, long ssrc, int pt, int seq, long ts, long nanos) {
    return rtpMarked(src, sport, dst, dport, ssrc, pt, seq, ts, nanos, false);
  }

  /** One RTP packet, with the marker bit set when {@code marker}. */
  public RtpCapture rtpMarked(String src, int sport, String dst, int dport, long ssrc, int pt, int seq, long ts,
      long nanos, boolean marker) {
    ByteBuffer b = ByteBuffer.allocate(172);
    b.put((byte) 0x80).put((byte) (pt | (marker ? 0x80 : 0))).putShort((short) seq).putInt((int) ts)
        .putInt((int) ssrc);
    frames.add(new Frame(nanos, PacketBuilder.udp(src, sport, dst, dport, b.array())));
    return this;
  }

  /** A raw UDP payload. */
  public RtpCapture udp(String src, int sport, String dst, int dport, byte[] payload, long nanos) {
    frames.add(new Frame(nanos, PacketBuilder.udp(src, sport, dst, dport, payload)));
    return this;
  }

  /**
   * A stream of {@code count} 20 ms PCMU packets from sequence {@code firstSeq}; {@code shape} gives
   * each packet's index order, drops and extra delay.
   */
  public RtpCapture stream(String src, int sport, String dst, int dport, long ssrc, int firstSeq, int count, long startNanos,
      Shape shape) {
    for (int i = 0; i < count; i++) {
      if (shape.drop(i)) {
        continue;
      }
      long nanos = startNanos + i * 20_000_000L + shape.delayNanos(i);
      int seq = (firstSeq + i) & 0xffff;
      long ts = (1000L + 160L * i) & 0xffffffffL;
      rtp(src, sport, dst, dport, ssrc, 0, seq, ts, nanos);
      for (int d = 0; d < shape.copies(i) - 1; d++) {
        rtp(src, sport, dst, dport, ssrc, 0, seq, ts, nanos + 1_000_000L);
      }
    }
    return this;
  }

  /** How a generated stream deviates from the ideal one. */
  public interface Shape {
    default boolean drop(int i) {
      return false;
    }

    default long delayNanos(int i) {
      return 0;
    }

    default int copies(int i) {
      return 1;
    }

    /**
     * Packet {@code i} (of the first 5000) delayed by a random 0 to {@code maxMs} ms, whole
     * microseconds (what a pcapng with microsecond stamps keeps), reproducible from {@code seed}.
     */
    static Shape randomJitter(long seed, int maxMs) {
      Random r = new Random(seed);
      long[] delay = new long[5000];
      for (int i = 0; i < delay.length; i++) {
        delay[i] = (long) (r.nextDouble() * maxMs * 1_000_000L) / 1000 * 1000;
      }
      return new Shape() {
        @Override
        public long delayNanos(int i) {
          return delay[i];
        }
      };
    }
  }

  /** Writes the frames sorted by time (a stable sort: equal times keep insertion order). */
  public Path write(Path file) throws IOException {
    List<Frame> sorted = new ArrayList<>(frames);
    sorted.sort(Comparator.comparingLong(Frame::nanos));
    try (OutputStream out = Files.newOutputStream(file);
        CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 9);
      for (Frame f : sorted) {
        w.writePacket(eth, f.nanos, PacketBuilder.ethernet(f.ip));
      }
    }
    return file;
  }
}
