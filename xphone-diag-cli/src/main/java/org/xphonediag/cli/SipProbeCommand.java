package org.xphonediag.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Report;
import org.xphonediag.core.io.ReadLimit;
import org.xphonediag.sip.SipAnswer;
import org.xphonediag.sip.SipClient;
import org.xphonediag.sip.SipMethod;
import org.xphonediag.sip.SipRequestCheck;
import org.xphonediag.sip.SipUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xphone-diag sip-probe sip:URI [--method OPTIONS|INVITE] [--sdp F] [--timeout D]}: sends one
 * SIP request and reports the answer (docs/field-guide.md#xcc-acls, #failure-patterns). 403 is {@code sip.forbidden}, 488
 * {@code sip.not-acceptable}, silence {@code sip.no-answer}; {@code data} has {@code statusCode} and
 * {@code reason} when answered, plus {@code outcome}. The {@code --sdp} body is sent byte for byte.
 */
@Command(name = "sip-probe", mixinStandardHelpOptions = true,
    description = "Send a SIP OPTIONS or INVITE to a sip: URI and report the answer (403: ACL rejects this "
        + "source; 488: candidates rejected). An INVITE never leaves a call behind (CANCEL, ACK, BYE).")
final class SipProbeCommand extends ReportCommand {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,6})(ms|s|m)");
  /** The SDP body an INVITE carries: 64 KiB, the most a SIP message over UDP can hold. */
  private static final ReadLimit SDP_BODY = new ReadLimit("SIP message body", 64 * 1024);

  @Parameters(paramLabel = "sip:URI", description = "The target, e.g. sip:10.0.0.5:5060 or sip:127.0.0.1:4900;transport=tcp.")
  String uri;

  @Option(names = "--method", paramLabel = "METHOD", defaultValue = "OPTIONS",
      description = "OPTIONS or INVITE (default: ${DEFAULT-VALUE}).")
  SipMethod method;

  @Option(names = "--transport", paramLabel = "udp|tcp", description = "Overrides the URI's transport (default: udp).")
  String transport;

  @Option(names = "--sdp", paramLabel = "FILE", description = "The SDP an INVITE carries, sent byte for byte "
      + "(default: a generated offer with a private host and a public srflx candidate).")
  Path sdp;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
      description = "How long to wait for a final answer: 500ms, 5s, 1m or ISO-8601 (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  protected Report produce(Terminal terminal) throws InterruptedException {
    SipRequestCheck check = SipRequestCheck.of(client());
    CheckResult result = check.run(CheckContext.standalone(check.id(), check.budget().orElseThrow()));
    Report.Builder report = Report.builder("sip-probe").result(result);
    result.outcome(SipAnswer.class).ifPresent(a -> {
      a.statusCode().ifPresent(c -> report.data("statusCode", c));
      if (a.kind() == SipAnswer.Kind.ANSWERED) {
        report.data("reason", a.reason().orElse(""));
      }
      report.data("outcome", a.kind());
    });
    return report.build();
  }

  private SipClient client() {
    SipClient.Builder b;
    try {
      b = SipClient.builder(SipUri.parse(uri)).method(method).timeout(parseDuration(timeout));
      if (transport != null) {
        b.transport(SipUri.parseTransport(transport));
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    if (sdp != null) {
      if (method != SipMethod.INVITE) {
        throw new UsageException("--sdp is for --method INVITE but the method is " + method);
      }
      b.sdp(readSdp(sdp));
    }
    return b.build();
  }

  private static byte[] readSdp(Path file) {
    byte[] bytes = InputFile.bytes("--sdp", file, SDP_BODY);
    if (bytes.length == 0) {
      throw new UsageException("cannot read --sdp " + file + ": the file is empty; an INVITE needs an SDP body");
    }
    return bytes;
  }

  /** {@code 500ms}, {@code 5s}, {@code 1m} or ISO-8601 ({@code PT5S}). */
  static Duration parseDuration(String text) {
    Matcher m = SHORT.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Duration.ofMillis(n);
        case "s":
          return Duration.ofSeconds(n);
        default:
          return Duration.ofMinutes(n);
      }
    }
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--timeout must be like 500ms, 5s, 1m or PT5S but was '" + text + "'", e);
    }
  }
}
