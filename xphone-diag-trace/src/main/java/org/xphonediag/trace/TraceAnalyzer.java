package org.xphonediag.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Report;
import org.xphonediag.trace.internal.Diagnosis;
import org.xphonediag.trace.internal.Legs;
import org.xphonediag.trace.rtp.RtpAnalysis;
import org.xphonediag.trace.rtp.RtpAnalyzer;
import org.xphonediag.trace.rtp.RtpCollector;

/**
 * Analyses a capture, and optionally a FreeSWITCH log, into a {@link TraceAnalysis} and a {@link
 * Report} (DOMAIN §6, §7): call legs, SIP failures ({@code sip.forbidden}, {@code
 * sip.not-acceptable}), a missing loopback leg or no SIP at all, a truncated capture, ACL
 * rejections in the log correlated with the INVITE by address and time, and the media verdict:
 * both sides' candidates (client from the IceLink INVITE, XCC from the FreeSWITCH 183/200), the
 * binding transactions matched by transaction id and mapped to calls by USERNAME ufrags and
 * addresses, and {@code media.no-binding-success}, {@code media.missing-public-candidate}, {@code
 * media.missing-private-candidate}, {@code media.address-mismatch}. One pass over the capture with
 * bounded memory (at most {@link #MAX_STUN} STUN messages are kept for the binding analysis). Immutable and thread-safe; each call reads its own files.
 *
 * <pre>{@code
 * Report report = TraceAnalyzer.builder().fsLog(Path.of("XCC_FS.log")).build()
 *     .report(Path.of("call.pcapng"));
 * }</pre>
 */
public final class TraceAnalyzer {
  /** STUN messages kept for the binding analysis; later ones are counted only. */
  public static final int MAX_STUN = 20_000;
  private static final int MAX_PROBLEMS = 100;
  private static final Logger LOG = LoggerFactory.getLogger(TraceAnalyzer.class);

  private final Path fsLog;
  private final ZoneId logZone;
  private final boolean streams;

  private TraceAnalyzer(Builder b) {
    this.fsLog = b.fsLog;
    this.streams = b.streams;
    this.logZone = b.logZone;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code capture} (and the log, when set) into an analysis.
   *
   * @throws NotACaptureException when the file is not a capture
   * @throws CaptureFormatException for a corrupt length, with its byte offset
   * @throws IOException when the capture or the log cannot be read
   */
  public TraceAnalysis analyze(Path capture) throws IOException, CaptureFormatException {
    Objects.requireNonNull(capture, "capture");
    List<AclLogLine> acl = fsLog == null ? List.of() : FsLogParser.parse(fsLog);
    try (TraceScanner scanner = TraceScanner.open(capture)) {
      return analyze(scanner, capture.toString(), acl);
    }
  }

  /** Reads the rest of {@code scanner} into an analysis, with the given ACL log lines. */
  public TraceAnalysis analyze(TraceScanner scanner, String source, List<AclLogLine> acl)
      throws IOException, CaptureFormatException {
    Legs legs = new Legs();
    List<StunPacket> stun = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Optional<TraceMessage> m = scanner.next(); m.isPresent(); m = scanner.next()) {
      if (m.get() instanceof SipMessage sip) {
        legs.add(sip);
        for (String p : sip.problems()) {
          if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
          }
        }
      } else if (m.get() instanceof StunPacket s && stun.size() < MAX_STUN) {
        stun.add(s);
      }
    }
    TraceAnalysis a = new TraceAnalysis(source, scanner.format(), scanner.counts(), scanner.truncation(),
        legs.build(), stun, scanner.mediaFlows(), acl, problems);
    LOG.debug("trace {}: {} legs, {}, truncation {}", source, a.legs().size(), a.counts(), a.truncation());
    return a;
  }

  /**
   * Analyses {@code capture} and returns the {@code trace} report; with stream analysis on (the
   * default) the same pass also measures every RTP stream (result {@code trace.rtp},
   * {@code data.streams}; loss and jitter findings, DOMAIN §5).
   */
  public Report report(Path capture) throws IOException, CaptureFormatException {
    Objects.requireNonNull(capture, "capture");
    Instant start = Instant.now();
    List<AclLogLine> acl = fsLog == null ? List.of() : FsLogParser.parse(fsLog);
    RtpCollector rtp = streams ? RtpAnalyzer.builder().build().collector(List.of()) : null;
    TraceAnalysis a;
    try (TraceScanner scanner = TraceScanner.open(capture)) {
      if (rtp != null) {
        scanner.onMedia(rtp::accept);
      }
      a = analyze(scanner, capture.toString(), acl);
    }
    Report r = report(a, Duration.between(start, Instant.now()));
    return rtp == null ? r : withStreams(r, rtp.finish());
  }

  /** Adds the stream statistics to a report. */
  private static Report withStreams(Report r, RtpAnalysis rtp) {
    CheckResult streams = CheckResult.builder(CheckId.of("trace.rtp")).title("RTP streams")
        .findings(rtp.findings())
        .summary(String.format(java.util.Locale.ROOT, "%d stream(s), %d RTP and %d RTCP packets",
            rtp.streams().size(), rtp.rtpPackets(), rtp.rtcpPackets()))
        .details(rtp.counts()).build();
    return r.toBuilder().result(streams).data("streams", rtp.toDetails()).build();
  }

  /** The {@code trace} report of an analysis (results, findings and {@code data}). */
  public Report report(TraceAnalysis analysis, Duration elapsed) {
    return Diagnosis.report(analysis, fsLog != null, logZone, elapsed);
  }

  /** Builds a {@link TraceAnalyzer}; not thread-safe. */
  public static final class Builder {
    private boolean streams = true;
    private Path fsLog;
    private ZoneId logZone = ZoneId.systemDefault();

    private Builder() {}

    /** A FreeSWITCH log to correlate (DOMAIN §7); unreadable -> IOException from analyze. */
    public Builder fsLog(Path fsLog) {
      this.fsLog = Objects.requireNonNull(fsLog, "fsLog");
      return this;
    }

    /** The time zone of the log's local time stamps; default the system zone. */
    public Builder logZone(ZoneId zone) {
      this.logZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Whether {@link TraceAnalyzer#report(Path)} measures RTP streams (default true). */
    public Builder streams(boolean streams) {
      this.streams = streams;
      return this;
    }

    public TraceAnalyzer build() {
      return new TraceAnalyzer(this);
    }
  }
}
