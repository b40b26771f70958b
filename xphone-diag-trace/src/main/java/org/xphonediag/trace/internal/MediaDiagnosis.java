package org.xphonediag.trace.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.trace.BindingDirection;
import org.xphonediag.trace.CallBindings;
import org.xphonediag.trace.CallStream;
import org.xphonediag.trace.MediaFlow;
import org.xphonediag.trace.OfferedCandidates;
import org.xphonediag.trace.PayloadKind;
import org.xphonediag.trace.TraceAnalysis;
import org.xphonediag.trace.rtp.RtpAnalysis;

/**
 * The media half of the trace verdict (docs/field-guide.md#reading-a-trace, #failure-patterns; ARCHITECTURE.md "Severities and shared
 * definitions"): per call the candidates of both sides, the binding transactions, and the findings
 * {@code media.missing-private-candidate} / {@code media.missing-public-candidate} (only for a side
 * with SDP on an ICE leg, {@link #iceLeg}), {@code media.no-binding-success} (only when requests
 * were seen) and {@code
 * media.address-mismatch} (requests, successes or RTP from an IP address no candidate or raddr
 * names; same IP with another port is peer-reflexive: a detail, not a mismatch). Stateless.
 *
 * @param candidatesResult the {@code trace.candidates} result
 * @param bindingsResult the {@code trace.bindings} result
 * @param candidates the offered candidates (one per side and call)
 * @param bindings the binding transactions (one per call with an SDP or binding requests)
 * @param streamsResult with stream statistics: the {@code trace.rtp} result (loss, jitter, one-way
 *     audio, no RTP; see {@link CallStreams})
 * @param streams with stream statistics: the streams, tied to call, leg and direction
 */
public record MediaDiagnosis(CheckResult candidatesResult, CheckResult bindingsResult, List<OfferedCandidates> candidates,
    List<CallBindings> bindings, Optional<CheckResult> streamsResult, List<CallStream> streams) {
  private static final int MAX_EVIDENCE = 10;

  /** Diagnoses the media of {@code a}. */
  public static MediaDiagnosis of(TraceAnalysis a) {
    return of(a, Optional.empty(), Duration.ZERO);
  }

  /**
   * Diagnoses the media of {@code a}, and with {@code rtp} ties its streams to the calls and judges
   * one-way audio and missing RTP with {@code mediaTimeout} ({@link CallStreams}).
   */
  public static MediaDiagnosis of(TraceAnalysis a, Optional<RtpAnalysis> rtp, Duration mediaTimeout) {
    List<CallSdp> calls = CallSdp.of(a.legs());
    Bindings bindings = new Bindings(calls).addAll(a.stunPackets());
    CheckResult.Builder cr = CheckResult.builder(CheckCatalog.TRACE_CANDIDATES).title("Read the offered candidates");
    List<OfferedCandidates> candData = new ArrayList<>();
    for (CallSdp c : calls) {
      for (Optional<CallSdp.Side> s : List.of(c.client(), c.xcc())) {
        s.ifPresent(side -> {
          candData.add(side.offered(c.call()));
          if (iceLeg(c, side)) {
            missingCandidates(c.call(), side, cr);
          }
        });
      }
    }
    cr.summary(String.format(Locale.ROOT, "%d SDPs with %d candidates in %d calls", candData.size(),
        calls.stream().mapToInt(c -> c.client().map(s -> s.candidates().size()).orElse(0)
            + c.xcc().map(s -> s.candidates().size()).orElse(0)).sum(), calls.size()));

    CheckResult.Builder br = CheckResult.builder(CheckCatalog.TRACE_BINDINGS).title("Follow the binding requests");
    List<CallBindings> bindData = new ArrayList<>();
    Set<Integer> callNumbers = new LinkedHashSet<>();
    calls.forEach(c -> callNumbers.add(c.call()));
    bindings.pairs().forEach(p -> callNumbers.add(p.call));
    int requests = 0;
    int successes = 0;
    Map<Integer, List<MediaFlow>> flowsByPort = new java.util.HashMap<>();
    for (MediaFlow f : a.mediaFlows()) {
      if (f.kind() == PayloadKind.RTP || f.kind() == PayloadKind.RTCP || f.kind() == PayloadKind.DTLS) {
        flowsByPort.computeIfAbsent(f.destination().port(), k -> new ArrayList<>()).add(f);
        if (f.source().port() != f.destination().port()) {
          flowsByPort.computeIfAbsent(f.source().port(), k -> new ArrayList<>()).add(f);
        }
      }
    }
    for (int call : callNumbers) {
      List<Bindings.Pair> pairs = bindings.pairs(call);
      Optional<CallSdp> sdp = calls.stream().filter(c -> c.call() == call).findFirst();
      List<String> codes = new ArrayList<>();
      int req = pairs.stream().mapToInt(p -> p.requests).sum();
      int ok = pairs.stream().mapToInt(p -> p.successes).sum();
      int err = pairs.stream().mapToInt(p -> p.errors).sum();
      requests += req;
      successes += ok;
      Optional<Bindings.Pair> first = pairs.stream().filter(p -> p.firstSuccessFrame >= 0)
          .min((x, y) -> Long.compare(x.firstSuccessNanos, y.firstSuccessNanos));
      OptionalLong firstSuccessFrame = OptionalLong.empty();
      OptionalDouble firstSuccessMs = OptionalDouble.empty();
      if (first.isPresent()) {
        long firstRequest = pairs.stream().mapToLong(p -> p.firstRequestNanos).min().orElse(0);
        firstSuccessFrame = OptionalLong.of(first.get().firstSuccessFrame);
        firstSuccessMs = OptionalDouble.of(Math.round((first.get().firstSuccessNanos - firstRequest) / 1000.0) / 1000.0);
      }
      List<String> peerReflexive = List.of();
      Optional<String> hint = Optional.empty();
      if (req > 0 && ok == 0) {
        codes.add(FindingCatalog.MEDIA_NO_BINDING_SUCCESS.code());
        br.finding(noSuccess(call, pairs, req, err, sdp));
      }
      if (sdp.isPresent()) {
        Mismatch mm = mismatch(sdp.get(), pairs, flowsByPort);
        if (!mm.evidence.isEmpty()) {
          codes.add(FindingCatalog.MEDIA_ADDRESS_MISMATCH.code());
          br.finding(mm.finding(call, sdp.get()));
        }
        if (!mm.peerReflexive.isEmpty()) {
          peerReflexive = List.copyOf(mm.peerReflexive.keySet());
          hint = Optional.of("the client's packets arrive from a port it did not offer (peer-reflexive candidate): a"
              + " port-changing NAT on the client side; ICE handles this");
        }
      }
      String verdict = pairs.isEmpty() && codes.isEmpty() ? "no binding requests captured"
          : codes.isEmpty() ? (ok > 0 ? "ok" : "no finding") : String.join(", ", codes);
      bindData.add(new CallBindings(call, req, ok, err, firstSuccessFrame, firstSuccessMs, peerReflexive, hint, verdict,
          pairs.stream().map(Bindings.Pair::toBindingPair).toList()));
    }
    boolean capped = a.stunPackets().size() < a.counts().stun();
    br.summary(String.format(Locale.ROOT, "%d binding requests, %d successes in %d pairs%s", requests, successes,
        bindings.pairs().size(), capped ? String.format(Locale.ROOT, " (the first %d of %d STUN messages analysed)",
            a.stunPackets().size(), a.counts().stun()) : ""))
        .detail("stunAnalysed", a.stunPackets().size())
        .detail("classicStunRequests", bindings.classic()).detail("undecodableStun", bindings.undecodable())
        .detail("responsesWithoutRequest", bindings.unmatchedResponses());
    Optional<CheckResult> streamsResult = Optional.empty();
    List<CallStream> streams = List.of();
    if (rtp.isPresent()) {
      RtpAnalysis r = rtp.get();
      CallStreams.Result cs = CallStreams.of(a, calls, bindings, r, mediaTimeout);
      List<Finding> findings = new ArrayList<>(cs.findings());
      findings.addAll(r.findings());
      streamsResult = Optional.of(CheckResult.builder(CheckCatalog.TRACE_RTP).title("RTP streams")
          .findings(findings)
          .summary(String.format(Locale.ROOT, "%d stream(s) (%d tied to a call), %d RTP and %d RTCP packets",
              r.streams().size(), cs.linked(), r.rtpPackets(), r.rtcpPackets()))
          .details(r.counts()).detail("mediaTimeoutMs", mediaTimeout.toMillis()).build());
      streams = cs.streams();
    }
    return new MediaDiagnosis(cr.build(), br.build(), candData, bindData, streamsResult, streams);
  }

  /**
   * Whether a side's SDP belongs to an ICE leg (docs/field-guide.md#reading-a-trace,
   * #failure-patterns), the only place where missing private or public candidates mean something:
   * an SDP with candidates; or one whose origin names the app
   * (IceLink) or the XCC (FreeSWITCH) and that is the app's offer (ICE whatever it holds), uses ICE
   * itself (an ice-ufrag), or is the XCC's answer to a client offer that uses ICE. A plain SIP-trunk
   * SDP without ICE (a FreeSWITCH answer on a gateway leg, say) has no candidates to miss, and
   * neither has an SDP without candidates from a stack the origin does not name.
   */
  static boolean iceLeg(CallSdp call, CallSdp.Side side) {
    if (!side.candidates().isEmpty()) {
      return true;
    }
    if (!side.roleByOrigin()) {
      return false;
    }
    if (side.ice()) {
      return true;
    }
    if (side.name().equals("client")) {
      return side.roleByOrigin(); // the IceLink origin: the app always offers ICE
    }
    return call.client().map(CallSdp.Side::ice).orElse(false);
  }

  private static void missingCandidates(int call, CallSdp.Side side, CheckResult.Builder b) {
    List<SdpCandidate> all = side.candidates();
    String listed = all.isEmpty() ? "none" : all.stream().map(c -> c.endpoint() + " " + c.typeToken() + " ("
        + c.addressClass().jsonName() + ")").collect(Collectors.joining(", "));
    String where = String.format(Locale.ROOT, "call %d: the %s SDP (origin %s) in frame %d (%s)", call, side.name(),
        side.sdp().origin().username(), side.message().frame(), side.message().summary());
    if (!side.hasPrivateHost()) {
      b.finding(FindingCatalog.MEDIA_MISSING_PRIVATE_CANDIDATE.finding(where
          + " offers no private host candidate; offered: " + listed)
          .evidence("call", call).evidence("side", side.name()).evidence("sdpFrame", side.message().frame())
          .evidence("candidates", all.size()).build());
    }
    if (!side.hasPublicCandidate()) {
      b.finding(FindingCatalog.MEDIA_MISSING_PUBLIC_CANDIDATE.finding(where
          + " offers no public candidate (normally srflx, learned from the STUN server); offered: " + listed)
          .evidence("call", call).evidence("side", side.name()).evidence("sdpFrame", side.message().frame())
          .evidence("candidates", all.size()).build());
    }
  }

  private static Finding noSuccess(int call, List<Bindings.Pair> pairs, int req, int err, Optional<CallSdp> sdp) {
    Bindings.Pair p = pairs.get(0);
    List<Long> frames = pairs.stream().flatMap(x -> x.requestFrames.stream()).limit(MAX_EVIDENCE).toList();
    String who = call == 0 ? "binding requests no SDP names" : "call " + call;
    Finding.Builder f = FindingCatalog.MEDIA_NO_BINDING_SUCCESS.finding(String.format(Locale.ROOT,
        "%s: %d binding request(s) in %d pair(s), no success response (%d error responses); first: %s -> %s"
            + "%s in frame %d", who, req, pairs.size(), err, p.source, p.destination,
        p.username.isEmpty() ? "" : " user " + p.username, p.firstRequestFrame))
        .evidence("call", call).evidence("requests", req).evidence("errors", err).evidence("requestFrames", frames)
        .evidence("pairs", pairs.stream().map(x -> x.source + " -> " + x.destination).limit(MAX_EVIDENCE).toList());
    sdp.flatMap(CallSdp::client).ifPresent(s -> f.evidence("clientSdpFrame", s.message().frame()));
    sdp.flatMap(CallSdp::xcc).ifPresent(s -> f.evidence("xccSdpFrame", s.message().frame()));
    return f.build();
  }

  /** Evidence of a mismatch: what was seen ({@code "a -> b (kind)"}) -> frame. */
  private static final class Mismatch {
    final Map<String, Long> evidence = new LinkedHashMap<>();
    final Map<String, Long> peerReflexive = new LinkedHashMap<>();

    void add(Map<String, Long> m, String what, long frame) {
      if (m.size() < MAX_EVIDENCE) {
        m.putIfAbsent(what, frame);
      }
    }

    Finding finding(int call, CallSdp sdp) {
      String first = evidence.keySet().iterator().next();
      return FindingCatalog.MEDIA_ADDRESS_MISMATCH.finding(String.format(Locale.ROOT,
          "call %d: media flows from an address no offered candidate (nor raddr) names: %s in frame %d"
              + "%s; client offered %s, XCC offered %s", call, first, evidence.get(first),
          evidence.size() > 1 ? " and " + (evidence.size() - 1) + " more" : "", ips(sdp.client()), ips(sdp.xcc())))
          .evidence("call", call).evidence("seen", List.copyOf(evidence.keySet()))
          .evidence("frames", List.copyOf(evidence.values())).build();
    }
  }

  private static String ips(Optional<CallSdp.Side> side) {
    return side.map(s -> s.ips().stream().map(IpAddress::toString).sorted().collect(Collectors.joining(", ",
        "[", "]"))).orElse("(no SDP)");
  }

  /**
   * ARCHITECTURE.md's address mismatch: toward the XCC, requests and RTP reaching an XCC candidate
   * port from an IP no client candidate or raddr names; from the XCC, requests, successes and RTP
   * sent from an IP the XCC did not offer. Needs both SDPs. {@code flowsByPort}: RTP, RTCP and DTLS
   * flows by source and destination port.
   */
  private static Mismatch mismatch(CallSdp sdp, List<Bindings.Pair> pairs, Map<Integer, List<MediaFlow>> flowsByPort) {
    Mismatch mm = new Mismatch();
    if (sdp.client().isEmpty() || sdp.xcc().isEmpty()) {
      return mm;
    }
    CallSdp.Side client = sdp.client().get();
    CallSdp.Side xcc = sdp.xcc().get();
    Set<IpAddress> clientIps = client.ips();
    Set<IpAddress> xccIps = xcc.ips();
    Set<String> clientEndpoints = client.endpoints();
    Set<Integer> xccPorts = xcc.ports();
    for (Bindings.Pair p : pairs) {
      if (p.direction == BindingDirection.CLIENT_TO_XCC || toXcc(p.destination, xccIps, xccPorts)) {
        inbound(mm, p.source, p.destination, "binding request", p.firstRequestFrame, clientIps, clientEndpoints);
        p.unexpectedResponders.forEach((frame, responder) -> {
          if (!named(responder, xccIps)) {
            mm.add(mm.evidence, responder + " -> " + p.source + " (binding success to a request sent to "
                + p.destination + ")", frame);
          }
        });
      } else if (p.direction == BindingDirection.XCC_TO_CLIENT && !named(p.source, xccIps)) {
        mm.add(mm.evidence, p.source + " -> " + p.destination + " (binding request from the XCC)",
            p.firstRequestFrame);
      }
    }
    Set<MediaFlow> flows = new LinkedHashSet<>();
    xccPorts.forEach(port -> flows.addAll(flowsByPort.getOrDefault(port, List.of())));
    for (MediaFlow f : flows) {
      String kind = f.kind().name().toLowerCase(Locale.ROOT);
      if (toXcc(f.destination(), xccIps, xccPorts)) {
        inbound(mm, f.source(), f.destination(), kind, f.firstFrame(), clientIps, clientEndpoints);
      } else if (xccPorts.contains(f.source().port()) && named(f.destination(), clientIps)
          && !named(f.source(), xccIps)) {
        mm.add(mm.evidence, f.source() + " -> " + f.destination() + " (" + kind + " from the XCC)", f.firstFrame());
      }
    }
    return mm;
  }

  private static void inbound(Mismatch mm, HostAndPort src, HostAndPort dst, String what, long frame,
      Set<IpAddress> clientIps, Set<String> clientEndpoints) {
    if (!named(src, clientIps)) {
      mm.add(mm.evidence, src + " -> " + dst + " (" + what + ")", frame);
    } else if (!clientEndpoints.contains(CallSdp.endpoint(src))) {
      mm.add(mm.peerReflexive, src + " -> " + dst + " (" + what + ")", frame);
    }
  }

  private static boolean toXcc(HostAndPort dst, Set<IpAddress> xccIps, Set<Integer> xccPorts) {
    return xccPorts.contains(dst.port()) && named(dst, xccIps);
  }

  private static boolean named(HostAndPort hp, Set<IpAddress> ips) {
    return hp.ipAddress().map(ip -> ips.contains(ip.unmapped())).orElse(false);
  }
}
