package org.xphonediag.trace;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.trace.internal.ByteInput;
import org.xphonediag.trace.internal.FlowTable;
import org.xphonediag.trace.internal.LinkDecoder;
import org.xphonediag.trace.internal.MediaSink;
import org.xphonediag.trace.internal.PayloadClassifier;
import org.xphonediag.trace.internal.RawFrame;
import org.xphonediag.trace.internal.SipParsing;
import org.xphonediag.trace.internal.TcpStreams;

/**
 * Streams the SIP and STUN messages of a capture (docs/field-guide.md#reading-a-trace), classifying every UDP payload by
 * content (SIP start line, RFC 8489 STUN header, RFC 7983 first byte) and reassembling SIP and STUN
 * over TCP (STUN back to back, RFC 8489 §6.2.2, or with the RFC 4571 length prefix of ICE-TCP, RFC
 * 6544). Media is only counted, per frame kind ({@link #counts()}) and per 5-tuple direction ({@link
 * #mediaFlows()}, at most {@link #MAX_FLOWS}). Memory is bounded whatever the capture's size. An
 * interrupted thread stops the scan (cancellation). Not thread-safe.
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
  private java.util.function.Consumer<Packet> mediaTap;
  private MediaSink mediaSink;
  private final RawFrame raw = new RawFrame();
  private final TcpStreams tcp = new TcpStreams();
  private final TcpStreams.Sink tcpSink = new TcpStreams.Sink() {
    @Override
    public void sip(Packet completing, byte[] buf, int off, int len) {
      queue.add(sip.parse(completing, buf, off, len));
    }

    @Override
    public void stun(Packet completing, byte[] buf, int off, int len) {
      tcpStun++;
      queue.add(stunPacket(completing, buf, off, len));
    }
  };
  private long tcpStun;
  private final SipParsing sip = new SipParsing();
  private final ArrayDeque<TraceMessage> queue = new ArrayDeque<>();
  private final FlowTable<Flow> flows = new FlowTable<>(MAX_FLOWS);
  private long total;
  private long sipFrames;
  private long stun;
  private long rtp;
  private long rtcp;
  private long dtls;
  private long other;

  private static final class Flow {
    final HostAndPort source;
    final HostAndPort destination;
    final PayloadKind kind;
    final long first;
    long packets;
    long bytes;
    long last;

    Flow(HostAndPort source, HostAndPort destination, PayloadKind kind, long first) {
      this.source = source;
      this.destination = destination;
      this.kind = kind;
      this.first = first;
    }
  }

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
   * @throws InterruptedIOException when the thread is interrupted (checked every 65,536 frames); the
   *     interrupt flag stays set
   */
  public Optional<TraceMessage> next() throws IOException, CaptureFormatException {
    while (queue.isEmpty()) {
      if ((total & 0xffff) == 0xffff && Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException(String.format(Locale.ROOT,
            "scan of %s interrupted after %d frames", reader.source(), total));
      }
      if (!reader.next(raw)) {
        return Optional.empty();
      }
      frame(raw);
    }
    return Optional.of(queue.removeFirst());
  }

  private void frame(RawFrame frame) {
    total++;
    LinkDecoder link = decoder.link();
    if (!link.scan(frame)) {
      other++;
      return;
    }
    LinkDecoder.Layout l = link.layout();
    if (l.tcp) {
      long stunBefore = tcpStun;
      PayloadKind kind = tcp.feed(link.packet(), tcpSink);
      if (kind == PayloadKind.SIP) {
        sipFrames++;
      } else if (kind == PayloadKind.STUN && tcpStun > stunBefore) {
        stun++;
      } else {
        other++;
      }
      return;
    }
    PayloadKind kind = PayloadClassifier.classify(l.buf, l.payloadOff, l.payloadLen);
    switch (kind) {
      case SIP -> {
        sipFrames++;
        Packet p = link.packet();
        queue.add(sip.parse(p, p.buffer(), p.payloadOffset(), p.payloadLength()));
      }
      case STUN -> {
        stun++;
        Packet p = link.packet();
        queue.add(stunPacket(p, p.buffer(), p.payloadOffset(), p.payloadLength()));
      }
      default -> {
        switch (kind) {
          case RTP -> rtp++;
          case RTCP -> rtcp++;
          case DTLS -> dtls++;
          default -> other++;
        }
        countFlow(link, l, kind);
        if (kind == PayloadKind.RTP || kind == PayloadKind.RTCP) {
          if (mediaSink != null) {
            mediaSink.media(link);
          }
          if (mediaTap != null) {
            mediaTap.accept(link.packet());
          }
        }
      }
    }
  }

  /** A STUN message of {@code len} bytes at {@code buf[off]} (a whole message, header checked). */
  private static StunPacket stunPacket(Packet p, byte[] buf, int off, int len) {
    byte[] bytes = java.util.Arrays.copyOfRange(buf, off, off + len);
    return new StunPacket(p.frame().number(), p.frame().epochNanos(), p.transport(), p.sourceEndpoint(),
        p.destinationEndpoint(), ((bytes[0] & 0x3f) << 8) | (bytes[1] & 0xff), HexFormat.of().formatHex(bytes, 8, 20),
        bytes);
  }

  /** Counts the packet for its 5-tuple direction, keyed by the frame's own bytes (no allocation). */
  private void countFlow(LinkDecoder link, LinkDecoder.Layout l, PayloadKind kind) {
    byte[] h = l.header;
    long ports = (long) l.srcPort << 16 | l.dstPort;
    long a;
    long b = 0;
    long c = 0;
    long d = 0;
    if (l.addrLen == 4) {
      a = ByteInput.u32(h, l.srcOff, false) << 32 | ByteInput.u32(h, l.dstOff, false);
    } else {
      a = FlowTable.u64(h, l.srcOff);
      b = FlowTable.u64(h, l.srcOff + 8);
      c = FlowTable.u64(h, l.dstOff);
      d = FlowTable.u64(h, l.dstOff + 8);
    }
    Flow f = flows.get(a, b, c, d, ports, l.addrLen);
    if (f == null) {
      if (flows.size() >= MAX_FLOWS) {
        return;
      }
      Packet p = link.packet();
      f = new Flow(p.sourceEndpoint(), p.destinationEndpoint(), kind, frame(l));
      flows.add(a, b, c, d, ports, l.addrLen, f);
    }
    f.packets++;
    f.bytes += l.payloadLen;
    f.last = frame(l);
  }

  private static long frame(LinkDecoder.Layout l) {
    return l.frame.number;
  }

  /**
   * Hands every UDP packet classified as RTP or RTCP to {@code tap} during the scan (e.g. an
   * {@link org.xphonediag.trace.rtp.RtpCollector}), so stream statistics need no second pass.
   */
  public TraceScanner onMedia(java.util.function.Consumer<Packet> tap) {
    this.mediaTap = java.util.Objects.requireNonNull(tap, "tap");
    return this;
  }

  /**
   * As {@link #onMedia(java.util.function.Consumer)} for a stream collector, which then reads each
   * packet where it lies in the capture's buffer: no {@link Packet} or address objects are built for
   * the packets of streams it already tracks, which is most of a capture. Replaces an earlier
   * collector; a {@code Consumer} tap set as well is called too.
   */
  public TraceScanner onMedia(org.xphonediag.trace.rtp.RtpCollector collector) {
    this.mediaSink = java.util.Objects.requireNonNull(collector, "collector");
    return this;
  }

  /** Frame counts so far (final once {@link #next()} returned empty). */
  public PacketCounts counts() {
    return new PacketCounts(total, sipFrames, stun, rtp, rtcp, dtls, other, tcp.gaps(), sip.unparsable(),
        decoder.fragments(), decoder.fragmentsIncomplete(), decoder.fragmentsOverlapping());
  }

  /** Media and other non-signalling UDP flows, most packets first. */
  public List<MediaFlow> mediaFlows() {
    List<MediaFlow> out = new ArrayList<>(flows.size());
    flows.values().forEach(f -> out.add(new MediaFlow(f.source, f.destination, f.kind, f.packets, f.bytes, f.first,
        f.last)));
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
