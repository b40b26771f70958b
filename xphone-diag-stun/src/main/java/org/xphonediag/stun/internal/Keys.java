package org.xphonediag.stun.internal;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.xphonediag.stun.StunCredentials;

/**
 * MESSAGE-INTEGRITY keys, HMAC-SHA1 and FINGERPRINT CRC-32 (RFC 8489 §9.2, §14.5, §14.7). The
 * SASLprep here is the subset that matters for passwords (RFC 4013: map "commonly mapped to
 * nothing" characters away, non-ASCII spaces to U+0020, then NFKC); prohibited-character and
 * bidi checks are not done. Stateless and thread-safe.
 */
public final class Keys {
  /** The value FINGERPRINT's CRC-32 is XORed with (RFC 8489 §14.7). */
  public static final long FINGERPRINT_XOR = 0x5354554eL;

  private Keys() {}

  /** The HMAC key for {@code credentials}; wipe it after use. */
  public static byte[] key(StunCredentials credentials) {
    char[] pwd = credentials.password().reveal();
    try {
      String prepped = saslPrep(CharBuffer.wrap(pwd));
      if (!credentials.isLongTerm()) {
        return prepped.getBytes(StandardCharsets.UTF_8);
      }
      String input = credentials.username().orElseThrow() + ":" + credentials.realm().orElseThrow() + ":" + prepped;
      return MessageDigest.getInstance("MD5").digest(input.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is not available in this JVM", e);
    } finally {
      Arrays.fill(pwd, '\0');
    }
  }

  /** RFC 4013 mapping and normalisation (see the class comment for what is left out). */
  static String saslPrep(CharSequence s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (mapsToNothing(c)) {
        continue;
      }
      b.append(isNonAsciiSpace(c) ? ' ' : c);
    }
    return Normalizer.normalize(b, Normalizer.Form.NFKC);
  }

  private static boolean mapsToNothing(char c) {
    return c == '\u00AD' || c == '\u034F' || c == '\u1806' || (c >= '\u180B' && c <= '\u180D')
        || (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || (c >= '\uFE00' && c <= '\uFE0F') || c == '\uFEFF';
  }

  private static boolean isNonAsciiSpace(char c) {
    return c == '\u00A0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200A') || c == '\u202F' || c == '\u205F'
        || c == '\u3000';
  }

  /** HMAC-SHA1 of {@code data[0..length)} under {@code key}. */
  public static byte[] hmacSha1(byte[] key, byte[] data, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      // an empty key equals a block of zeros in HMAC (RFC 2104 §2); SecretKeySpec refuses empty keys
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[64] : key, "HmacSHA1"));
      mac.update(data, 0, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available in this JVM", e);
    }
  }

  /** CRC-32 of {@code data[0..length)} XOR 0x5354554e. */
  public static long fingerprint(byte[] data, int length) {
    CRC32 crc = new CRC32();
    crc.update(data, 0, length);
    return crc.getValue() ^ FINGERPRINT_XOR;
  }
}
