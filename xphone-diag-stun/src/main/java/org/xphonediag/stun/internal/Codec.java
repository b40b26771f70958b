package org.xphonediag.stun.internal;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import org.xphonediag.stun.StunClass;
import org.xphonediag.stun.StunCredentials;
import org.xphonediag.stun.StunDecoder;
import org.xphonediag.stun.StunFormatException;
import org.xphonediag.stun.StunMessage;
import org.xphonediag.stun.Verification;

/**
 * The STUN wire format (RFC 8489 §5, §14) under {@link StunDecoder} and {@link MessageWriter}:
 * header checks, type bits, the message length, and the verification of MESSAGE-INTEGRITY and
 * FINGERPRINT.
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
   * Decodes one message that fills {@code data} exactly, as {@link StunDecoder} does.
   *
   * @param credentials the key for MESSAGE-INTEGRITY, or {@code null} (integrity then {@code unverified})
   */
  public static StunMessage decode(byte[] data, StunCredentials credentials) throws StunFormatException {
    return credentials == null ? StunDecoder.decode(data) : StunDecoder.decode(data, credentials);
  }

  /**
   * Checks the 20-byte header of {@code data} (RFC 8489 §5): size, the two zero bits, the magic
   * cookie, and a length that is a multiple of 4 and counts exactly the bytes after the header.
   *
   * @throws StunFormatException naming the byte offset and what was expected
   */
  public static void checkHeader(byte[] data) throws StunFormatException {
    if (data.length < 20) {
      throw new StunFormatException(null, 0, "a message must be at least 20 bytes but was " + data.length);
    }
    if (data.length > MAX_MESSAGE) {
      throw new StunFormatException(null, 0, "a message must be at most " + MAX_MESSAGE + " bytes but was " + data.length);
    }
    int type = u16(data, 0);
    if ((type & 0xC000) != 0) {
      throw new StunFormatException(null, 0, String.format(Locale.ROOT,
          "the first two bits must be 0 but the type was 0x%04x (not STUN)", type));
    }
    long cookie = Attributes.u32(data, 4);
    if (cookie != (Attributes.MAGIC_COOKIE & 0xffffffffL)) {
      throw new StunFormatException(null, 4, String.format(Locale.ROOT,
          "magic cookie must be 0x2112a442 but was 0x%08x (not RFC 5389/8489 STUN)", cookie));
    }
    int length = u16(data, 2);
    if (length % 4 != 0) {
      throw new StunFormatException(null, 2, "length must be a multiple of 4 but was " + length);
    }
    if (length != data.length - 20) {
      throw new StunFormatException(null, 2, "length must be " + (data.length - 20)
          + " (the bytes after the header) but was " + length);
    }
  }

  /** The 16-bit big-endian number at {@code offset}. */
  public static int u16(byte[] data, int offset) {
    return ((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff);
  }

  /** The 12-bit method of a message type (RFC 8489 §5: the class bits removed). */
  public static int method(int type) {
    return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
  }

  /** The class of a message type (RFC 8489 §5: bits C1 and C0). */
  public static StunClass messageClass(int type) {
    return StunClass.ofBits(((type >> 7) & 0x2) | ((type >> 4) & 0x1));
  }

  /**
   * Verifies the MESSAGE-INTEGRITY at {@code pos} of {@code data} (RFC 8489 §14.5): the HMAC-SHA1
   * over the message up to the attribute, with the length adjusted to end after it.
   */
  public static Verification verifyIntegrity(byte[] data, int pos, byte[] hmac, StunCredentials credentials) {
    byte[] copy = Arrays.copyOf(data, pos);
    putLength(copy, pos - 20 + 24);
    byte[] key = Keys.key(credentials);
    try {
      return MessageDigest.isEqual(Keys.hmacSha1(key, copy, pos), hmac) ? Verification.VALID : Verification.INVALID;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Verifies the FINGERPRINT at {@code pos} of {@code data} (RFC 8489 §14.7): the CRC-32 of the
   * message up to the attribute, XORed with 0x5354554e.
   */
  public static Verification verifyFingerprint(byte[] data, int pos, byte[] crc) {
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
