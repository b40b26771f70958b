package org.xphonediag.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.trace.internal.PayloadClassifier;
import org.xphonediag.trace.internal.SipParsing;
import org.xphonediag.trace.internal.TcpSipStreams;

/**
 * Streams the SIP and STUN messages of a capture (DOMAIN §6), classifying every UDP payload by
 * content (SIP start line, RFC 8489 STUN header, RFC 7983 first byte) and reassembling SIP over
 * TCP. Media is only counted, per frame kind ({@link #counts()}) and per 5-tuple direction ({@link
 * #mediaFlows()}, at most {@link #MAX_FLOWS}). Memory is bounded whatever the capture's size. Not
 * thread-safe.
 *
 * <pre>{@code
 * try (TraceScanner scanner = TraceScanner.open(Path.of("call.pcapng"))) {
 *   for (Optional<TraceMessage> m = scanner.next(); m.isPresent(); m = scanner.next()) {
 *     if (m.get() instanceof SipMessage sip) {
 *       System.out.println(sip.frame() + " " + sip.callId() + " " + sip.summary());
 *     }
 *   }
 * }
 * }</pre>
 */
public final class TraceScanner implements AutoCloseable {
  /** Media flows (5-tuple directions) counted individually; further flows are counted as other. */
  public static final int MAX_FLOWS = 10_000;

  private final CaptureReader reader;
  private final PacketDecoder decoder = PacketDecoder.create();
  private final TcpSipStreams tcp = new TcpSipStreams();
  private final SipParsing sip = new SipParsing();
  private final ArrayDeque<TraceMessage> queue = new ArrayDeque<>();
  private final Map<FlowKey, long[]> flows = new HashMap<>();
  private final Map<FlowKey, PayloadKind> flowKinds = new HashMap<>();
  private long total;
  private long sipFrames;
  private long stun;
  private long rtp;
  private long rtcp;
  private long dtls;
  private long other;

  private record FlowKey(IpAddress src, int srcPort, IpAddress dst, int dstPort) {}

  private TraceScanner(CaptureReader reader) {
    this.reader = reader;
  }

  /** Scans {@code file}. */
  public static TraceScanner open(Path file) throws IOException, CaptureFormatException {
    return new TraceScanner(CaptureReader.open(file));
  }

  /** Scans what {@code reader} has not read yet; closing the scanner closes the reader. */
  public static TraceScanner of(CaptureReader reader) {
    return new TraceScanner(Objects.requireNonNull(reader, "reader"));
  }

  /** The capture's format. */
  public CaptureFormat format() {
    return reader.format();
  }

  /**
   * The next SIP or STUN message, or empty at the end of the capture.
   *
   * @throws CaptureFormatException for a corrupt capture, with its byte offset
   */
  public Optional<TraceMessage> next() throws IOException, CaptureFormatException {
    while (queue.isEmpty()) {
      Optional<CapturedFrame> f = reader.next();
      if (f.isEmpty()) {
        return Optional.empty();
      }
      frame(f.get());
    }
    return Optional.of(queue.removeFirst());
  }

  private void frame(CapturedFrame frame) {
    total++;
    Optional<Packet> decoded = decoder.decode(frame);
    if (decoded.isEmpty()) {
      other++;
      return;
    }
    Packet p = decoded.get();
    if (p.transport() == Transport.TCP) {
      boolean wasSip = tcp.feed(p, (completing, buf, off, len) -> queue.add(sip.parse(completing, buf, off, len)));
      if (wasSip) {
        sipFrames++;
      } else {
        other++;
      }
      return;
    }
    PayloadKind kind = PayloadClassifier.classify(p.buffer(), p.payloadOffset(), p.payloadLength());
    switch (kind) {
      case SIP -> {
        sipFrames++;
        queue.add(sip.parse(p, p.buffer(), p.payloadOffset(), p.payloadLength()));
      }
      case STUN -> {
        stun++;
        byte[] bytes = p.payload();
        String tid = HexFormat.of().formatHex(bytes, 8, 20);
        queue.add(new StunPacket(frame.number(), frame.epochNanos(), Transport.UDP, p.sourceEndpoint(),
            p.destinationEndpoint(), ((bytes[0] & 0x3f) << 8) | (bytes[1] & 0xff), tid, bytes));
      }
      default -> {
        switch (kind) {
          case RTP -> rtp++;
          case RTCP -> rtcp++;
          case DTLS -> dtls++;
          default -> other++;
        }
        countFlow(p, kind);
      }
    }
  }

  private void countFlow(Packet p, PayloadKind kind) {
    FlowKey key = new FlowKey(p.source(), p.sourcePort(), p.destination(), p.destinationPort());
    long[] c = flows.get(key);
    if (c == null) {
      if (flows.size() >= MAX_FLOWS) {
        return;
      }
      c = new long[] {0, 0, p.frame().number(), 0};
      flows.put(key, c);
      flowKinds.put(key, kind);
    }
    c[0]++;
    c[1] += p.payloadLength();
    c[3] = p.frame().number();
  }

  /** Frame counts so far (final once {@link #next()} returned empty). */
  public PacketCounts counts() {
    return new PacketCounts(total, sipFrames, stun, rtp, rtcp, dtls, other, tcp.gaps(), sip.unparsable());
  }

  /** Media and other non-signalling UDP flows, most packets first. */
  public List<MediaFlow> mediaFlows() {
    List<MediaFlow> out = new ArrayList<>(flows.size());
    flows.forEach((k, c) -> out.add(new MediaFlow(new HostAndPort(k.src.toString(), k.srcPort),
        new HostAndPort(k.dst.toString(), k.dstPort), flowKinds.get(k), c[0], c[1], c[2], c[3])));
    out.sort(Comparator.comparingLong(MediaFlow::packets).reversed()
        .thenComparingLong(MediaFlow::firstFrame));
    return out;
  }

  /** Where the capture was cut off, once the scan ended. */
  public Optional<Truncation> truncation() {
    return reader.truncation();
  }

  /** The packet decoder's counters (fragments, non-IP frames). */
  public PacketDecoder decoder() {
    return decoder;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
