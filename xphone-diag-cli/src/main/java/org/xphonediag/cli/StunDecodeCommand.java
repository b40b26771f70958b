package org.xphonediag.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.io.ReadLimit;
import org.xphonediag.stun.StunCredentials;
import org.xphonediag.stun.StunDecoder;
import org.xphonediag.stun.StunFormatException;
import org.xphonediag.stun.StunMessage;
import org.xphonediag.stun.Verification;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xphone-diag stun-decode}: decodes one STUN message (RFC 8489) from hex or a file and
 * verifies MESSAGE-INTEGRITY (short-term or long-term credentials) and FINGERPRINT.
 */
@Command(name = "stun-decode", mixinStandardHelpOptions = true,
    description = "Decode a STUN message: class, method, transaction id, attributes, integrity and fingerprint.")
final class StunDecodeCommand extends ReportCommand {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(names = "--hex", paramLabel = "H", description = "The message as hex (white space and colons ignored).")
    String hex;

    @Option(names = "--file", paramLabel = "F", description = "A file holding the message, raw bytes or hex text.")
    Path file;
  }

  @Option(names = "--password", paramLabel = "P",
      description = "Short-term password (e.g. an ICE pwd), or the long-term password with --username and --realm.")
  String password;

  @Option(names = "--username", paramLabel = "U", description = "Long-term credentials: username (RFC 5769 §2.4).")
  String username;

  @Option(names = "--realm", paramLabel = "R", description = "Long-term credentials: realm.")
  String realm;

  @Override
  protected Report produce(Terminal terminal) {
    if ((username == null) != (realm == null) || (username != null && password == null)) {
      throw new UsageException("stun-decode: long-term credentials need --username, --realm and --password together");
    }
    byte[] bytes = read();
    StunCredentials creds = password == null ? null : username == null
        ? StunCredentials.shortTerm(Secret.of(password))
        : StunCredentials.longTerm(username, realm, Secret.of(password));
    StunMessage m;
    try {
      m = creds == null ? StunDecoder.decode(bytes) : StunDecoder.decode(bytes, creds);
    } catch (StunFormatException e) {
      throw new UsageException("stun-decode: " + (input.file == null ? "--hex" : "--file " + input.file)
          + " is not a STUN message: " + e.getMessage(), e);
    }
    CheckResult.Builder r = CheckResult.builder(CheckCatalog.STUN_DECODE).title("STUN message")
        .summary(String.format(Locale.ROOT, "%s %s %s, %d attribute(s)", m.methodName(), m.messageClass().jsonName(),
            m.transactionIdHex(), m.attributes().size()));
    if (m.integrity() == Verification.INVALID) {
      r.finding(FindingCatalog.STUN_INTEGRITY_INVALID.finding("MESSAGE-INTEGRITY of transaction "
          + m.transactionIdHex() + " must verify with the given credentials but does not").build());
    }
    if (m.fingerprint() == Verification.INVALID) {
      r.finding(FindingCatalog.STUN_INTEGRITY_INVALID.finding("FINGERPRINT of transaction " + m.transactionIdHex()
          + " must match the CRC-32 of the message but does not (message altered in transit?)").build());
    }
    return Report.builder("stun-decode").result(r.build()).data(m.toDetails()).build();
  }

  private byte[] read() {
    if (input.hex != null) {
      return hex(input.hex, "--hex");
    }
    byte[] raw = InputFile.bytes("--file", input.file, ReadLimit.STUN_MESSAGE);
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    boolean hexText = !text.isBlank() && text.chars().allMatch(c -> Character.digit(c, 16) >= 0
        || Character.isWhitespace(c) || c == ':' || c == 'x' || c == 'X');
    return hexText ? hex(text, "--file " + input.file) : raw;
  }

  private static byte[] hex(String text, String where) {
    try {
      return StunDecoder.parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("stun-decode: " + where + ": " + e.getMessage(), e);
    }
  }
}
