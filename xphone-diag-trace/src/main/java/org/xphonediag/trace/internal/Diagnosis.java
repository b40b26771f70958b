package org.xphonediag.trace.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.sip.sdp.SdpFormatException;
import org.xphonediag.sip.sdp.SdpParser;
import org.xphonediag.sip.sdp.SessionDescription;
import org.xphonediag.trace.AclLogLine;
import org.xphonediag.trace.CallLeg;
import org.xphonediag.trace.AnalysedCapture;
import org.xphonediag.trace.InvalidTimestamp;
import org.xphonediag.trace.LegRole;
import org.xphonediag.trace.PacketCounts;
import org.xphonediag.trace.SipMessage;
import org.xphonediag.trace.TraceAnalysis;
import org.xphonediag.trace.Truncation;

/**
 * Turns a {@link TraceAnalysis} into the {@code trace} report: results {@code trace.capture},
 * {@code trace.sip}, (with a log) {@code trace.fs-log}, and from {@link MediaDiagnosis} {@code
 * trace.candidates} and {@code trace.bindings}, each finding with its evidence frames
 * (docs/field-guide.md#reading-a-trace, #failure-patterns). Stateless.
 */
public final class Diagnosis {
  /** A log line and an INVITE closer than this in time are correlated. */
  static final long CORRELATION_NANOS = 5_000_000_000L;

  private Diagnosis() {}

  /**
   * The report of {@code a}: its results, their findings, and {@code a}'s details as {@code data};
   * {@code media} is {@code a}'s media verdict ({@link MediaDiagnosis#of}), with the result {@code
   * trace.rtp} when streams were measured.
   */
  public static Report report(TraceAnalysis a, MediaDiagnosis media, boolean withLog, ZoneId zone, Duration elapsed) {
    Report.Builder r = Report.builder("trace").elapsed(elapsed);
    r.result(capture(a));
    r.results(sip(a, withLog, zone));
    r.result(media.candidatesResult()).result(media.bindingsResult());
    media.streamsResult().ifPresent(r::result);
    return r.data(a.details()).build();
  }

  private static CheckResult capture(TraceAnalysis a) {
    PacketCounts c = a.counts();
    StringBuilder extra = new StringBuilder();
    if (c.udptl() > 0) {
      extra.append(String.format(Locale.ROOT, ", %d T.38 (UDPTL)", c.udptl()));
    }
    if (c.ipInIp() > 0) {
      extra.append(String.format(Locale.ROOT, "; %d frames read out of IP-in-IP tunnels", c.ipInIp()));
    }
    if (c.sctp() > 0) {
      extra.append(String.format(Locale.ROOT, "; %d SCTP packets read for SIP", c.sctp()));
    }
    CheckResult.Builder b = CheckResult.builder(CheckCatalog.TRACE_CAPTURE).title("Read the capture")
        .outcome(new AnalysedCapture(a))
        .summary(String.format(Locale.ROOT, "%d frames (%s): %d SIP, %d STUN, %d RTP%s", c.total(),
            a.format().name().toLowerCase(Locale.ROOT), c.sip(), c.stun(), c.rtp(), extra))
        .details(c.toDetails());
    if (!a.invalidTimestamps().isEmpty()) {
      InvalidTimestamp first = a.invalidTimestamps().get(0);
      b.finding(FindingCatalog.TRACE_INVALID_TIMESTAMP.finding(String.format(Locale.ROOT,
          "frame %d: the pcap record's sub-second field must be below %s but was %d; %d frame(s) with such a time"
              + " stamp were read on with the time as written (as tcpdump and tshark do)", first.frame(),
          first.nanos() ? "10^9 (nanoseconds)" : "10^6 (microseconds)", first.subSecond(), c.invalidTimestamps()))
          .location(SourceLocation.atOffset(a.source(), first.byteOffset()))
          .evidence("frames", a.invalidTimestamps().stream().map(InvalidTimestamp::frame).toList())
          .evidence("count", c.invalidTimestamps()).build());
    }
    if (a.truncation().isPresent()) {
      Truncation t = a.truncation().get();
      b.finding(FindingCatalog.TRACE_TRUNCATED.finding(String.format(Locale.ROOT,
          "capture ends inside record %d at byte offset %d (%d of %s bytes present); %d complete frames analysed",
          t.frameNumber(), t.byteOffset(), t.bytesPresent(), t.bytesExpected() < 0 ? "its header's"
              : Long.toString(t.bytesExpected()), t.frameNumber() - 1))
          .location(SourceLocation.atOffset(a.source(), t.byteOffset()))
          .evidence("frame", t.frameNumber()).evidence("byteOffset", t.byteOffset()).build());
    }
    return b.build();
  }

  private static List<CheckResult> sip(TraceAnalysis a, boolean withLog, ZoneId zone) {
    CheckResult.Builder b = CheckResult.builder(CheckCatalog.TRACE_SIP).title("Find the call legs");
    List<CallLeg> legs = a.legs();
    List<Finding> logFindings = new ArrayList<>();
    List<AclLogLine> rejected = a.aclLog().stream().filter(AclLogLine::rejected).toList();
    if (legs.isEmpty()) {
      b.finding(FindingCatalog.TRACE_NO_SIP.finding(String.format(Locale.ROOT,
          "no SIP message in %d frames of %s; SIP is recognised by its start line on any UDP or TCP port",
          a.counts().total(), a.source())).evidence("frames", a.counts().total()).build());
    } else {
      long loopback = legs.stream().filter(l -> l.role() == LegRole.LOOPBACK).count();
      b.summary(String.format(Locale.ROOT, "%d legs (%d loopback, %d xcc, %d other)", legs.size(), loopback,
          legs.stream().filter(l -> l.role() == LegRole.XCC).count(),
          legs.stream().filter(l -> l.role() == LegRole.OTHER).count()));
      List<CallLeg> withInvite = legs.stream().filter(l -> l.invite().isPresent()).toList();
      if (loopback == 0 && !withInvite.isEmpty()) {
        b.finding(FindingCatalog.TRACE_NO_LOOPBACK_LEG.finding(String.format(Locale.ROOT,
            "%d INVITE dialog(s) but none on loopback, from sipsorcery or toward TCP 4900/4901; first INVITE in "
                + "frame %d (Call-ID %s)", withInvite.size(), withInvite.get(0).invite().get().frame(),
            withInvite.get(0).callId()))
            .evidence("inviteFrames", withInvite.stream().map(l -> l.invite().get().frame()).toList()).build());
      }
      SdpParser parser = SdpParser.defaults();
      for (CallLeg l : legs) {
        List<InviteTransactions.Transaction> txs = InviteTransactions.of(l.messages());
        for (InviteTransactions.Transaction t : txs) {
          boolean dialogFinal = l.finalResponse().isPresent() && t.finalResponse().equals(l.finalResponse());
          if (!dialogFinal && !t.reInvite() || t.finalResponse().isEmpty()) {
            continue; // an answer the dialog went past (e.g. a 407 before the retry with credentials)
          }
          SipMessage m = t.finalResponse().get();
          if (m.statusCode() == 403) {
            Finding.Builder f = forbidden(l, t, m);
            Optional<AclLogLine> log = t.reInvite() ? Optional.empty() : correlate(rejected, l, zone);
            log.ifPresent(line -> f.evidence("aclRejectedBy", line.acl()).evidence("rejectedIp", line.ip())
                .evidence("logLine", line.line()));
            b.finding(f.build());
          } else if (m.statusCode() == 488) {
            b.finding(notAcceptable(l, t, m, parser).build());
          }
        }
      }
    }
    if (!a.sipProblems().isEmpty()) {
      b.detail("sipProblems", a.sipProblems());
    }
    List<CheckResult> out = new ArrayList<>();
    out.add(b.build());
    if (withLog) {
      CheckResult.Builder lb = CheckResult.builder(CheckCatalog.TRACE_FS_LOG).title("Read the FreeSWITCH log")
          .summary(String.format(Locale.ROOT, "%d ACL lines, %d rejections", a.aclLog().size(), rejected.size()));
      for (AclLogLine line : rejected) {
        Finding.Builder f = FindingCatalog.LOG_ACL_REJECTED.finding(String.format(Locale.ROOT,
            "log line %d: IP %s rejected by acl \"%s\"%s", line.line(), line.ip(), line.acl(),
            line.time().map(t -> " at " + t).orElse("")))
            .evidence("ip", line.ip()).evidence("acl", line.acl()).evidence("logLine", line.line());
        line.time().ifPresent(t -> f.evidence("logTime", t.toString()));
        invite(legs, line, zone).ifPresent(l -> {
          f.evidence("inviteFrame", l.invite().get().frame()).evidence("callId", l.callId());
          l.finalResponse().ifPresent(r -> f.evidence("responseFrame", r.frame()).evidence("response", r.summary()));
        });
        logFindings.add(f.build());
      }
      lb.findings(logFindings);
      out.add(lb.build());
    }
    return out;
  }

  private static void evidence(Finding.Builder f, CallLeg l, InviteTransactions.Transaction t, SipMessage response) {
    f.evidence("callId", l.callId()).evidence("role", l.role());
    t.request().or(l::invite).ifPresent(i -> f.evidence("inviteFrame", i.frame()).evidence("from", i.source())
        .evidence("to", i.destination()));
    f.evidence("responseFrame", response.frame());
    if (t.reInvite()) {
      f.evidence("reInvite", true).evidence("cseq", t.cseq());
    }
  }

  /**
   * A 403 to an INVITE: the dialog's final answer (or a re-INVITE's, a WARN: the call goes on). The
   * ACL remedy stands when the XCC answered (the loopback leg, or a FreeSWITCH / XPhone Call
   * Controller {@code Server}); another server's 403 is that server's refusal.
   */
  private static Finding.Builder forbidden(CallLeg l, InviteTransactions.Transaction t, SipMessage m) {
    Optional<SipMessage> invite = t.request().or(l::invite);
    String role = l.role().name().toLowerCase(Locale.ROOT);
    Finding.Builder f = FindingCatalog.SIP_FORBIDDEN.finding(String.format(Locale.ROOT,
        "%s of %s leg (Call-ID %s) from %s answered '%s' in frame %d%s", t.reInvite() ? "re-INVITE (CSeq "
            + t.cseq() + ")" : "INVITE", role, l.callId(), invite.map(i -> i.source().toString()).orElse("?"),
        m.summary(), m.frame(), t.reInvite() ? "; the call goes on with the session set up before (RFC 3261 §14.1)"
            : ""));
    evidence(f, l, t, m);
    if (t.reInvite()) {
      f.severity(Status.WARN);
    }
    if (!answeredByXcc(l, m)) {
      String server = m.userAgent().isEmpty() ? "" : " (Server '" + m.userAgent() + "')";
      f.remedy("The far end " + m.source() + server + " refused the INVITE with '" + m.summary() + "', not the XCC:"
          + " check the account, credentials and permissions there (e.g. the SIP trunk's registration and"
          + " dialling rights); the XCC's ACL is not involved.");
    }
    return f;
  }

  private static boolean answeredByXcc(CallLeg l, SipMessage response) {
    String server = response.userAgent().toLowerCase(Locale.ROOT);
    return l.role() == LegRole.LOOPBACK || server.contains("freeswitch") || server.contains("xphone call controller");
  }

  /**
   * A 488 to an INVITE (docs/field-guide.md#xcc-acls, #failure-patterns): a candidate-ACL rejection
   * only when it answered the first offer of the dialog and that offer carried ICE candidates; a 488
   * to a re-INVITE (a WARN: the call goes on) or to an offer without candidates refused the offered
   * media, which the message names.
   */
  private static Finding.Builder notAcceptable(CallLeg l, InviteTransactions.Transaction t, SipMessage m,
      SdpParser parser) {
    String role = l.role().name().toLowerCase(Locale.ROOT);
    Optional<SessionDescription> offer = t.request().flatMap(SipMessage::sdp).flatMap(body -> {
      try {
        return Optional.of(parser.parse(body, "frame " + t.request().get().frame()));
      } catch (IllegalArgumentException | SdpFormatException e) {
        return Optional.empty();
      }
    });
    int candidates = offer.map(o -> o.candidates().size()).orElse(0);
    String offered = offer.map(Diagnosis::mediaLines).orElse(t.request().isPresent()
        ? "no SDP (the offer was not in the INVITE)" : "the INVITE was not captured");
    Finding.Builder f;
    if (!t.reInvite() && candidates > 0) {
      f = FindingCatalog.SIP_NOT_ACCEPTABLE.finding(String.format(Locale.ROOT,
          "offer of %s leg (Call-ID %s) with %d ICE candidate(s) answered '%s' in frame %d: no offered candidate"
              + " passed the XCC's ACL", role, l.callId(), candidates, m.summary(), m.frame()));
    } else if (!t.reInvite()) {
      f = FindingCatalog.SIP_NOT_ACCEPTABLE.finding(String.format(Locale.ROOT,
          "INVITE of %s leg (Call-ID %s) offering %s answered '%s' in frame %d: the far end accepted none of the"
              + " offered media; the offer carried no ICE candidate, so no candidate ACL decided this", role,
          l.callId(), offered, m.summary(), m.frame()))
          .remedy("Compare the offered codecs and transports with what the answering side supports (its log names"
              + " the reason); this is not an ACL problem.");
    } else {
      boolean fax = offered.contains("image") || offered.toLowerCase(Locale.ROOT).contains("t38");
      f = FindingCatalog.SIP_NOT_ACCEPTABLE.finding(String.format(Locale.ROOT,
          "re-INVITE (CSeq %d) of %s leg (Call-ID %s) offering %s answered '%s' in frame %d: the far end refused"
              + " the change%s; the call goes on with the media negotiated before (RFC 3261 §14.1)", t.cseq(), role,
          l.callId(), offered, m.summary(), m.frame(), fax ? " to T.38 fax" : ""))
          .severity(Status.WARN)
          .remedy(fax ? "The far end refused T.38: enable T.38 on both ends, or send faxes as G.711 pass-through;"
              + " this is not an ACL problem."
              : "The far end refused the changed media (e.g. another codec or address): compare the re-INVITE's"
                  + " offer with what it supports; this is not an ACL problem.");
    }
    evidence(f, l, t, m);
    f.evidence("offered", offered).evidence("offeredCandidates", candidates);
    return f;
  }

  /** The offer's media lines as {@code audio 10338 RTP/AVP 0 8, image 16834 udptl t38}. */
  private static String mediaLines(SessionDescription sdp) {
    if (sdp.media().isEmpty()) {
      return "no media";
    }
    return sdp.media().stream().map(md -> md.media() + " " + md.port() + " " + md.proto() + " "
        + String.join(" ", md.formats())).map(String::strip).collect(java.util.stream.Collectors.joining(", "));
  }

  private static Optional<AclLogLine> correlate(List<AclLogLine> rejected, CallLeg leg, ZoneId zone) {
    return rejected.stream().filter(line -> invite(List.of(leg), line, zone).isPresent()).findFirst();
  }

  /**
   * The INVITE leg a rejection belongs to: an INVITE from the rejected IP (closest in time when the
   * line has a time), else a 403-answered INVITE of the loopback leg (the one the XCC receives) within
   * {@link #CORRELATION_NANOS} of the line.
   */
  static Optional<CallLeg> invite(List<CallLeg> legs, AclLogLine line, ZoneId zone) {
    Optional<Long> at = line.time().map(t -> {
      var i = t.atZone(zone).toInstant();
      return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    });
    List<CallLeg> fromIp = legs.stream().filter(l -> l.invite().isPresent())
        .filter(l -> l.invite().get().source().ipAddress().map(ip -> sameIp(ip, line.ip())).orElse(false)).toList();
    if (!fromIp.isEmpty()) {
      if (at.isEmpty()) {
        return Optional.of(fromIp.get(0));
      }
      return fromIp.stream().min((x, y) -> Long.compare(Math.abs(x.invite().get().epochNanos() - at.get()),
          Math.abs(y.invite().get().epochNanos() - at.get())));
    }
    if (at.isEmpty()) {
      return Optional.empty();
    }
    return legs.stream().filter(l -> l.role() == LegRole.LOOPBACK && l.invite().isPresent()
        && l.finalResponse().map(r -> r.statusCode() == 403).orElse(false))
        .filter(l -> Math.abs(l.invite().get().epochNanos() - at.get()) <= CORRELATION_NANOS).findFirst();
  }

  private static boolean sameIp(IpAddress a, IpAddress b) {
    return a.unmapped().equals(b.unmapped());
  }
}
