package org.xphonediag.trace.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.trace.CallLeg;
import org.xphonediag.trace.SipMessage;
import org.xphonediag.trace.StunPacket;
import org.xphonediag.trace.TraceAnalysis;
import org.xphonediag.trace.rtp.MediaDirection;
import org.xphonediag.trace.rtp.MediaHint;
import org.xphonediag.trace.rtp.MediaHints;
import org.xphonediag.trace.rtp.RtpAnalysis;
import org.xphonediag.trace.rtp.RtpStream;

/**
 * Ties the RTP streams of a trace to its calls and judges each answered call's media (DOMAIN §5,
 * §6, §7; ARCHITECTURE.md "RTP streams"). A side's media endpoints are its SDP connection address
 * with the audio port, its UDP RTP candidates, and the endpoints a successful binding showed: on a
 * NAT path the connection address is private and only the pair the bindings confirmed is where
 * the media really goes. A stream belongs to the call and side it is sent to (else the one it is
 * sent from); with several matches, to the call whose SDP came last before the stream began.
 *
 * <p>Per call answered with a 2xx whose both SDPs are known, media is expected from {@code start},
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
  record Result(List<Details> streams, List<Finding> findings, int linked) {}

  private enum Way {
    TO_XCC("client-to-xcc"), TO_CLIENT("xcc-to-client");

    final String json;

    Way(String json) {
      this.json = json;
    }
  }

  /** What one call's media should look like. */
  private static final class CallMedia {
    final CallSdp sdp;
    final Optional<CallLeg> leg;
    final Set<String> client = new LinkedHashSet<>();
    final Set<String> xcc = new LinkedHashSet<>();
    final List<String> confirmedClient = new ArrayList<>();
    final List<String> confirmedXcc = new ArrayList<>();
    final List<RtpStream> toXcc = new ArrayList<>();
    final List<RtpStream> toClient = new ArrayList<>();
    MediaDirection clientDirection = MediaDirection.SENDRECV;
    MediaDirection xccDirection = MediaDirection.SENDRECV;
    long sdpNanos = Long.MAX_VALUE;
    long answerNanos = -1;
    long answerFrame = -1;
    long byeNanos = Long.MAX_VALUE;
    int bindingRequests;
    long firstSuccessNanos = Long.MAX_VALUE;
    long firstSuccessFrame = -1;

    CallMedia(CallSdp sdp, Optional<CallLeg> leg) {
      this.sdp = sdp;
      this.leg = leg;
    }

    Optional<Way> way(String src, String dst) {
      if (xcc.contains(dst)) {
        return Optional.of(Way.TO_XCC);
      }
      if (client.contains(dst)) {
        return Optional.of(Way.TO_CLIENT);
      }
      if (client.contains(src)) {
        return Optional.of(Way.TO_XCC);
      }
      return xcc.contains(src) ? Optional.of(Way.TO_CLIENT) : Optional.empty();
    }
  }

  private CallStreams() {}

  /** Links the streams of {@code rtp} to {@code calls} and judges the answered calls. */
  static Result of(TraceAnalysis a, List<CallSdp> calls, Bindings bindings, RtpAnalysis rtp, Duration timeout) {
    List<CallMedia> media = new ArrayList<>();
    for (CallSdp c : calls) {
      media.add(media(a, c, bindings));
    }
    List<Details> out = new ArrayList<>();
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
      CallMedia best = null;
      Way bestWay = null;
      for (CallMedia m : media) {
        Optional<Way> w = m.way(src, dst);
        if (w.isPresent() && (best == null || m.sdpNanos <= s.firstEpochNanos()
            && (best.sdpNanos > s.firstEpochNanos() || m.sdpNanos > best.sdpNanos))) {
          best = m;
          bestWay = w.get();
        }
      }
      if (best == null) {
        out.add(s.toDetails());
        continue;
      }
      linked++;
      (bestWay == Way.TO_XCC ? best.toXcc : best.toClient).add(s);
      Details.Builder d = Details.builder().put("call", best.sdp.call());
      best.leg.ifPresent(l -> d.put("leg", l.role()).put("callId", l.callId()));
      out.add(d.put("direction", bestWay.json).putAll(s.toDetails()).build());
    }
    List<Finding> findings = new ArrayList<>();
    for (CallMedia m : media) {
      judge(m, end, timeout.toNanos(), findings);
    }
    return new Result(out, findings, linked);
  }

  private static CallMedia media(TraceAnalysis a, CallSdp c, Bindings bindings) {
    Optional<SipMessage> carrier = c.client().or(c::xcc).map(CallSdp.Side::message);
    Optional<CallLeg> leg = carrier.flatMap(msg -> a.legs().stream().filter(l -> l.call() == c.call()
        && l.callId().equals(msg.callId())).findFirst());
    CallMedia m = new CallMedia(c, leg);
    c.client().ifPresent(s -> {
      m.clientDirection = side(s, m.client);
      m.sdpNanos = Math.min(m.sdpNanos, s.message().epochNanos());
    });
    c.xcc().ifPresent(s -> {
      m.xccDirection = side(s, m.xcc);
      m.sdpNanos = Math.min(m.sdpNanos, s.message().epochNanos());
    });
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
      if (p.direction == Bindings.Direction.CLIENT_TO_XCC) {
        confirm(m.client, m.confirmedClient, src);
        confirm(m.xcc, m.confirmedXcc, dst);
      } else if (p.direction == Bindings.Direction.XCC_TO_CLIENT) {
        confirm(m.xcc, m.confirmedXcc, src);
        confirm(m.client, m.confirmedClient, dst);
      }
    }
    leg.ifPresent(l -> {
      l.finalResponse().filter(r -> r.statusCode() >= 200 && r.statusCode() < 300).ifPresent(r -> {
        m.answerNanos = r.epochNanos();
        m.answerFrame = r.frame();
      });
      if (m.answerNanos >= 0) {
        l.messages().stream().filter(x -> x.request() && x.method().equals("BYE") && x.epochNanos() >= m.answerNanos)
            .findFirst().ifPresent(bye -> m.byeNanos = bye.epochNanos());
      }
    });
    return m;
  }

  private static void confirm(Set<String> endpoints, List<String> confirmed, String endpoint) {
    endpoints.add(endpoint);
    if (!confirmed.contains(endpoint)) {
      confirmed.add(endpoint);
    }
  }

  /** Adds the side's SDP endpoints to {@code into} and returns its direction (first audio section). */
  private static MediaDirection side(CallSdp.Side s, Set<String> into) {
    List<MediaHint> hints = MediaHints.withCandidates(0, s.sdp(), Optional.empty());
    for (MediaHint h : hints) {
      into.add(CallSdp.endpoint(h.endpoint()));
    }
    return hints.isEmpty() ? MediaDirection.SENDRECV : hints.get(0).direction();
  }

  private static void judge(CallMedia m, long captureEnd, long timeout, List<Finding> out) {
    if (m.answerNanos < 0 || m.sdp.client().isEmpty() || m.sdp.xcc().isEmpty()) {
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
    int call = m.sdp.call();
    String answered = Instant.ofEpochSecond(0, m.answerNanos).toString();
    List<RtpStream> all = new ArrayList<>(m.toXcc);
    all.addAll(m.toClient);
    boolean anySends = m.clientDirection.sends() || m.xccDirection.sends();
    boolean inWindow = all.stream().anyMatch(s -> s.lastEpochNanos() >= start && s.firstEpochNanos() <= start + timeout);
    if (succeeded && anySends && !inWindow) {
      Optional<RtpStream> late = all.stream().filter(s -> s.lastEpochNanos() >= start)
          .min((x, y) -> Long.compare(x.firstEpochNanos(), y.firstEpochNanos()));
      Finding.Builder f = FindingCatalog.MEDIA_NO_RTP.finding(String.format(Locale.ROOT,
          "call %d: RTP must follow within %d ms of the answer (frame %d) and the first binding success (frame %d)"
              + " but %s; bindings confirmed client %s, XCC %s", call, timeout / 1_000_000, m.answerFrame,
          m.firstSuccessFrame, late.map(s -> String.format(Locale.ROOT, "the first RTP came %d ms later (frame %d)",
              (s.firstEpochNanos() - start) / 1_000_000, s.firstFrame())).orElse("none was captured in either"
              + " direction"), m.confirmedClient, m.confirmedXcc))
          .evidence("call", call).evidence("answerFrame", m.answerFrame).evidence("answeredAt", answered)
          .evidence("firstSuccessFrame", m.firstSuccessFrame).evidence("timeoutMs", timeout / 1_000_000)
          .evidence("clientEndpoints", limit(m.confirmedClient)).evidence("xccEndpoints", limit(m.confirmedXcc));
      m.leg.ifPresent(l -> f.evidence("callId", l.callId()));
      late.ifPresent(s -> f.evidence("firstRtpFrame", s.firstFrame()));
      out.add(f.build());
      return;
    }
    if (m.clientDirection != MediaDirection.SENDRECV || m.xccDirection != MediaDirection.SENDRECV) {
      return; // hold or a one-way direction: intended
    }
    List<RtpStream> toXcc = afterAnswer(m.toXcc, m.answerNanos);
    List<RtpStream> toClient = afterAnswer(m.toClient, m.answerNanos);
    if (toXcc.isEmpty() == toClient.isEmpty()) {
      return;
    }
    boolean missingToClient = toClient.isEmpty();
    List<RtpStream> present = missingToClient ? toXcc : toClient;
    Way missing = missingToClient ? Way.TO_CLIENT : Way.TO_XCC;
    Way seen = missingToClient ? Way.TO_XCC : Way.TO_CLIENT;
    List<String> toward = missingToClient ? expected(m.confirmedClient, m.client)
        : expected(m.confirmedXcc, m.xcc);
    long packets = present.stream().mapToLong(RtpStream::packets).sum();
    RtpStream first = present.get(0);
    Finding.Builder f = FindingCatalog.MEDIA_ONE_WAY_AUDIO.finding(String.format(Locale.ROOT,
        "call %d: RTP must flow both ways in a sendrecv call but none went %s (toward %s) after the answer in"
            + " frame %d, while %d packets went %s (%s -> %s, frames %d..%d)", call, missing.json, toward,
        m.answerFrame, packets, seen.json, first.source(), first.destination(), first.firstFrame(),
        first.lastFrame()))
        .evidence("call", call).evidence("answerFrame", m.answerFrame).evidence("answeredAt", answered)
        .evidence("missingDirection", missing.json).evidence("missingToward", toward)
        .evidence("presentDirection", seen.json).evidence("packetsOtherWay", packets)
        .evidence("presentStreams", present.stream().limit(MAX_EVIDENCE)
            .map(s -> s.source() + " -> " + s.destination() + " ssrc " + s.ssrcHex()).toList())
        .evidence("presentFrames", List.of(first.firstFrame(), first.lastFrame()));
    m.leg.ifPresent(l -> f.evidence("callId", l.callId()));
    if (succeeded) {
      f.evidence("firstSuccessFrame", m.firstSuccessFrame);
    }
    out.add(f.build());
  }

  private static List<RtpStream> afterAnswer(List<RtpStream> streams, long answer) {
    return streams.stream().filter(s -> s.lastEpochNanos() >= answer).toList();
  }

  /** Where the missing direction should have gone: the confirmed endpoints, else the SDP ones. */
  private static List<String> expected(List<String> confirmed, Set<String> sdp) {
    return limit(confirmed.isEmpty() ? new ArrayList<>(sdp) : confirmed);
  }

  private static List<String> limit(List<String> l) {
    return List.copyOf(l.subList(0, Math.min(MAX_EVIDENCE, l.size())));
  }
}
