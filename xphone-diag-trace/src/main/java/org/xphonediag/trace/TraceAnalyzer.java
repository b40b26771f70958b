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
import org.xphonediag.core.Report;
import org.xphonediag.sip.sdp.SdpFormatException;
import org.xphonediag.sip.sdp.SdpParser;
import org.xphonediag.sip.sdp.SessionDescription;
import org.xphonediag.trace.internal.Diagnosis;
import org.xphonediag.trace.internal.Legs;
import org.xphonediag.trace.internal.MediaDiagnosis;
import org.xphonediag.trace.rtp.MediaHints;
import org.xphonediag.trace.rtp.RtpAnalysis;
import org.xphonediag.trace.rtp.RtpAnalyzer;
import org.xphonediag.trace.rtp.RtpCollector;
import org.xphonediag.trace.rtp.RtpThresholds;

/**
 * Analyses a capture, and optionally a FreeSWITCH log, into a {@link TraceAnalysis} and a {@link
 * Report} (docs/field-guide.md#reading-a-trace, #failure-patterns): call legs, SIP failures ({@code sip.forbidden}, {@code
 * sip.not-acceptable}), a missing loopback leg or no SIP at all, a truncated capture, ACL
 * rejections in the log correlated with the INVITE by address and time, and the media verdict:
 * both sides' candidates (client from the IceLink INVITE, XCC from the FreeSWITCH 183/200), the
 * binding transactions matched by transaction id and mapped to calls by USERNAME ufrags and
 * addresses, and {@code media.no-binding-success}, {@code media.missing-public-candidate}, {@code
 * media.missing-private-candidate}, {@code media.address-mismatch}. {@link #report(Path)} also
 * measures the RTP streams in the same pass and ties them to call, leg and direction ({@code
 * trace.rtp}: {@code media.packet-loss}, {@code media.high-jitter}, {@code media.one-way-audio},
 * {@code media.no-rtp}; thresholds by {@link Builder#rtpThresholds} and {@link
 * Builder#mediaTimeout}). One pass over the capture with bounded memory (at most {@link #MAX_STUN}
 * STUN messages are kept for the binding analysis). Immutable and thread-safe; each call reads its
 * own files.
 *
 * <pre>{@code
 * Report report = TraceAnalyzer.builder().fsLog(Path.of("XCC_FS.log"))
 *     .rtpThresholds(RtpThresholds.builder().loss(2, 8).jitterMs(40, 80).build())
 *     .mediaTimeout(Duration.ofSeconds(5)).build()
 *     .report(Path.of("call.pcapng"));
 * }</pre>
 */
public final class TraceAnalyzer {
  /** STUN messages kept for the binding analysis; later ones are counted only. */
  public static final int MAX_STUN = 20_000;
  private static final int MAX_PROBLEMS = 100;
  private static final Logger LOG = LoggerFactory.getLogger(TraceAnalyzer.class);

  /** SDP bodies read during the pass for stream identification and codecs; later ones are not. */
  public static final int MAX_SDP_HINTS = 20_000;
  /** The default {@link Builder#mediaTimeout(Duration)}. */
  public static final Duration DEFAULT_MEDIA_TIMEOUT = Duration.ofSeconds(3);

  private final Path fsLog;
  private final ZoneId logZone;
  private final boolean streams;
  private final RtpThresholds thresholds;
  private final Duration mediaTimeout;

  private TraceAnalyzer(Builder b) {
    this.fsLog = b.fsLog;
    this.streams = b.streams;
    this.logZone = b.logZone;
    this.thresholds = b.thresholds;
    this.mediaTimeout = b.mediaTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code capture} (and the log, when set) into an analysis: legs, candidates, bindings and,
   * with stream analysis on (the default), the RTP streams measured in the same pass ({@link
   * TraceAnalysis#streams()}). {@link #report(TraceAnalysis, Duration)} makes the {@code trace}
   * report of it.
   *
   * @throws NotACaptureException when the file is not a capture
   * @throws CaptureFormatException for a corrupt length, with its byte offset
   * @throws IOException when the capture or the log cannot be read
   */
  public TraceAnalysis analyze(Path capture) throws IOException, CaptureFormatException {
    Objects.requireNonNull(capture, "capture");
    try (TraceScanner scanner = TraceScanner.open(capture)) {
      return read(scanner, capture.toString(), fsLog == null ? List.of() : FsLogParser.parse(fsLog)).analysis();
    }
  }

  /**
   * Reads the rest of {@code scanner} into an analysis, with the given ACL log lines, as {@link
   * #analyze(Path)} does. The scanner is not closed.
   */
  public TraceAnalysis analyze(TraceScanner scanner, String source, List<AclLogLine> acl)
      throws IOException, CaptureFormatException {
    Objects.requireNonNull(scanner, "scanner");
    Objects.requireNonNull(source, "source");
    return read(scanner, source, List.copyOf(acl)).analysis();
  }

  /** An analysis and its media verdict, which holds the media results of the report. */
  private record Reading(TraceAnalysis analysis, MediaDiagnosis media) {}

  /** The pass, then the media verdict (with stream analysis on, of the streams measured in the pass). */
  private Reading read(TraceScanner scanner, String source, List<AclLogLine> acl)
      throws IOException, CaptureFormatException {
    RtpCollector rtp = streams ? RtpAnalyzer.builder().thresholds(thresholds).build().collector(List.of()) : null;
    if (rtp != null) {
      scanner.onMedia(rtp);
    }
    TraceAnalysis read = scan(scanner, source, acl, rtp);
    Optional<RtpAnalysis> streamAnalysis = rtp == null ? Optional.empty() : Optional.of(rtp.finish());
    MediaDiagnosis media = MediaDiagnosis.of(read, streamAnalysis, mediaTimeout);
    return new Reading(read.withMedia(media.candidates(), media.bindings(), streamAnalysis, media.streams()), media);
  }

  /**
   * The pass; every SDP read teaches the scanner the negotiated media (RTP and T.38 endpoints), and
   * with {@code rtp} the collector its endpoints and codecs.
   */
  private TraceAnalysis scan(TraceScanner scanner, String source, List<AclLogLine> acl, RtpCollector rtp)
      throws IOException, CaptureFormatException {
    SdpParser parser = SdpParser.defaults();
    int sdps = 0;
    Legs legs = new Legs();
    List<StunPacket> stun = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Optional<TraceMessage> m = scanner.next(); m.isPresent(); m = scanner.next()) {
      if (m.get() instanceof SipMessage sip) {
        legs.add(sip);
        if (sdps < MAX_SDP_HINTS && sip.sdp().isPresent()) {
          sdps++;
          learn(scanner, rtp, parser, sip);
        }
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
        legs.build(), stun, scanner.mediaFlows(), acl, problems, scanner.invalidTimestamps(), List.of(), List.of(),
        Optional.empty(), List.of());
    LOG.debug("trace {}: {} legs, {}, truncation {}", source, a.legs().size(), a.counts(), a.truncation());
    return a;
  }

  private static void learn(TraceScanner scanner, RtpCollector rtp, SdpParser parser, SipMessage sip) {
    try {
      SessionDescription sdp = parser.parse(sip.sdp().orElseThrow(), "frame " + sip.frame());
      scanner.learnSdp(sdp);
      if (rtp != null) {
        MediaHints.withCandidates(0, sdp, Optional.empty()).forEach(rtp::learn);
      }
    } catch (IllegalArgumentException | SdpFormatException e) {
      LOG.debug("SDP in frame {} gives no media hints: {}", sip.frame(), e.getMessage());
    }
  }

  /**
   * Analyses {@code capture} and returns the {@code trace} report; with stream analysis on (the
   * default) the same pass also measures every RTP stream, identified and given its codec by the
   * SDPs read so far, and ties it to its call, leg and direction (result {@code trace.rtp}, {@code
   * data.streams}; {@code media.packet-loss}, {@code media.high-jitter}, {@code
   * media.one-way-audio}, {@code media.no-rtp}; docs/field-guide.md#media, #failure-patterns). The
   * report's {@code data} is the analysis' {@link TraceAnalysis#details() details}.
   */
  public Report report(Path capture) throws IOException, CaptureFormatException {
    Objects.requireNonNull(capture, "capture");
    try (TraceScanner scanner = TraceScanner.open(capture)) {
      return report(scanner, capture.toString());
    }
  }

  /**
   * As {@link #report(Path)}, for what {@code scanner} has not read yet, e.g. a capture read from a
   * stream with {@link CaptureReader#open(java.io.InputStream, String)}; {@code source} names it in
   * the report. The scanner is not closed.
   */
  public Report report(TraceScanner scanner, String source) throws IOException, CaptureFormatException {
    Objects.requireNonNull(scanner, "scanner");
    Objects.requireNonNull(source, "source");
    Instant start = Instant.now();
    List<AclLogLine> acl = fsLog == null ? List.of() : FsLogParser.parse(fsLog);
    Reading r = read(scanner, source, acl);
    return Diagnosis.report(r.analysis(), r.media(), fsLog != null, logZone, Duration.between(start, Instant.now()));
  }

  /**
   * The {@code trace} report of an analysis (results, findings, and its {@link TraceAnalysis#details()
   * details} as {@code data}); with streams in the analysis also the result {@code trace.rtp}, judged
   * with this analyser's media timeout.
   */
  public Report report(TraceAnalysis analysis, Duration elapsed) {
    Objects.requireNonNull(analysis, "analysis");
    Objects.requireNonNull(elapsed, "elapsed");
    return Diagnosis.report(analysis, MediaDiagnosis.of(analysis, analysis.rtp(), mediaTimeout), fsLog != null,
        logZone, elapsed);
  }

  /** Builds a {@link TraceAnalyzer}; not thread-safe. */
  public static final class Builder {
    private boolean streams = true;
    private RtpThresholds thresholds = RtpThresholds.defaults();
    private Duration mediaTimeout = DEFAULT_MEDIA_TIMEOUT;
    private Path fsLog;
    private ZoneId logZone = ZoneId.systemDefault();

    private Builder() {}

    /** A FreeSWITCH log to correlate (docs/field-guide.md#failure-patterns); unreadable -> IOException from analyze. */
    public Builder fsLog(Path fsLog) {
      this.fsLog = Objects.requireNonNull(fsLog, "fsLog");
      return this;
    }

    /** The time zone of the log's local time stamps; default the system zone. */
    public Builder logZone(ZoneId zone) {
      this.logZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Loss and jitter thresholds for {@code media.packet-loss} and {@code media.high-jitter} (default
     * {@link RtpThresholds#defaults()}: loss 1 % / 5 %, jitter 30 ms / 60 ms, streams from 50 packets).
     */
    public Builder rtpThresholds(RtpThresholds thresholds) {
      this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
      return this;
    }

    /**
     * How long after an answered call's start (the later of the 2xx and the first binding success)
     * RTP must appear, 100 ms .. 10 min (default {@link TraceAnalyzer#DEFAULT_MEDIA_TIMEOUT}, 3 s): no RTP in that
     * time is {@code media.no-rtp}; a call is judged for it and for {@code media.one-way-audio} only
     * when the capture covers this long after the start (docs/field-guide.md#media).
     */
    public Builder mediaTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("mediaTimeout must be 100 ms .. 10 min but was " + timeout);
      }
      this.mediaTimeout = timeout;
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
