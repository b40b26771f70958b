package org.xphonediag.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.core.report.TextReportWriter;
import org.xphonediag.trace.CaptureFormatException;
import org.xphonediag.trace.NotACaptureException;
import org.xphonediag.trace.TraceAnalyzer;
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

  @Override
  protected Report produce(Terminal terminal) {
    if (!Files.isRegularFile(file)) {
      throw new UsageException("cannot read capture " + file + ": no such file");
    }
    TraceAnalyzer.Builder b = TraceAnalyzer.builder().streams(!noStreams);
    if (mediaTimeout != null) {
      if (!(mediaTimeout >= 0.1 && mediaTimeout <= 600)) {
        throw new UsageException("--media-timeout must be 0.1..600 seconds but was " + mediaTimeout);
      }
      b.mediaTimeout(Duration.ofMillis(Math.round(mediaTimeout * 1000)));
    }
    if (fsLog != null) {
      if (!Files.isRegularFile(fsLog) || !Files.isReadable(fsLog)) {
        throw new UsageException("cannot read --fs-log " + fsLog + ": not a readable file");
      }
      b.fsLog(fsLog);
    }
    if (logZone != null) {
      b.logZone(logZone);
    }
    try {
      return b.build().report(file);
    } catch (NotACaptureException e) {
      throw new UsageException(e.getMessage(), e);
    } catch (CaptureFormatException e) {
      throw new UsageException("corrupt capture: " + e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot read " + e.getFile() + ": no such file", e);
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected TextReportWriter.DataRenderer textData() {
    return TraceCommand::renderLadder;
  }

  /**
   * Per call: each leg's messages as time, source -> destination, message, the SIP verdict, then the
   * offered candidates, the binding summary and the media verdict (docs/field-guide.md#reading-a-trace, #failure-patterns).
   */
  @SuppressWarnings("unchecked")
  static void renderLadder(Details data, PrintWriter w) {
    Map<String, Object> m = data.asMap();
    Details packets = (Details) m.get("packets");
    w.printf("  packets: %s%n", packets == null ? "-" : packets.asMap());
    List<Details> legs = (List<Details>) m.getOrDefault("legs", List.of());
    List<Details> candidates = (List<Details>) m.getOrDefault("candidates", List.of());
    List<Details> bindings = (List<Details>) m.getOrDefault("bindings", List.of());
    List<Details> streams = (List<Details>) m.getOrDefault("streams", List.of());
    renderStreams(streams, null, "  ", w);
    Set<Object> calls = new LinkedHashSet<>();
    legs.forEach(l -> calls.add(l.asMap().get("call")));
    bindings.forEach(b -> calls.add(b.asMap().get("call")));
    for (Object call : calls) {
      w.printf(Objects.equals(call, 0) ? "  binding requests of no captured call%n" : "  call %s%n", call);
      for (Details leg : legs) {
        if (Objects.equals(leg.asMap().get("call"), call)) {
          renderLeg(leg.asMap(), w);
        }
      }
      for (Details c : candidates) {
        Map<String, Object> x = c.asMap();
        if (Objects.equals(x.get("call"), call)) {
          StringBuilder list = new StringBuilder();
          for (Details cand : (List<Details>) x.get("candidates")) {
            Map<String, Object> y = cand.asMap();
            list.append(list.length() == 0 ? "" : ", ").append(y.get("address")).append(':').append(y.get("port"))
                .append(' ').append(y.get("type")).append(" (").append(y.get("addressClass")).append(')');
          }
          w.printf("    %s candidates (frame %s, ufrag %s): %s%n", x.get("side"), x.get("frame"),
              x.getOrDefault("iceUfrag", "-"), list.length() == 0 ? "none" : list);
        }
      }
      for (Details b : bindings) {
        Map<String, Object> x = b.asMap();
        if (Objects.equals(x.get("call"), call)) {
          w.printf("    bindings: %s requests, %s successes, %s errors%s%n", x.get("requests"), x.get("successes"),
              x.get("errors"), x.containsKey("firstSuccessMs") ? ", first success after " + x.get("firstSuccessMs")
                  + " ms (frame " + x.get("firstSuccessFrame") + ")" : "");
          for (Details pair : (List<Details>) x.get("pairs")) {
            Map<String, Object> y = pair.asMap();
            w.printf("      %s -> %s (%s%s): %s requests, %s successes, %s errors%n", y.get("source"),
                y.get("destination"), y.get("direction"), "tcp".equals(y.get("transport")) ? ", tcp" : "",
                y.get("requests"), y.get("successes"), y.get("errors"));
          }
          if (x.containsKey("hint")) {
            w.printf("      note: %s%n", x.get("hint"));
          }
          w.printf("    media verdict: %s%n", x.get("verdict"));
        }
      }
      renderStreams(streams, call, "    ", w);
    }
  }

  /**
   * One line per RTP stream of {@code call} (null: the streams tied to no call): direction,
   * endpoints, SSRC, codec, packets, loss, jitter, MOS estimate.
   */
  private static void renderStreams(List<Details> streams, Object call, String indent, PrintWriter w) {
    for (Details d : streams) {
      Map<String, Object> x = d.asMap();
      if (!Objects.equals(x.get("call"), call)) {
        continue;
      }
      w.printf("%srtp %s%s -> %s ssrc %s %s: %s packets, %s lost (%s %%), jitter max %s, max delta %s ms, MOS ~%s"
              + " (estimate)%n", indent, x.containsKey("direction") ? x.get("direction") + " " : "", x.get("source"),
          x.get("destination"), x.get("ssrcHex"),
          x.getOrDefault("codec", "pt " + x.get("payloadType")), x.get("packets"), x.get("lost"),
          x.get("lossPercent"), x.containsKey("maxJitterMs") ? x.get("maxJitterMs") + " ms" : "unknown",
          x.get("maxDeltaMs"), x.get("mosEstimate"));
    }
  }

  private static void renderLeg(Map<String, Object> l, PrintWriter w) {
    w.printf("    leg %s (%s) Call-ID %s%s%n", l.get("role"), l.get("identifiedBy"), l.get("callId"),
        l.get("userAgent").toString().isEmpty() ? "" : ", " + l.get("userAgent"));
    for (Details msg : (List<Details>) l.get("messages")) {
      Map<String, Object> x = msg.asMap();
      String time = x.get("time").toString();
      int t = time.indexOf('T');
      w.printf("      %-16s #%-6s %s -> %s  %s%s%n", t >= 0 ? time.substring(t + 1) : time, x.get("frame"),
          x.get("source"), x.get("destination"), x.get("message"), Boolean.TRUE.equals(x.get("sdp")) ? " (SDP)" : "");
    }
    Object status = l.get("finalStatus");
    w.printf("      verdict: %s%n", status == null ? "no final answer captured"
        : status + " " + l.get("finalReason") + " (frame " + l.get("finalFrame") + ")");
  }
}
