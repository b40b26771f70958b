package org.xphonediag.trace.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.sip.SdpAnalyzer;
import org.xphonediag.sip.SdpRole;
import org.xphonediag.sip.sdp.SdpFormatException;
import org.xphonediag.sip.sdp.SdpParser;
import org.xphonediag.sip.sdp.SessionDescription;
import org.xphonediag.trace.BindingDirection;
import org.xphonediag.trace.CallLeg;
import org.xphonediag.trace.CallStream;
import org.xphonediag.trace.MediaFlow;
import org.xphonediag.trace.PayloadKind;
import org.xphonediag.trace.SipMessage;
import org.xphonediag.trace.StunPacket;
import org.xphonediag.trace.TraceAnalysis;
import org.xphonediag.trace.rtp.MediaDirection;
import org.xphonediag.trace.rtp.MediaHint;
import org.xphonediag.trace.rtp.MediaHints;
import org.xphonediag.trace.rtp.RtpAnalysis;
import org.xphonediag.trace.rtp.RtpStream;

/**
 * Ties the RTP streams of a trace to its calls and judges each answered call's media (docs/field-guide.md#media,
 * §6, §7; ARCHITECTURE.md "RTP streams"). A side's media endpoints are its SDP connection address
 * with the audio port, its UDP RTP candidates, and the endpoints a successful binding showed: on a
 * NAT path the connection address is private and only the pair the bindings confirmed is where
 * the media really goes. A stream belongs to the call and side it is sent to (else the one it is
 * sent from); with several matches, to the call whose SDP came last before the stream began.
 * Other legs (leg 2 toward the gateway, plain SIP calls) are matched by their own offer and answer
 * SDPs, sides named by origin ({@code xcc}, {@code client}) or {@code caller}/{@code callee}.
 * After a leg's first offer and answer, later SDPs of the leg (re-INVITEs and their answers) add
 * their RTP endpoints to the side that sent them, and a side counts as {@code sendrecv} only while
 * all its SDPs say so (a hold is intended). T.38 ({@code m=image ... udptl}) is no RTP: the scanner
 * counts it apart and it adds no endpoint here.
 *
 * <p>Per leg answered with a 2xx whose both SDPs are known, media is expected from {@code start},
 * the later of the answer and the first binding success. It is judged only when the capture (up to
 * the last SIP, STUN or RTP packet, or an earlier BYE) covers at least the media timeout after
 * {@code start}; so a capture stopped right after the answer yields no finding. {@code
 * media.no-rtp}: bindings succeeded and no RTP of the call in either direction within the timeout
 * after {@code start} (a call without binding requests is not judged: without ICE the media
 * interface may simply not be in the capture). {@code media.one-way-audio}: both sides {@code
 * sendrecv}, RTP after the answer toward one side and none toward the other. Stateless.
 */
final class CallStreams {
  private static final int MAX_EVIDENCE = 10;

  /** The streams as {@code data.streams} entries and the call findings. */
  record Result(List<CallStream> streams, List<Finding> findings, int linked) {}

  /** One side of a leg's media: its name, endpoints and direction attribute. */
  private static final class Side {
    final String name;
    final Set<String> endpoints = new LinkedHashSet<>();
    final List<String> confirmed = new ArrayList<>();
    final List<RtpStream> toward = new ArrayList<>();
    MediaDirection direction = MediaDirection.SENDRECV;

    Side(String name) {
      this.name = name;
    }
  }

  /** What one leg's media should look like: side a (the offerer, the client on leg 1) and side b. */
  private static final class LegMedia {
    final int call;
    final Optional<CallLeg> leg;
    final Side a;
    final Side b;
    boolean bothSdps;
    long sdpNanos = Long.MAX_VALUE;
    long answerNanos = -1;
    long answerFrame = -1;
    long byeNanos = Long.MAX_VALUE;
    int bindingRequests;
    long firstSuccessNanos = Long.MAX_VALUE;
    long firstSuccessFrame = -1;

    LegMedia(int call, Optional<CallLeg> leg, String a, String b) {
      this.call = call;
      this.leg = leg;
      this.a = new Side(a);
      this.b = new Side(b);
    }

    /** The side a stream goes to: by its destination, else by its source; null when neither is known. */
    Side toward(String src, String dst) {
      if (b.endpoints.contains(dst)) {
        return b;
      }
      if (a.endpoints.contains(dst)) {
        return a;
      }
      if (a.endpoints.contains(src)) {
        return b;
      }
      return b.endpoints.contains(src) ? a : null;
    }

    Side other(Side s) {
      return s == a ? b : a;
    }

    String direction(Side to) {
      return other(to).name + "-to-" + to.name;
    }
  }

  private CallStreams() {}

  /** Links the streams of {@code rtp} to the legs of {@code calls} (and other legs) and judges them. */
  static Result of(TraceAnalysis a, List<CallSdp> calls, Bindings bindings, RtpAnalysis rtp, Duration timeout) {
    List<LegMedia> media = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (CallSdp c : calls) {
      LegMedia m = media(a, c, bindings);
      media.add(m);
      m.leg.ifPresent(l -> done.add(l.callId()));
    }
    SdpParser parser = SdpParser.defaults();
    SdpAnalyzer roles = SdpAnalyzer.defaults();
    for (CallLeg l : a.legs()) {
      if (!done.contains(l.callId())) {
        otherLeg(l, parser, roles).ifPresent(media::add);
      }
    }
    List<CallStream> out = new ArrayList<>();
    int linked = 0;
    long end = Long.MIN_VALUE;
    for (CallLeg l : a.legs()) {
      for (SipMessage m : l.messages()) {
        end = Math.max(end, m.epochNanos());
      }
    }
    for (StunPacket p : a.stunPackets()) {
      end = Math.max(end, p.epochNanos());
    }
    for (RtpStream s : rtp.streams()) {
      end = Math.max(end, s.lastEpochNanos());
      String src = CallSdp.endpoint(s.source());
      String dst = CallSdp.endpoint(s.destination());
      LegMedia best = null;
      Side bestSide = null;
      for (LegMedia m : media) {
        Side to = m.toward(src, dst);
        if (to != null && (best == null || m.sdpNanos <= s.firstEpochNanos()
            && (best.sdpNanos > s.firstEpochNanos() || m.sdpNanos > best.sdpNanos))) {
          best = m;
          bestSide = to;
        }
      }
      if (best == null) {
        out.add(new CallStream(OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), s));
        continue;
      }
      linked++;
      bestSide.toward.add(s);
      out.add(new CallStream(OptionalInt.of(best.call), best.leg.map(CallLeg::role), best.leg.map(CallLeg::callId),
          Optional.of(best.direction(bestSide)), s));
    }
    List<Finding> findings = new ArrayList<>();
    for (LegMedia m : media) {
      judge(m, end, timeout.toNanos(), a.mediaFlows(), findings);
    }
    return new Result(out, findings, linked);
  }

  /** Leg 1 (or whichever leg carried the client's and the XCC's SDP) with the bindings' pairs. */
  private static LegMedia media(TraceAnalysis a, CallSdp c, Bindings bindings) {
    Optional<SipMessage> carrier = c.client().or(c::xcc).map(CallSdp.Side::message);
    Optional<CallLeg> leg = carrier.flatMap(msg -> a.legs().stream().filter(l -> l.call() == c.call()
        && l.callId().equals(msg.callId())).findFirst());
    LegMedia m = new LegMedia(c.call(), leg, "client", "xcc");
    m.bothSdps = c.client().isPresent() && c.xcc().isPresent();
    c.client().ifPresent(s -> sdp(m, m.a, s.sdp(), s.message()));
    c.xcc().ifPresent(s -> sdp(m, m.b, s.sdp(), s.message()));
    for (Bindings.Pair p : bindings.pairs(c.call())) {
      m.bindingRequests += p.requests;
      if (p.successes == 0) {
        continue;
      }
      if (p.firstSuccessNanos < m.firstSuccessNanos) {
        m.firstSuccessNanos = p.firstSuccessNanos;
        m.firstSuccessFrame = p.firstSuccessFrame;
      }
      String src = CallSdp.endpoint(p.source);
      String dst = CallSdp.endpoint(p.destination);
      if (p.direction == BindingDirection.CLIENT_TO_XCC) {
        confirm(m.a, src);
        confirm(m.b, dst);
      } else if (p.direction == BindingDirection.XCC_TO_CLIENT) {
        confirm(m.b, src);
        confirm(m.a, dst);
      }
    }
    leg.ifPresent(l -> {
      answer(m, l);
      follow(m, l, c.client().map(CallSdp.Side::message), c.xcc().map(CallSdp.Side::message),
          SdpParser.defaults());
    });
    return m;
  }

  /**
   * The leg's SDPs after the first offer ({@code first}) and answer ({@code second}): each adds its
   * RTP endpoints to the side whose address sent it (offerer's first, else the answerer's) and makes
   * that side's direction the non-sendrecv one when it is (RFC 3264 §8: a re-offer can move or hold
   * the media).
   */
  private static void follow(LegMedia m, CallLeg l, Optional<SipMessage> first, Optional<SipMessage> second,
      SdpParser parser) {
    for (SipMessage msg : l.messages()) {
      if (msg.sdp().isEmpty() || first.map(f -> f == msg).orElse(false) || second.map(f -> f == msg).orElse(false)) {
        continue;
      }
      Side side = sender(m, msg, first, second);
      if (side == null) {
        continue;
      }
      SessionDescription sdp;
      try {
        sdp = parser.parse(msg.sdp().get(), "frame " + msg.frame());
      } catch (SdpFormatException e) {
        continue;
      }
      for (MediaHint h : MediaHints.withCandidates(0, sdp, Optional.empty())) {
        side.endpoints.add(CallSdp.endpoint(h.endpoint()));
        if (h.direction() != MediaDirection.SENDRECV) {
          side.direction = h.direction();
        }
      }
    }
  }

  /**
   * The side that sent {@code msg}: the one whose first SDP came from the same address and port, else
   * (a new connection or port) the one whose first SDP came from the same host when only one did
   * (on loopback both sides share the host); null when it cannot be told.
   */
  private static Side sender(LegMedia m, SipMessage msg, Optional<SipMessage> first, Optional<SipMessage> second) {
    if (first.map(f -> f.source().equals(msg.source())).orElse(false)) {
      return m.a;
    }
    if (second.map(f -> f.source().equals(msg.source())).orElse(false)) {
      return m.b;
    }
    boolean a = first.map(f -> f.source().host().equals(msg.source().host())).orElse(false);
    boolean b = second.map(f -> f.source().host().equals(msg.source().host())).orElse(false);
    return a == b ? null : a ? m.a : m.b;
  }

  /**
   * Another leg (leg 2 toward the gateway or a phone, or a plain SIP call): its offer (the first
   * request SDP) and answer (the first SDP of a response to the INVITE), sides named by the SDP
   * origin ({@code xcc}, {@code client}) or else {@code caller} and {@code callee}.
   */
  private static Optional<LegMedia> otherLeg(CallLeg l, SdpParser parser, SdpAnalyzer roles) {
    SipMessage offerMsg = null;
    SipMessage answerMsg = null;
    SessionDescription offer = null;
    SessionDescription answer = null;
    for (SipMessage m : l.messages()) {
      boolean wanted = m.request() ? offer == null : answer == null && m.method().equals("INVITE")
          && m.statusCode() >= 180 && m.statusCode() < 300;
      if (!wanted || m.sdp().isEmpty()) {
        continue;
      }
      SessionDescription sdp;
      try {
        sdp = parser.parse(m.sdp().get(), "frame " + m.frame());
      } catch (SdpFormatException e) {
        continue;
      }
      if (m.request()) {
        offer = sdp;
        offerMsg = m;
      } else {
        answer = sdp;
        answerMsg = m;
      }
    }
    if (offer == null || answer == null) {
      return Optional.empty();
    }
    String a = name(roles.roleOf(offer.origin().username()), "caller");
    String b = name(roles.roleOf(answer.origin().username()), "callee");
    LegMedia m = new LegMedia(l.call(), Optional.of(l), a, a.equals(b) ? "callee" : b);
    m.bothSdps = true;
    sdp(m, m.a, offer, offerMsg);
    sdp(m, m.b, answer, answerMsg);
    answer(m, l);
    follow(m, l, Optional.of(offerMsg), Optional.of(answerMsg), parser);
    return Optional.of(m);
  }

  private static String name(SdpRole role, String otherwise) {
    return role == SdpRole.XCC ? "xcc" : role == SdpRole.CLIENT ? "client" : otherwise;
  }

  private static void answer(LegMedia m, CallLeg l) {
    l.finalResponse().filter(r -> r.statusCode() >= 200 && r.statusCode() < 300).ifPresent(r -> {
      m.answerNanos = r.epochNanos();
      m.answerFrame = r.frame();
    });
    if (m.answerNanos >= 0) {
      l.messages().stream().filter(x -> x.request() && x.method().equals("BYE") && x.epochNanos() >= m.answerNanos)
          .findFirst().ifPresent(bye -> m.byeNanos = bye.epochNanos());
    }
  }

  /** Adds one side's SDP endpoints (connection address, UDP RTP candidates) and direction. */
  private static void sdp(LegMedia m, Side side, SessionDescription sdp, SipMessage carrier) {
    List<MediaHint> hints = MediaHints.withCandidates(0, sdp, Optional.empty());
    for (MediaHint h : hints) {
      side.endpoints.add(CallSdp.endpoint(h.endpoint()));
    }
    side.direction = hints.isEmpty() ? MediaDirection.SENDRECV : hints.get(0).direction();
    m.sdpNanos = Math.min(m.sdpNanos, carrier.epochNanos());
  }

  private static void confirm(Side side, String endpoint) {
    side.endpoints.add(endpoint);
    if (!side.confirmed.contains(endpoint)) {
      side.confirmed.add(endpoint);
    }
  }

  private static void judge(LegMedia m, long captureEnd, long timeout, List<MediaFlow> flows, List<Finding> out) {
    if (m.answerNanos < 0 || !m.bothSdps) {
      return;
    }
    boolean succeeded = m.firstSuccessFrame >= 0;
    if (m.bindingRequests > 0 && !succeeded) {
      return; // media.no-binding-success says it already
    }
    long start = succeeded ? Math.max(m.answerNanos, m.firstSuccessNanos) : m.answerNanos;
    long end = Math.min(captureEnd, m.byeNanos);
    if (end - start < timeout) {
      return; // the capture does not show long enough after the start to say
    }
    int call = m.call;
    String answered = Instant.ofEpochSecond(0, m.answerNanos).toString();
    List<RtpStream> all = new ArrayList<>(m.a.toward);
    all.addAll(m.b.toward);
    boolean anySends = m.a.direction.sends() || m.b.direction.sends();
    boolean inWindow = all.stream().anyMatch(s -> s.lastEpochNanos() >= start && s.firstEpochNanos() <= start + timeout);
    if (succeeded && anySends && !inWindow) {
      Optional<RtpStream> late = all.stream().filter(s -> s.lastEpochNanos() >= start)
          .min((x, y) -> Long.compare(x.firstEpochNanos(), y.firstEpochNanos()));
      long dtls = dtls(m, flows);
      Finding.Builder f = FindingCatalog.MEDIA_NO_RTP.finding(String.format(Locale.ROOT,
          "call %d: RTP must follow within %d ms of the answer (frame %d) and the first binding success (frame %d)"
              + " but %s; bindings confirmed %s %s, %s %s; %d DTLS packets between them (%s)", call,
          timeout / 1_000_000, m.answerFrame,
          m.firstSuccessFrame, late.map(s -> String.format(Locale.ROOT, "the first RTP came %d ms later (frame %d)",
              (s.firstEpochNanos() - start) / 1_000_000, s.firstFrame())).orElse("none was captured in either"
              + " direction"), m.a.name, m.a.confirmed, m.b.name, m.b.confirmed, dtls, dtls > 0
              ? "the DTLS handshake ran: look at SRTP keying and at RTP on the firewall"
              : "no DTLS either: look at DTLS and RTP on the firewall"))
          .evidence("call", call).evidence("answerFrame", m.answerFrame).evidence("answeredAt", answered)
          .evidence("firstSuccessFrame", m.firstSuccessFrame).evidence("timeoutMs", timeout / 1_000_000)
          .evidence("dtlsPackets", dtls)
          .evidence(m.a.name + "Endpoints", limit(m.a.confirmed)).evidence(m.b.name + "Endpoints", limit(m.b.confirmed));
      m.leg.ifPresent(l -> f.evidence("callId", l.callId()));
      late.ifPresent(s -> f.evidence("firstRtpFrame", s.firstFrame()));
      out.add(f.build());
      return;
    }
    if (m.a.direction != MediaDirection.SENDRECV || m.b.direction != MediaDirection.SENDRECV) {
      return; // hold or a one-way direction: intended
    }
    List<RtpStream> toA = afterAnswer(m.a.toward, m.answerNanos);
    List<RtpStream> toB = afterAnswer(m.b.toward, m.answerNanos);
    if (toA.isEmpty() == toB.isEmpty()) {
      return;
    }
    Side silent = toA.isEmpty() ? m.a : m.b;
    Side heard = m.other(silent);
    List<RtpStream> present = toA.isEmpty() ? toB : toA;
    List<String> toward = limit(silent.confirmed.isEmpty() ? new ArrayList<>(silent.endpoints) : silent.confirmed);
    long packets = present.stream().mapToLong(RtpStream::packets).sum();
    RtpStream first = present.get(0);
    Finding.Builder f = FindingCatalog.MEDIA_ONE_WAY_AUDIO.finding(String.format(Locale.ROOT,
        "call %d: RTP must flow both ways in a sendrecv call but none went %s (toward %s) after the answer in"
            + " frame %d, while %d packets went %s (%s -> %s, frames %d..%d)", call, m.direction(silent), toward,
        m.answerFrame, packets, m.direction(heard), first.source(), first.destination(), first.firstFrame(),
        first.lastFrame()))
        .evidence("call", call).evidence("answerFrame", m.answerFrame).evidence("answeredAt", answered)
        .evidence("missingDirection", m.direction(silent)).evidence("missingToward", toward)
        .evidence("presentDirection", m.direction(heard)).evidence("packetsOtherWay", packets)
        .evidence("presentStreams", present.stream().limit(MAX_EVIDENCE)
            .map(s -> s.source() + " -> " + s.destination() + " ssrc " + s.ssrcHex()).toList())
        .evidence("presentFrames", List.of(first.firstFrame(), first.lastFrame()));
    m.leg.ifPresent(l -> f.evidence("callId", l.callId()).evidence("leg", l.role()));
    if (succeeded) {
      f.evidence("firstSuccessFrame", m.firstSuccessFrame);
    }
    out.add(f.build());
  }

  /** DTLS packets (RFC 7983 first byte 20..63) between the two sides' endpoints, either way. */
  private static long dtls(LegMedia m, List<MediaFlow> flows) {
    long n = 0;
    for (MediaFlow f : flows) {
      if (f.kind() != PayloadKind.DTLS) {
        continue;
      }
      String src = CallSdp.endpoint(f.source());
      String dst = CallSdp.endpoint(f.destination());
      if (m.a.endpoints.contains(src) && m.b.endpoints.contains(dst)
          || m.b.endpoints.contains(src) && m.a.endpoints.contains(dst)) {
        n += f.packets();
      }
    }
    return n;
  }

  private static List<RtpStream> afterAnswer(List<RtpStream> streams, long answer) {
    return streams.stream().filter(s -> s.lastEpochNanos() >= answer).toList();
  }

  private static List<String> limit(List<String> l) {
    return List.copyOf(l.subList(0, Math.min(MAX_EVIDENCE, l.size())));
  }
}
