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
import org.xphonediag.trace.internal.FlowTable;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.sip.sdp.MediaDescription;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.sip.sdp.SdpConnection;
import org.xphonediag.sip.sdp.SessionDescription;
import org.xphonediag.trace.internal.LinkDecoder;
import org.xphonediag.trace.internal.MediaClassifier;
import org.xphonediag.trace.internal.MediaSink;
import org.xphonediag.trace.internal.MediaSinks;
import org.xphonediag.trace.internal.PayloadClassifier;
import org.xphonediag.trace.internal.RawFrame;
import org.xphonediag.trace.internal.SctpMessages;
import org.xphonediag.trace.internal.SipParsing;
import org.xphonediag.trace.internal.TcpStreams;
import org.xphonediag.trace.rtp.MediaHint;

/**
 * Streams the SIP and STUN messages of a capture (docs/field-guide.md#reading-a-trace), classifying
 * every UDP payload by content (SIP start line, RFC 8489 STUN header, RFC 7983 first byte),
 * reassembling SIP and STUN over TCP (STUN back to back, RFC 8489 §6.2.2, or with the RFC 4571
 * length prefix of ICE-TCP, RFC 6544) and reading SIP out of SCTP DATA chunks (RFC 4168); IP-in-IP
 * is unwrapped. Media is only
 * counted, per frame kind ({@link #counts()}) and per 5-tuple direction ({@link #mediaFlows()}, at
 * most {@link #MAX_FLOWS}): a UDP packet is RTP, RTCP or DTLS only on negotiated media (endpoints
 * the SDPs taught it, {@link #learnMedia}, and the 5-tuples STUN bindings ran on) or when it passes
 * a strict heuristic; T.38 (UDPTL) only where an SDP negotiated it (see {@code MediaClassifier});
 * packets of flows beyond {@link #MAX_FLOWS} count as other. Memory is bounded whatever the
 * capture's size. An interrupted thread stops the scan (cancellation). Not thread-safe.
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
  private java.util.function.ObjLongConsumer<PayloadKind> frameKinds;
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
  private final SctpMessages sctp = new SctpMessages();
  private final ArrayDeque<TraceMessage> queue = new ArrayDeque<>();
  private final MediaClassifier classifier = new MediaClassifier();
  private final FlowTable<Flow> flows = new FlowTable<>(MAX_FLOWS);
  /** The key {@link #flowKey} built last. */
  private final long[] k = new long[6];
  private long total;
  private long sipFrames;
  private long stun;
  private long rtp;
  private long rtcp;
  private long dtls;
  private long udptl;
  private long other;

  /** One direction of a UDP 5-tuple: its counts, and what the classifier knows about it. */
  private static final class Flow extends MediaClassifier.FlowState {
    final HostAndPort source;
    final HostAndPort destination;
    final long first;
    PayloadKind kind = PayloadKind.OTHER;
    long packets;
    long bytes;
    long last;

    Flow(HostAndPort source, HostAndPort destination, long first) {
      this.source = source;
      this.destination = destination;
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
    if (total == 1 && mediaSink != null) {
      mediaSink.captureStart(frame.epochNanos);
    }
    LinkDecoder link = decoder.link();
    if (!link.scan(frame)) {
      count(PayloadKind.OTHER, frame.number);
      return;
    }
    LinkDecoder.Layout l = link.layout();
    if (l.tcp) {
      long stunBefore = tcpStun;
      PayloadKind kind = tcp.feed(link.packet(), tcpSink);
      count(kind == PayloadKind.SIP || kind == PayloadKind.STUN && tcpStun > stunBefore ? kind : PayloadKind.OTHER,
          frame.number);
      return;
    }
    if (l.sctp) {
      count(sctp.feed(link.packet(), tcpSink) > 0 ? PayloadKind.SIP : PayloadKind.OTHER, frame.number);
      return;
    }
    PayloadKind content = PayloadClassifier.classify(l.buf, l.payloadOff, l.payloadLen);
    switch (content) {
      case SIP -> {
        count(PayloadKind.SIP, frame.number);
        Packet p = link.packet();
        queue.add(sip.parse(p, p.buffer(), p.payloadOffset(), p.payloadLength()));
      }
      case STUN -> {
        count(PayloadKind.STUN, frame.number);
        if (isBinding(l.buf, l.payloadOff)) {
          classifier.icePair(l.header, l.srcOff, l.dstOff, l.addrLen, l.srcPort, l.dstPort);
        }
        Packet p = link.packet();
        queue.add(stunPacket(p, p.buffer(), p.payloadOffset(), p.payloadLength()));
      }
      default -> media(link, l, content);
    }
  }

  /** Counts frame {@code number} as {@code kind} (ZRTP and TURN channel data count as other). */
  private void count(PayloadKind kind, long number) {
    if (kind == PayloadKind.RTP) { // the bulk of a capture: tested first, without a switch
      rtp++;
    } else {
      switch (kind) {
        case SIP -> sipFrames++;
        case STUN -> stun++;
        case RTCP -> rtcp++;
        case DTLS -> dtls++;
        case UDPTL -> udptl++;
        default -> other++;
      }
    }
    if (frameKinds != null) {
      frameKinds.accept(kind, number);
    }
  }

  /**
   * For tests that compare frame by frame: {@code tap} hears every frame's kind as it is counted; a
   * provisional packet the heuristic confirmed later is heard again as RTP.
   */
  void onFrameKind(java.util.function.ObjLongConsumer<PayloadKind> tap) {
    this.frameKinds = tap;
  }

  /** A binding request or success response (RFC 8489 §5): ICE's connectivity checks. */
  private static boolean isBinding(byte[] b, int off) {
    int type = ((b[off] & 0x3f) << 8) | (b[off + 1] & 0xff);
    return type == 0x0001 || type == 0x0101;
  }

  /**
   * A UDP payload that is neither SIP nor STUN: its flow decides with the classifier what it is;
   * RTP and RTCP go on to the stream collector. Allocates only for a flow's first packet.
   */
  private void media(LinkDecoder link, LinkDecoder.Layout l, PayloadKind content) {
    MediaClassifier.flowKey(l.header, l.srcOff, l.dstOff, l.addrLen, l.srcPort, l.dstPort, k);
    Flow f = flows.get(k[0], k[1], k[2], k[3], k[4], k[5]);
    if (f == null) {
      if (flows.size() >= MAX_FLOWS) {
        count(PayloadKind.OTHER, l.frame.number);
        return;
      }
      Packet p = link.packet();
      f = new Flow(p.sourceEndpoint(), p.destinationEndpoint(), l.frame.number);
      flows.add(k[0], k[1], k[2], k[3], k[4], k[5], f);
    }
    classifier.refresh(f, l.header, l.srcOff, l.dstOff, l.addrLen, l.srcPort, l.dstPort);
    PayloadKind kind = classifier.classify(f, content, l.buf, l.payloadOff, l.payloadLen, l.srcPort, l.dstPort,
        l.frame.epochNanos, l.frame.number);
    f.packets++;
    f.bytes += l.payloadLen;
    f.last = l.frame.number;
    if (f.kind == PayloadKind.OTHER) {
      f.kind = kind;
    }
    if (f.replay) {
      other--; // the provisional packet before this one was RTP too
      count(PayloadKind.RTP, f.probeFrame);
    }
    count(kind, l.frame.number);
    if (kind == PayloadKind.RTP || kind == PayloadKind.RTCP) {
      if (mediaSink != null) {
        mediaSink.media(link, f);
      }
      if (mediaTap != null) {
        mediaTap.accept(link.packet());
      }
    }
    f.replay = false;
  }

  /** A STUN message of {@code len} bytes at {@code buf[off]} (a whole message, header checked). */
  private static StunPacket stunPacket(Packet p, byte[] buf, int off, int len) {
    byte[] bytes = java.util.Arrays.copyOfRange(buf, off, off + len);
    return new StunPacket(p.frame().number(), p.frame().epochNanos(), p.transport(), p.sourceEndpoint(),
        p.destinationEndpoint(), ((bytes[0] & 0x3f) << 8) | (bytes[1] & 0xff), HexFormat.of().formatHex(bytes, 8, 20),
        bytes);
  }

  /**
   * Hands every UDP packet classified as RTP or RTCP to {@code tap} during the scan (e.g. an
   * {@link org.xphonediag.trace.rtp.RtpCollector}), so stream statistics need no second pass. The
   * first packet of a flow the heuristic confirmed only with its second one is not handed on (it is
   * gone by then); the collector's own way in ({@link #onMedia(org.xphonediag.trace.rtp.RtpCollector)})
   * counts it.
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
    this.mediaSink = MediaSinks.of(collector);
    return this;
  }

  /**
   * Teaches the scanner a negotiated RTP endpoint (its port, and port + 1 for RTCP): packets to or
   * from it are media by their first byte from now on, without the heuristic.
   */
  public TraceScanner learnMedia(MediaHint hint) {
    Objects.requireNonNull(hint, "hint");
    classifier.rtpEndpoint(hint.address(), hint.endpoint().port());
    classifier.rtpEndpoint(hint.address(), hint.endpoint().port() + 1);
    return this;
  }

  /**
   * Teaches the scanner the media an SDP negotiated (RFC 8866 §5.14): for every {@code m=} line with
   * a port, its connection address (media level, else session level) and UDP candidates (RFC 8839)
   * as RTP endpoints when the transport is RTP, as T.38 endpoints when it is {@code udptl}.
   */
  void learnSdp(SessionDescription sdp) {
    for (MediaDescription m : sdp.media()) {
      int port = m.port();
      if (port <= 0 || port > 65535) {
        continue;
      }
      String proto = m.proto().toUpperCase(java.util.Locale.ROOT);
      boolean rtpProto = proto.contains("RTP");
      boolean udptlProto = proto.equals("UDPTL");
      if (!rtpProto && !udptlProto) {
        continue;
      }
      Optional<IpAddress> ip = m.connection().or(sdp::connection).map(SdpConnection::address)
          .flatMap(a -> IpAddress.tryParse(a.split("/")[0]));
      if (udptlProto) {
        ip.ifPresent(a -> classifier.udptlEndpoint(a, port));
        for (SdpCandidate c : m.candidates()) {
          c.ipAddress().filter(a -> c.transport().equalsIgnoreCase("udp"))
              .ifPresent(a -> classifier.udptlEndpoint(a, c.port()));
        }
        continue;
      }
      ip.ifPresent(a -> {
        classifier.rtpEndpoint(a, port);
        classifier.rtpEndpoint(a, port + 1);
      });
      for (SdpCandidate c : m.candidates()) {
        c.ipAddress().filter(a -> c.transport().equalsIgnoreCase("udp"))
            .ifPresent(a -> classifier.rtpEndpoint(a, c.port()));
      }
    }
  }

  /** Frame counts so far (final once {@link #next()} returned empty). */
  public PacketCounts counts() {
    return new PacketCounts(total, sipFrames, stun, rtp, rtcp, dtls, other, tcp.gaps(), sip.unparsable(),
        decoder.fragments(), decoder.fragmentsIncomplete(), decoder.fragmentsOverlapping(), udptl,
        decoder.link().tunnelled(), decoder.link().sctpPackets(), reader.invalidTimestampCount());
  }

  /** The first frames (at most 10) with an impossible time stamp, read on and flagged. */
  public List<InvalidTimestamp> invalidTimestamps() {
    return reader.invalidTimestamps();
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
