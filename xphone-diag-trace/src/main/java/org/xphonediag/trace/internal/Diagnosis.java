package org.xphonediag.trace.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.trace.AclLogLine;
import org.xphonediag.trace.CallLeg;
import org.xphonediag.trace.LegRole;
import org.xphonediag.trace.MediaFlow;
import org.xphonediag.trace.SipMessage;
import org.xphonediag.trace.TraceAnalysis;
import org.xphonediag.trace.Truncation;
import org.xphonediag.trace.rtp.RtpAnalysis;

/**
 * Turns a {@link TraceAnalysis} into the {@code trace} report: results {@code trace.capture},
 * {@code trace.sip}, (with a log) {@code trace.fs-log}, and from {@link MediaDiagnosis} {@code
 * trace.candidates} and {@code trace.bindings}, each finding with its evidence frames
 * (docs/field-guide.md#reading-a-trace, #failure-patterns). Stateless.
 */
public final class Diagnosis {
  /** A log line and an INVITE closer than this in time are correlated. */
  static final long CORRELATION_NANOS = 5_000_000_000L;
  private static final int DATA_MESSAGES = 50;
  private static final int DATA_FLOWS = 20;

  private Diagnosis() {}

  public static Report report(TraceAnalysis a, boolean withLog, ZoneId zone, Duration elapsed) {
    return report(a, withLog, zone, elapsed, Optional.empty(), Duration.ZERO);
  }

  /**
   * The report; with {@code rtp} (the same pass's stream statistics) also the result {@code
   * trace.rtp} and {@code data.streams}, the streams tied to calls with {@code mediaTimeout}.
   */
  public static Report report(TraceAnalysis a, boolean withLog, ZoneId zone, Duration elapsed,
      Optional<RtpAnalysis> rtp, Duration mediaTimeout) {
    Report.Builder r = Report.builder("trace").elapsed(elapsed);
    r.result(capture(a));
    List<CheckResult> sipAndLog = sip(a, withLog, zone);
    r.results(sipAndLog);
    MediaDiagnosis media = MediaDiagnosis.of(a, rtp, mediaTimeout);
    r.result(media.candidatesResult()).result(media.bindingsResult());
    media.streamsResult().ifPresent(r::result);
    List<Details> legs = new ArrayList<>();
    for (CallLeg l : a.legs()) {
      legs.add(leg(l));
    }
    List<Details> flows = new ArrayList<>();
    for (MediaFlow f : a.mediaFlows().subList(0, Math.min(DATA_FLOWS, a.mediaFlows().size()))) {
      flows.add(Details.builder().put("source", f.source()).put("destination", f.destination())
          .put("kind", f.kind()).put("packets", f.packets()).put("bytes", f.bytes())
          .put("firstFrame", f.firstFrame()).put("lastFrame", f.lastFrame()).build());
    }
    r.data("format", a.format()).data("legs", legs).data("candidates", media.candidates())
        .data("bindings", media.bindings())
        .data("packets", a.counts().toDetails()).data("flows", flows);
    if (rtp.isPresent()) {
      r.data("streams", media.streams());
    }
    return r.build();
  }

  private static Details leg(CallLeg l) {
    List<Details> msgs = new ArrayList<>();
    for (SipMessage m : l.messages().subList(0, Math.min(DATA_MESSAGES, l.messages().size()))) {
      msgs.add(Details.builder().put("frame", m.frame()).put("time", m.time()).put("source", m.source())
          .put("destination", m.destination()).put("message", m.summary()).put("sdp", m.sdp().isPresent()).build());
    }
    Details.Builder b = Details.builder().put("call", l.call()).put("callId", l.callId()).put("role", l.role())
        .put("identifiedBy", l.identifiedBy()).put("userAgent", l.userAgent());
    l.invite().ifPresent(i -> b.put("inviteFrame", i.frame()).put("from", i.source()).put("to", i.destination())
        .put("transport", i.transport()));
    l.finalResponse().ifPresent(f -> b.put("finalStatus", f.statusCode()).put("finalReason", f.reason())
        .put("finalFrame", f.frame()));
    return b.put("messageCount", l.messageCount()).put("messages", msgs).build();
  }

  private static CheckResult capture(TraceAnalysis a) {
    CheckResult.Builder b = CheckResult.builder(CheckId.of("trace.capture")).title("Read the capture")
        .summary(String.format(Locale.ROOT, "%d frames (%s): %d SIP, %d STUN, %d RTP", a.counts().total(),
            a.format().name().toLowerCase(Locale.ROOT), a.counts().sip(), a.counts().stun(), a.counts().rtp()))
        .details(a.counts().toDetails());
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
    CheckResult.Builder b = CheckResult.builder(CheckId.of("trace.sip")).title("Find the call legs");
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
      for (CallLeg l : legs) {
        for (SipMessage m : l.messages()) {
          if (m.isInviteResponse(403)) {
            Finding.Builder f = FindingCatalog.SIP_FORBIDDEN.finding(String.format(Locale.ROOT,
                "INVITE of %s leg (Call-ID %s) from %s answered '%s' in frame %d", l.role().name().toLowerCase(
                    Locale.ROOT), l.callId(), l.invite().map(i -> i.source().toString()).orElse("?"), m.summary(),
                m.frame()));
            evidence(f, l, m);
            Optional<AclLogLine> log = correlate(rejected, l, zone);
            log.ifPresent(line -> f.evidence("aclRejectedBy", line.acl()).evidence("rejectedIp", line.ip())
                .evidence("logLine", line.line()));
            b.finding(f.build());
          } else if (m.isInviteResponse(488)) {
            Finding.Builder f = FindingCatalog.SIP_NOT_ACCEPTABLE.finding(String.format(Locale.ROOT,
                "offer of %s leg (Call-ID %s) answered '%s' in frame %d: no offered candidate passed the XCC's ACL",
                l.role().name().toLowerCase(Locale.ROOT), l.callId(), m.summary(), m.frame()));
            evidence(f, l, m);
            b.finding(f.build());
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
      CheckResult.Builder lb = CheckResult.builder(CheckId.of("trace.fs-log")).title("Read the FreeSWITCH log")
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

  private static void evidence(Finding.Builder f, CallLeg l, SipMessage response) {
    f.evidence("callId", l.callId()).evidence("role", l.role());
    l.invite().ifPresent(i -> f.evidence("inviteFrame", i.frame()).evidence("from", i.source())
        .evidence("to", i.destination()));
    f.evidence("responseFrame", response.frame());
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
