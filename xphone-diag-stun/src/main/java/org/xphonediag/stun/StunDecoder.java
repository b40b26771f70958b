package org.xphonediag.stun;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.xphonediag.stun.internal.Attributes;
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
    return read(Objects.requireNonNull(message, "message"), null);
  }

  /**
   * Decodes and verifies MESSAGE-INTEGRITY with {@code credentials}.
   *
   * @throws StunFormatException naming the attribute, byte offset and what was expected
   */
  public static StunMessage decode(byte[] message, StunCredentials credentials) throws StunFormatException {
    return read(Objects.requireNonNull(message, "message"), Objects.requireNonNull(credentials, "credentials"));
  }

  /** Decodes one message that fills {@code data} exactly; {@code credentials} null: integrity unverified. */
  private static StunMessage read(byte[] data, StunCredentials credentials) throws StunFormatException {
    Codec.checkHeader(data);
    int type = Codec.u16(data, 0);
    byte[] txid = Arrays.copyOfRange(data, 8, 20);
    List<StunAttribute> attributes = new ArrayList<>();
    Verification integrity = Verification.ABSENT;
    Verification fingerprint = Verification.ABSENT;
    int pos = 20;
    while (pos < data.length) {
      if (data.length - pos < 4) {
        throw new StunFormatException(null, pos, "an attribute header needs 4 bytes but " + (data.length - pos)
            + " remain");
      }
      int at = Codec.u16(data, pos);
      int alen = Codec.u16(data, pos + 2);
      String name = Attributes.name(at);
      int padded = (alen + 3) & ~3;
      if (pos + 4 + padded > data.length) {
        throw new StunFormatException(name, pos, "length " + alen + " (padded " + padded + ") runs past the end of the "
            + "message: " + (data.length - pos - 4) + " bytes remain");
      }
      if (fingerprint != Verification.ABSENT) {
        throw new StunFormatException(name, pos, "FINGERPRINT must be the last attribute but " + name + " follows it");
      }
      byte[] value = Arrays.copyOfRange(data, pos + 4, pos + 4 + alen);
      attributes.add(new StunAttribute(at, name, pos, value, Attributes.decode(at, value, pos, txid)));
      if (at == Attributes.MESSAGE_INTEGRITY && integrity == Verification.ABSENT) {
        integrity = credentials == null ? Verification.UNVERIFIED
            : Codec.verifyIntegrity(data, pos, value, credentials);
      } else if (at == Attributes.FINGERPRINT) {
        fingerprint = Codec.verifyFingerprint(data, pos, value);
      }
      pos += 4 + padded;
    }
    return new StunMessage(Codec.messageClass(type), Codec.method(type), txid, attributes, integrity, fingerprint);
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
