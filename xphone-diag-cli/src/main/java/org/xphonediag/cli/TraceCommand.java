package org.xphonediag.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
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
 * {@code xphone-diag trace FILE [--fs-log F]}: reads a pcap/pcapng capture (DOMAIN §6), shows per
 * call a short ladder and the verdict (DOMAIN §7). A file that is not a capture, a corrupt capture
 * or an unreadable log is exit 2.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = "Analyse a pcap/pcapng capture taken on the XCC host (Ethernet plus loopback).")
final class TraceCommand extends ReportCommand {
  @Parameters(index = "0", paramLabel = "FILE", description = "the capture (pcap or pcapng)")
  Path file;

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
    TraceAnalyzer.Builder b = TraceAnalyzer.builder();
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

  /** Per call: each leg's messages as time, source -> destination, message, then the verdict. */
  @SuppressWarnings("unchecked")
  static void renderLadder(Details data, PrintWriter w) {
    Map<String, Object> m = data.asMap();
    Details packets = (Details) m.get("packets");
    w.printf("  packets: %s%n", packets == null ? "-" : packets.asMap());
    List<Details> legs = (List<Details>) m.getOrDefault("legs", List.of());
    int call = -1;
    for (Details leg : legs) {
      Map<String, Object> l = leg.asMap();
      if (!l.get("call").equals(call)) {
        call = (Integer) l.get("call");
        w.printf("  call %d%n", call);
      }
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
}
