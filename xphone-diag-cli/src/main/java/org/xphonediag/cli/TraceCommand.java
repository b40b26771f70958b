package org.xphonediag.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.io.InputFileException;
import org.xphonediag.core.net.Transport;
import org.xphonediag.core.report.TextReportWriter;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.trace.AnalysedCapture;
import org.xphonediag.trace.BindingPair;
import org.xphonediag.trace.CallBindings;
import org.xphonediag.trace.CallLeg;
import org.xphonediag.trace.CallStream;
import org.xphonediag.trace.CaptureFormatException;
import org.xphonediag.trace.NotACaptureException;
import org.xphonediag.trace.OfferedCandidates;
import org.xphonediag.trace.PacketCounts;
import org.xphonediag.trace.SipMessage;
import org.xphonediag.trace.TraceAnalysis;
import org.xphonediag.trace.TraceAnalyzer;
import org.xphonediag.trace.rtp.RtpCodec;
import org.xphonediag.trace.rtp.RtpStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xphone-diag trace FILE [--fs-log F]}: reads a pcap/pcapng capture (docs/field-guide.md#reading-a-trace), shows per
 * call a short ladder and the verdict (docs/field-guide.md#failure-patterns). A file that is not a capture, a corrupt capture
 * or an unreadable log is exit 2.
 */
@Command(name = TraceCommand.NAME, mixinStandardHelpOptions = true,
    description = "Analyse a pcap/pcapng capture taken on the XCC host (Ethernet plus loopback).")
final class TraceCommand extends ReportCommand {
  /** The command's name. */
  static final String NAME = "trace";

  @Parameters(index = "0", paramLabel = "FILE", description = "the capture (pcap or pcapng)")
  Path file;

  @Option(names = "--no-streams", description = "skip the RTP stream statistics (data.streams), e.g. for signalling only")
  boolean noStreams;

  @Option(names = "--media-timeout", paramLabel = "SECONDS",
      description = "how long after an answered call's start (2xx and first binding success) RTP must appear;"
          + " 0.1..600, default 3 (media.no-rtp, media.one-way-audio)")
  Double mediaTimeout;

  @Option(names = "--fs-log", paramLabel = "F", description = "a FreeSWITCH (XCC) log to correlate ACL rejections")
  Path fsLog;

  @Option(names = "--log-zone", paramLabel = "ZONE",
      description = "time zone of the log's time stamps (default: this machine's)")
  ZoneId logZone;

  /** The analysis {@link #produce} read, which the text output renders. */
  private TraceAnalysis analysis;

  @Override
  protected Report produce(Terminal terminal) {
    InputFile.regular("capture", file);
    TraceAnalyzer.Builder b = TraceAnalyzer.builder().streams(!noStreams);
    if (mediaTimeout != null) {
      if (!(mediaTimeout >= 0.1 && mediaTimeout <= 600)) {
        throw new UsageException("--media-timeout must be 0.1..600 seconds but was " + mediaTimeout);
      }
      b.mediaTimeout(Duration.ofMillis(Math.round(mediaTimeout * 1000)));
    }
    if (fsLog != null) {
      b.fsLog(InputFile.regular("--fs-log", fsLog));
    }
    if (logZone != null) {
      b.logZone(logZone);
    }
    TraceAnalyzer analyzer = b.build();
    Report report;
    try {
      report = analyzer.report(file);
    } catch (NotACaptureException e) {
      throw new UsageException(describe(e), e);
    } catch (CaptureFormatException e) {
      throw new UsageException("corrupt capture: " + describe(e), e);
    } catch (IOException e) {
      String failed = e instanceof InputFileException i ? i.file()
          : e instanceof FileSystemException f ? f.getFile() : null;
      boolean log = fsLog != null && fsLog.toString().equals(failed);
      throw InputFile.unreadable(log ? "--fs-log" : "capture", log ? fsLog : file, e);
    }
    analysis = report.outcome(CheckCatalog.TRACE_CAPTURE, AnalysedCapture.class).map(AnalysedCapture::analysis)
        .orElseThrow(() -> new IllegalStateException("the trace report carries no analysis"));
    return report;
  }

  /** {@code REASON (SOURCE at byte offset N)}: the one-line message of a capture that cannot be read. */
  static String describe(CaptureFormatException e) {
    return e.reason() + " (" + e.location().source() + " at byte offset " + e.byteOffset() + ")";
  }

  @Override
  protected TextReportWriter.DataRenderer textData() {
    TraceAnalysis a = analysis;
    return (data, w) -> renderLadder(a, w);
  }

  /**
   * Per call: each leg's messages as time, source -> destination, message, the SIP verdict, then the
   * offered candidates, the binding summary and the media verdict (docs/field-guide.md#reading-a-trace,
   * #failure-patterns); the RTP streams tied to no call first.
   */
  static void renderLadder(TraceAnalysis a, PrintWriter w) {
    w.printf("  packets: %s%n", packets(a.counts()));
    renderStreams(a.streams(), OptionalInt.empty(), "  ", w);
    Set<Integer> calls = new LinkedHashSet<>();
    a.legs().forEach(l -> calls.add(l.call()));
    a.bindings().forEach(b -> calls.add(b.call()));
    for (int call : calls) {
      w.printf(call == 0 ? "  binding requests of no captured call%n" : "  call %s%n", call);
      for (CallLeg leg : a.legs()) {
        if (leg.call() == call) {
          renderLeg(leg, w);
        }
      }
      for (OfferedCandidates c : a.candidates()) {
        if (c.call() == call) {
          StringBuilder list = new StringBuilder();
          for (SdpCandidate cand : c.candidates()) {
            list.append(list.length() == 0 ? "" : ", ").append(cand.address()).append(':').append(cand.port())
                .append(' ').append(cand.type().jsonName()).append(" (").append(cand.addressClass().jsonName())
                .append(')');
          }
          w.printf("    %s candidates (frame %s, ufrag %s): %s%n", c.side(), c.frame(), c.iceUfrag().orElse("-"),
              list.length() == 0 ? "none" : list);
        }
      }
      for (CallBindings b : a.bindings()) {
        if (b.call() == call) {
          w.printf("    bindings: %s requests, %s successes, %s errors%s%n", b.requests(), b.successes(), b.errors(),
              b.firstSuccessMs().isPresent() ? ", first success after " + b.firstSuccessMs().getAsDouble()
                  + " ms (frame " + b.firstSuccessFrame().getAsLong() + ")" : "");
          for (BindingPair pair : b.pairs()) {
            w.printf("      %s -> %s (%s%s): %s requests, %s successes, %s errors%n", pair.source(),
                pair.destination(), pair.direction().jsonName(), pair.transport() == Transport.TCP ? ", tcp" : "",
                pair.requests(), pair.successes(), pair.errors());
          }
          b.hint().ifPresent(h -> w.printf("      note: %s%n", h));
          w.printf("    media verdict: %s%n", b.verdict());
        }
      }
      renderStreams(a.streams(), OptionalInt.of(call), "    ", w);
    }
  }

  /** The counts as {@code {total=N, sip=N, ...}}, the keys of {@code data.packets} in their order. */
  private static String packets(PacketCounts c) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("total", c.total());
    m.put("sip", c.sip());
    m.put("stun", c.stun());
    m.put("rtp", c.rtp());
    m.put("rtcp", c.rtcp());
    m.put("dtls", c.dtls());
    m.put("udptl", c.udptl());
    m.put("other", c.other());
    m.put("tcpGaps", c.tcpGaps());
    m.put("sipUnparsable", c.sipUnparsable());
    if (c.ipFragments() > 0) {
      m.put("ipFragments", c.ipFragments());
      m.put("fragmentsIncomplete", c.fragmentsIncomplete());
      m.put("fragmentsOverlapping", c.fragmentsOverlapping());
    }
    if (c.ipInIp() > 0) {
      m.put("ipInIp", c.ipInIp());
    }
    if (c.sctp() > 0) {
      m.put("sctp", c.sctp());
    }
    if (c.invalidTimestamps() > 0) {
      m.put("invalidTimestamps", c.invalidTimestamps());
    }
    return m.toString();
  }

  /**
   * One line per RTP stream of {@code call} (empty: the streams tied to no call): direction,
   * endpoints, SSRC, codec, packets, loss, jitter, MOS estimate.
   */
  private static void renderStreams(List<CallStream> streams, OptionalInt call, String indent, PrintWriter w) {
    for (CallStream cs : streams) {
      if (!streamCall(cs).equals(call)) {
        continue;
      }
      RtpStream s = cs.stream();
      w.printf("%srtp %s%s -> %s ssrc %s %s: %s packets, %s lost (%s %%), jitter max %s, max delta %s ms, MOS ~%s"
              + " (estimate)%n", indent, cs.direction().map(d -> d + " ").orElse(""), s.source(), s.destination(),
          s.ssrcHex(), s.codec().map(RtpCodec::name).orElse("pt " + s.payloadType()), s.packets(), s.lost(),
          round(s.lossPercent(), 1000), s.jitterKnown() ? round(s.maxJitterMs(), 1000) + " ms" : "unknown",
          round(s.maxDeltaMs(), 1000), round(s.mosEstimate(), 100));
    }
  }

  /** The call a stream is listed under, its {@code call} in {@code data.streams}: the stream's own, else the one it is tied to. */
  private static OptionalInt streamCall(CallStream cs) {
    return cs.stream().call() > 0 ? OptionalInt.of(cs.stream().call()) : cs.call();
  }

  /** {@code v} rounded as in {@code data.streams} ({@code scale} 1000: three places, 100: two). */
  private static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }

  private static void renderLeg(CallLeg l, PrintWriter w) {
    w.printf("    leg %s (%s) Call-ID %s%s%n", l.role().name().toLowerCase(Locale.ROOT).replace('_', '-'), l.identifiedBy(), l.callId(),
        l.userAgent().isEmpty() ? "" : ", " + l.userAgent());
    for (SipMessage m : l.messages().subList(0, Math.min(CallLeg.REPORTED_MESSAGES, l.messages().size()))) {
      String time = m.time().toString();
      int t = time.indexOf('T');
      w.printf("      %-16s #%-6s %s -> %s  %s%s%n", t >= 0 ? time.substring(t + 1) : time, m.frame(),
          m.source(), m.destination(), m.summary(), m.sdp().isPresent() ? " (SDP)" : "");
    }
    w.printf("      verdict: %s%n", l.finalResponse().map(f -> f.statusCode() + " " + f.reason() + " (frame "
        + f.frame() + ")").orElse("no final answer captured"));
  }
}
