package org.xphonediag.stun.internal;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xphonediag.core.Details;
import org.xphonediag.stun.StunAttribute;
import org.xphonediag.stun.StunClass;
import org.xphonediag.stun.StunCredentials;
import org.xphonediag.stun.StunFormatException;
import org.xphonediag.stun.StunMessage;
import org.xphonediag.stun.Verification;

/**
 * Decodes the STUN wire format (RFC 8489 §5, §14) and verifies MESSAGE-INTEGRITY and FINGERPRINT.
 * Stateless and thread-safe.
 */
public final class Codec {
  /** The largest message accepted (a UDP datagram). */
  public static final int MAX_MESSAGE = 65535;

  private Codec() {}

  /** True when {@code data} starts like a STUN message (two zero bits, magic cookie, length fits). */
  public static boolean looksLikeStun(byte[] data, int length) {
    return length >= 20 && (data[0] & 0xC0) == 0 && Attributes.u32(data, 4) == (Attributes.MAGIC_COOKIE & 0xffffffffL)
        && ((((data[2] & 0xff) << 8) | (data[3] & 0xff)) + 20) == length;
  }

  /**
   * Decodes one message that fills {@code data} exactly.
   *
   * @param credentials the key for MESSAGE-INTEGRITY, or {@code null} (integrity then {@code unverified})
   */
  public static StunMessage decode(byte[] data, StunCredentials credentials) throws StunFormatException {
    if (data.length < 20) {
      throw new StunFormatException(null, 0, "a message must be at least 20 bytes but was " + data.length);
    }
    if (data.length > MAX_MESSAGE) {
      throw new StunFormatException(null, 0, "a message must be at most " + MAX_MESSAGE + " bytes but was " + data.length);
    }
    int type = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
    if ((type & 0xC000) != 0) {
      throw new StunFormatException(null, 0, String.format(Locale.ROOT,
          "the first two bits must be 0 but the type was 0x%04x (not STUN)", type));
    }
    long cookie = Attributes.u32(data, 4);
    if (cookie != (Attributes.MAGIC_COOKIE & 0xffffffffL)) {
      throw new StunFormatException(null, 4, String.format(Locale.ROOT,
          "magic cookie must be 0x2112a442 but was 0x%08x (not RFC 5389/8489 STUN)", cookie));
    }
    int length = ((data[2] & 0xff) << 8) | (data[3] & 0xff);
    if (length % 4 != 0) {
      throw new StunFormatException(null, 2, "length must be a multiple of 4 but was " + length);
    }
    if (length != data.length - 20) {
      throw new StunFormatException(null, 2, "length must be " + (data.length - 20)
          + " (the bytes after the header) but was " + length);
    }
    int method = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
    StunClass cls = StunClass.ofBits(((type >> 7) & 0x2) | ((type >> 4) & 0x1));
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
      int at = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
      int alen = ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
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
      Details decoded = Attributes.decode(at, value, pos, txid);
      attributes.add(new StunAttribute(at, name, pos, value, decoded));
      if (at == Attributes.MESSAGE_INTEGRITY && integrity == Verification.ABSENT) {
        integrity = credentials == null ? Verification.UNVERIFIED : verifyIntegrity(data, pos, value, credentials);
      } else if (at == Attributes.FINGERPRINT) {
        fingerprint = verifyFingerprint(data, pos, value);
      }
      pos += 4 + padded;
    }
    return new StunMessage(cls, method, txid, attributes, integrity, fingerprint);
  }

  private static Verification verifyIntegrity(byte[] data, int pos, byte[] hmac, StunCredentials credentials) {
    byte[] copy = Arrays.copyOf(data, pos);
    putLength(copy, pos - 20 + 24);
    byte[] key = Keys.key(credentials);
    try {
      return MessageDigest.isEqual(Keys.hmacSha1(key, copy, pos), hmac) ? Verification.VALID : Verification.INVALID;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static Verification verifyFingerprint(byte[] data, int pos, byte[] crc) {
    byte[] copy = Arrays.copyOf(data, pos);
    putLength(copy, pos - 20 + 8);
    return Keys.fingerprint(copy, pos) == Attributes.u32(crc, 0) ? Verification.VALID : Verification.INVALID;
  }

  static void putLength(byte[] message, int length) {
    message[2] = (byte) (length >> 8);
    message[3] = (byte) length;
  }

  /** Lower-case hex of {@code bytes}, for logs. */
  public static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
