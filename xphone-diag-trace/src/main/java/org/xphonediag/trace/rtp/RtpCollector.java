package org.xphonediag.trace.rtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.core.net.Transport;
import org.xphonediag.trace.Packet;
import org.xphonediag.trace.PayloadKind;
import org.xphonediag.trace.internal.ByteInput;
import org.xphonediag.trace.internal.FlowTable;
import org.xphonediag.trace.internal.LinkDecoder;
import org.xphonediag.trace.internal.MediaClassifier;
import org.xphonediag.trace.internal.MediaSink;
import org.xphonediag.trace.internal.MediaSinks;
import org.xphonediag.trace.internal.PayloadClassifier;
import org.xphonediag.trace.rtp.internal.MediaFindings;
import org.xphonediag.trace.rtp.internal.Mos;
import org.xphonediag.trace.rtp.internal.RtpHeaders;
import org.xphonediag.trace.rtp.internal.StreamState;

/**
 * One pass of the RTP stream analysis: feed it every decoded {@link Packet} of a capture in file
 * order, then call {@link #finish()}. Lets a caller that already reads the capture (the trace
 * analyser) add stream analysis to its own pass. A {@link org.xphonediag.trace.TraceScanner} feeds
 * it with {@link org.xphonediag.trace.TraceScanner#onMedia(RtpCollector)}, in place: the scanner
 * has decided which packets are RTP and RTCP, and the packets of streams already tracked are read
 * from the capture's buffer without a {@code Packet} each (internally). Packets fed
 * with {@link #accept(Packet)} are decided by the same rules here (negotiated endpoints from the
 * hints, ICE pairs from STUN bindings, else the strict heuristic; see {@code MediaClassifier}).
 * Memory is bounded by {@link RtpAnalyzer.Builder#maxStreams(int)}. Not thread-safe; obtain one
 * from {@link RtpAnalyzer#collector(List)}.
 */
public final class RtpCollector {
  static {
    MediaSinks.register(c -> c.sink);
  }

  // equals/hashCode written out: a record's generated ones go through method handles, which cost a
  // lot per packet before the JIT has compiled them, i.e. for most of a one-second trace run
  private record Endpoint(IpAddress address, int port) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Endpoint e && port == e.port && address.equals(e.address);
    }

    @Override
    public int hashCode() {
      return address.hashCode() * 31 + port;
    }
  }

  private record StreamKey(IpAddress src, int srcPort, IpAddress dst, int dstPort, long ssrc) {}

  private static final class Tracked {
    final StreamKey key;
    final int payloadType;
    final Optional<RtpCodec> codec;
    final MediaHint hint;
    final String identifiedBy;
    final StreamState state;
    /** The RFC 4733 telephone-event payload type of the hint's rtpmap, or -1. */
    final int eventType;
    final long firstFrame;
    /** The construction hints whose endpoint is this stream's destination and that were answered. */
    final int[] towardHints;
    long lastFrame;

    Tracked(StreamKey key, int payloadType, Optional<RtpCodec> codec, MediaHint hint, String identifiedBy, long frame,
        int[] towardHints) {
      this.key = key;
      this.payloadType = payloadType;
      this.codec = codec;
      this.hint = hint;
      this.identifiedBy = identifiedBy;
      this.state = new StreamState(codec.map(RtpCodec::clockRate).orElse(0));
      this.eventType = hint == null ? -1 : hint.payloadTypes().entrySet().stream()
          .filter(e -> e.getValue().name().equalsIgnoreCase("telephone-event") && e.getKey() != payloadType)
          .mapToInt(Map.Entry::getKey).findFirst().orElse(-1);
      this.firstFrame = frame;
      this.towardHints = towardHints;
    }
  }

  private static final class Far {
    long reporter;
    int fraction;
    int cumulative;
    long jitter;
    long reports;
  }

  private final RtpThresholds thresholds;
  private final int maxStreams;
  private final List<MediaHint> hints;
  private final Map<Endpoint, MediaHint> byEndpoint = new HashMap<>();
  private final long[] towardAfterAnswer;
  /** Per construction hint, its answer time in epoch nanos, or Long.MAX_VALUE when not answered. */
  private final long[] answerNanos;
  /** The streams, in the order they started, keyed by their addresses' bytes, ports and SSRC ({@link #key}). */
  private final FlowTable<Tracked> streams;
  /** The key {@link #key} built last. */
  private final long[] k = new long[6];
  private final Map<Long, Far> farEnd = new HashMap<>();
  /** For {@link #accept(Packet)}: the same rules the scanner applies, with flows of our own. */
  private final MediaClassifier classifier = new MediaClassifier();
  private final FlowTable<MediaClassifier.FlowState> flows;
  private final byte[] addresses = new byte[32];
  private long captureStart = Long.MIN_VALUE;
  private long rtp;
  private long rtcp;
  private long untracked;
  /** RTP packets {@link #media} read in place (for tests: that the fast way is taken at all). */
  private long inPlace;
  private boolean finished;
  /** The scanner's way in ({@link MediaSinks}): {@link #media} and {@link #captureStart}. */
  private final MediaSink sink = new MediaSink() {
    @Override
    public void media(LinkDecoder link, MediaClassifier.FlowState flow) {
      RtpCollector.this.media(link, flow);
    }

    @Override
    public void captureStart(long epochNanos) {
      RtpCollector.this.captureStart(epochNanos);
    }
  };

  RtpCollector(RtpThresholds thresholds, int maxStreams, List<MediaHint> hints) {
    this.thresholds = thresholds;
    this.maxStreams = maxStreams;
    this.hints = List.copyOf(hints);
    this.towardAfterAnswer = new long[this.hints.size()];
    this.answerNanos = new long[this.hints.size()];
    this.streams = new FlowTable<>(maxStreams);
    this.flows = new FlowTable<>(4 * maxStreams);
    for (int i = 0; i < answerNanos.length; i++) {
      MediaHint h = this.hints.get(i);
      answerNanos[i] = h.answeredAt().isPresent() ? toNanos(h) : Long.MAX_VALUE;
    }
    for (MediaHint h : this.hints) {
      byEndpoint.putIfAbsent(new Endpoint(h.address(), h.endpoint().port()), h);
      register(h);
    }
  }

  private void register(MediaHint h) {
    classifier.rtpEndpoint(h.address(), h.endpoint().port());
    classifier.rtpEndpoint(h.address(), h.endpoint().port() + 1);
  }

  /**
   * Adds a media endpoint learnt during the pass (e.g. from an SDP just read): streams that start
   * afterwards toward or from it are identified by it and take their codec from its rtpmap (RFC
   * 4733 telephone-event packets then count for loss but not for jitter). A later hint for the same
   * endpoint replaces an earlier one. Learnt hints do not take part in the one-way and no-RTP
   * judgement of {@link #finish()}: that needs the hints given at construction (or the caller's own
   * judgement once the calls are known).
   */
  public void learn(MediaHint hint) {
    Objects.requireNonNull(hint, "hint");
    Endpoint e = new Endpoint(hint.address(), hint.endpoint().port());
    if (!byEndpoint.containsKey(e) && byEndpoint.size() >= 4 * maxStreams) {
      return;
    }
    byEndpoint.put(e, hint);
    register(hint);
  }

  /** Sets the capture's start (the first frame's time) that stream times are relative to. */
  public void captureStart(long epochNanos) {
    if (captureStart == Long.MIN_VALUE) {
      captureStart = epochNanos;
    }
  }

  /**
   * Looks at one packet; it counts when it is RTP or RTCP over UDP by the rules the scanner applies
   * (negotiated endpoints of the hints, ICE pairs of the STUN bindings fed here, the strict
   * heuristic); anything else is ignored.
   */
  public void accept(Packet p) {
    Objects.requireNonNull(p, "packet");
    if (finished) {
      throw new IllegalStateException("accept after finish(): use a new collector per capture");
    }
    long arrival = p.frame().epochNanos();
    captureStart(arrival);
    byte[] b = p.buffer();
    int off = p.payloadOffset();
    int len = p.payloadLength();
    if (p.transport() != Transport.UDP) {
      return;
    }
    PayloadKind content = PayloadClassifier.classify(b, off, len);
    byte[] src = p.source().bytes();
    byte[] dst = p.destination().bytes();
    if (src.length != dst.length) {
      return;
    }
    System.arraycopy(src, 0, addresses, 0, src.length);
    System.arraycopy(dst, 0, addresses, 16, dst.length);
    if (content == PayloadKind.STUN) {
      int type = ((b[off] & 0x3f) << 8) | (b[off + 1] & 0xff);
      if (type == 0x0001 || type == 0x0101) {
        classifier.icePair(addresses, 0, 16, src.length, p.sourcePort(), p.destinationPort());
      }
      return;
    }
    if (content != PayloadKind.RTP && content != PayloadKind.RTCP) {
      return;
    }
    MediaClassifier.flowKey(addresses, 0, 16, src.length, p.sourcePort(), p.destinationPort(), k);
    MediaClassifier.FlowState f = flows.get(k[0], k[1], k[2], k[3], k[4], k[5]);
    if (f == null) {
      f = new MediaClassifier.FlowState();
      if (!flows.add(k[0], k[1], k[2], k[3], k[4], k[5], f)) {
        return;
      }
    }
    classifier.refresh(f, addresses, 0, 16, src.length, p.sourcePort(), p.destinationPort());
    PayloadKind kind = classifier.classify(f, content, b, off, len, p.sourcePort(), p.destinationPort(), arrival,
        p.frame().number());
    if (kind == PayloadKind.RTCP) {
      rtcp(b, off, len);
    } else if (kind == PayloadKind.RTP) {
      rtpPacket(p, f);
    }
    f.replay = false;
  }

  private void rtcp(byte[] b, int off, int len) {
    rtcp++;
    RtpHeaders.reports(b, off, len, this::report);
  }

  /** An RTP packet of flow {@code f} that is not read in place: its stream is looked up or started. */
  private void rtpPacket(Packet p, MediaClassifier.FlowState f) {
    byte[] b = p.buffer();
    int off = p.payloadOffset();
    long arrival = p.frame().epochNanos();
    int pt = RtpHeaders.payloadType(b, off);
    long ssrc = RtpHeaders.ssrc(b, off);
    byte[] source = p.source().bytes();
    byte[] destination = p.destination().bytes();
    key(source, 0, source.length, destination, 0, destination.length, p.sourcePort(), p.destinationPort(), ssrc);
    Tracked t = streams.get(k[0], k[1], k[2], k[3], k[4], k[5]);
    int packets = f.replay ? 2 : 1;
    if (t == null) {
      Endpoint dst = new Endpoint(p.destination(), p.destinationPort());
      if (streams.size() >= maxStreams) {
        untracked += packets;
        rtp += packets;
        int[] toward = towardHints(dst);
        if (f.replay) {
          countToward(toward, f.probeArrival);
        }
        countToward(toward, arrival);
        return;
      }
      MediaHint hint = byEndpoint.get(dst);
      if (hint == null) {
        hint = byEndpoint.get(new Endpoint(p.source(), p.sourcePort()));
      }
      int firstPt = f.replay ? f.probePayloadType : pt;
      Optional<RtpCodec> codec = hint != null ? hint.codec(firstPt) : RtpCodec.forStaticPayloadType(firstPt);
      String by = hint != null ? "sdp" : f.negotiated() == MediaClassifier.ICE ? "ice" : "heuristic";
      t = new Tracked(new StreamKey(p.source(), p.sourcePort(), p.destination(), p.destinationPort(), ssrc), firstPt,
          codec, hint, by, f.replay ? f.probeFrame : p.frame().number(), towardHints(dst));
      streams.add(k[0], k[1], k[2], k[3], k[4], k[5], t);
    }
    if (f.replay) {
      rtp++;
      add(t, f.probeSeq, f.probeTimestamp, f.probePayloadType, f.probeMarker, f.probeArrival, f.probeFrame);
    }
    rtp++;
    add(t, RtpHeaders.sequence(b, off), RtpHeaders.timestamp(b, off), pt, RtpHeaders.marker(b, off), arrival,
        p.frame().number());
  }

  /** Counts an RTP packet of {@code t}. */
  private void add(Tracked t, int seq, long timestamp, int pt, boolean marker, long arrival, long frame) {
    countToward(t.towardHints, arrival);
    t.lastFrame = frame;
    t.state.add(seq, timestamp, arrival, pt != t.eventType, marker, pt);
  }

  /** Counts a packet toward the construction hints at {@code toward} that were answered by {@code arrival}. */
  private void countToward(int[] toward, long arrival) {
    for (int i : toward) {
      if (arrival >= answerNanos[i]) {
        towardAfterAnswer[i]++;
      }
    }
  }

  /**
   * Sets {@link #k} to a stream's key: each address (4 or 16 bytes) as two words, the ports and SSRC,
   * and the two address lengths, so that no two different streams share a key.
   */
  private void key(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen, int srcPort, int dstPort,
      long ssrc) {
    k[0] = srcLen == 4 ? ByteInput.u32(src, srcOff, false) : FlowTable.u64(src, srcOff);
    k[1] = srcLen == 4 ? 0 : FlowTable.u64(src, srcOff + 8);
    k[2] = dstLen == 4 ? ByteInput.u32(dst, dstOff, false) : FlowTable.u64(dst, dstOff);
    k[3] = dstLen == 4 ? 0 : FlowTable.u64(dst, dstOff + 8);
    k[4] = ((long) srcPort << 16 | dstPort) << 32 | ssrc;
    k[5] = srcLen << 8 | dstLen;
  }

  /**
   * The scanner's way in ({@link org.xphonediag.trace.TraceScanner#onMedia(RtpCollector)}): a packet
   * the scanner's classifier decided is RTP or RTCP. The packet of a stream already tracked is read
   * where it lies, without a {@link Packet}; anything else (RTCP, a new stream, a flow the heuristic
   * just confirmed) builds the packet.
   */
  void media(LinkDecoder link, MediaClassifier.FlowState flow) {
    if (finished) {
      throw new IllegalStateException("accept after finish(): use a new collector per capture");
    }
    LinkDecoder.Layout l = link.layout();
    byte[] b = l.buf;
    int off = l.payloadOff;
    int len = l.payloadLen;
    long arrival = l.frame.epochNanos;
    captureStart(arrival);
    if (RtpHeaders.rtcp(b, off, len)) {
      rtcp(b, off, len);
      return;
    }
    if (!flow.replay) {
      key(l.header, l.srcOff, l.addrLen, l.header, l.dstOff, l.addrLen, l.srcPort, l.dstPort, RtpHeaders.ssrc(b, off));
      Tracked t = streams.get(k[0], k[1], k[2], k[3], k[4], k[5]);
      if (t != null) {
        rtp++;
        inPlace++;
        add(t, RtpHeaders.sequence(b, off), RtpHeaders.timestamp(b, off), RtpHeaders.payloadType(b, off),
            RtpHeaders.marker(b, off), arrival, l.frame.number);
        return;
      }
    }
    rtpPacket(link.packet(), flow);
  }

  /** How many RTP packets were read in place by {@link #media}, without a {@link Packet}. */
  long inPlacePackets() {
    return inPlace;
  }

  private int[] towardHints(Endpoint dst) {
    int[] out = new int[hints.size()];
    int n = 0;
    for (int i = 0; i < hints.size(); i++) {
      MediaHint h = hints.get(i);
      if (h.endpoint().port() == dst.port() && h.address().equals(dst.address()) && h.answeredAt().isPresent()) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static long toNanos(MediaHint h) {
    java.time.Instant i = h.answeredAt().orElseThrow();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private void report(long reporter, long reportee, int fraction, int cumulative, long jitter) {
    Far f = farEnd.get(reportee);
    if (f == null) {
      if (farEnd.size() >= 4 * maxStreams) {
        return;
      }
      f = new Far();
      farEnd.put(reportee, f);
    }
    f.reporter = reporter;
    f.fraction = fraction;
    f.cumulative = cumulative;
    f.jitter = jitter;
    f.reports++;
  }

  /** Ends the pass and returns the streams and findings. */
  public RtpAnalysis finish() {
    finished = true;
    List<RtpStream> out = new ArrayList<>(streams.size());
    for (Tracked t : streams.values()) {
      StreamState s = t.state;
      if (t.hint == null && s.packets() < 2) {
        continue;
      }
      s.finish();
      StreamKey k = t.key;
      double loss = s.expected() == 0 ? 0 : 100.0 * s.lost() / s.expected();
      Far f = farEnd.get(k.ssrc());
      Optional<RtcpReport> far = f == null ? Optional.empty() : Optional.of(new RtcpReport(f.reporter,
          f.fraction / 256.0, f.cumulative, s.clockRate() > 0 ? f.jitter * 1000.0 / s.clockRate() : -1, f.reports));
      out.add(new RtpStream(t.hint == null ? 0 : t.hint.call(), t.identifiedBy,
          new HostAndPort(k.src().toString(), k.srcPort()), new HostAndPort(k.dst().toString(), k.dstPort()),
          k.ssrc(), t.payloadType, t.codec, s.packets(), s.expected(), s.lost(), s.lossBursts(), s.maxBurst(),
          s.duplicates(), s.reordered(), s.maxJitterMs(), s.meanJitterMs(), s.maxDeltaMs(),
          (s.firstNanos() - captureStart) / 1e6, (s.lastNanos() - captureStart) / 1e6, t.firstFrame, t.lastFrame,
          s.firstNanos(), s.lastNanos(),
          Mos.estimate(loss, s.meanJitterMs(), t.codec.map(RtpCodec::name).orElse("")), far, s.inOrder()));
    }
    return new RtpAnalysis(out, MediaFindings.of(out, hints, towardAfterAnswer, thresholds), rtp, rtcp, untracked);
  }
}
