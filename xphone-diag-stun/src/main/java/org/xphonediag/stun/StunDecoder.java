package org.xphonediag.stun;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.xphonediag.stun.internal.Codec;

/**
 * Decodes any STUN message (RFC 8489 §5, §14) from bytes or hex: class, method, transaction id,
 * every attribute (known types decoded, unknown kept raw) and the state of MESSAGE-INTEGRITY and
 * FINGERPRINT, verified against optional credentials (short-term, or long-term as in RFC 5769
 * §2.4). Stateless and thread-safe.
 *
 * <pre>{@code
 * StunMessage m = StunDecoder.decode(bytes, StunCredentials.shortTerm(Secret.of(icePwd)));
 * if (m.integrity() == Verification.INVALID) { ... }
 * }</pre>
 */
public final class StunDecoder {
  private StunDecoder() {}

  /** Decodes without credentials: a MESSAGE-INTEGRITY present is {@link Verification#UNVERIFIED}. */
  public static StunMessage decode(byte[] message) throws StunFormatException {
    return Codec.decode(Objects.requireNonNull(message, "message"), null);
  }

  /**
   * Decodes and verifies MESSAGE-INTEGRITY with {@code credentials}.
   *
   * @throws StunFormatException naming the attribute, byte offset and what was expected
   */
  public static StunMessage decode(byte[] message, StunCredentials credentials) throws StunFormatException {
    return Codec.decode(Objects.requireNonNull(message, "message"), Objects.requireNonNull(credentials, "credentials"));
  }

  /**
   * Parses hex text (white space, colons and a leading {@code 0x} ignored) into bytes.
   *
   * @throws IllegalArgumentException naming the first character that is not a hex digit
   */
  public static byte[] parseHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    String s = hex.strip();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    StringBuilder digits = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == ':') {
        continue;
      }
      if (Character.digit(c, 16) < 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "hex text: character %d must be a hex digit but was '%s'", i + 1, c));
      }
      digits.append(c);
    }
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException("hex text: the number of hex digits must be even but was " + digits.length());
    }
    return HexFormat.of().parseHex(digits);
  }
}
