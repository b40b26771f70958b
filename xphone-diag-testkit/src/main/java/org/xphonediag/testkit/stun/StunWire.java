package org.xphonediag.testkit.stun;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The little of the STUN wire format (RFC 8489 §5, §14; RFC 5780 §7) the responder needs, written
 * apart from the stun module's codec on purpose: a codec bug cannot hide behind its own fake.
 */
final class StunWire {
  static final int MAGIC_COOKIE = 0x2112A442;
  static final int HEADER = 20;
  static final int MAX_MESSAGE = 65_535;
  static final int BINDING_REQUEST = 0x0001;
  static final int BINDING_SUCCESS = 0x0101;
  static final int BINDING_ERROR = 0x0111;
  static final int USERNAME = 0x0006;
  static final int MESSAGE_INTEGRITY = 0x0008;
  static final int ERROR_CODE = 0x0009;
  static final int CHANGE_REQUEST = 0x0003;
  static final int XOR_MAPPED_ADDRESS = 0x0020;
  static final int SOFTWARE = 0x8022;
  static final int FINGERPRINT = 0x8028;
  static final int RESPONSE_ORIGIN = 0x802B;
  static final int OTHER_ADDRESS = 0x802C;
  /** RFC 8489 §14.7: the CRC-32 of the message is XORed with this. */
  private static final int FINGERPRINT_XOR = 0x5354554E;

  private StunWire() {}

  /** A request as the responder reads it: type, transaction id and the attributes it looks at. */
  record Request(int type, byte[] transactionId, String username, Integer changeFlags, boolean integrityValid) {}

  /**
   * Reads a datagram as a STUN message, or null when it is none (RFC 8489 §6.3: not a STUN
   * message, it is ignored). MESSAGE-INTEGRITY is checked with {@code key} when given.
   */
  static Request read(byte[] data, byte[] key) {
    if (data.length < HEADER || (data[0] & 0xC0) != 0 || u32(data, 4) != MAGIC_COOKIE) {
      return null;
    }
    int length = u16(data, 2);
    if (length % 4 != 0 || HEADER + length != data.length) {
      return null;
    }
    String username = null;
    Integer change = null;
    boolean integrity = false;
    int pos = HEADER;
    while (pos + 4 <= data.length) {
      int type = u16(data, pos);
      int len = u16(data, pos + 2);
      int value = pos + 4;
      if (value + len > data.length) {
        return null;
      }
      if (type == USERNAME && username == null) {
        username = new String(data, value, len, StandardCharsets.UTF_8);
      } else if (type == CHANGE_REQUEST && len == 4 && change == null) {
        change = (int) u32(data, value);
      } else if (type == MESSAGE_INTEGRITY) {
        integrity = key != null && len == 20 && integrityMatches(data, pos, key);
        break; // RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY (but FINGERPRINT) are ignored
      }
      pos = value + ((len + 3) & ~3);
    }
    return new Request(u16(data, 0), Arrays.copyOfRange(data, 8, 20), username, change, integrity);
  }

  private static boolean integrityMatches(byte[] data, int attributeAt, byte[] key) {
    byte[] covered = Arrays.copyOf(data, attributeAt);
    putU16(covered, 2, attributeAt - HEADER + 24);
    byte[] expected = hmacSha1(key, covered);
    return MessageDigest.isEqual(expected, Arrays.copyOfRange(data, attributeAt + 4, attributeAt + 24));
  }

  /** The short-term credential key: the password as OpaqueString (RFC 8265 §4.2) in UTF-8 (RFC 8489 §9.1.1). */
  static byte[] shortTermKey(char[] password) {
    StringBuilder sb = new StringBuilder(password.length);
    for (char c : password) {
      sb.append(Character.isSpaceChar(c) ? ' ' : c);
    }
    return Normalizer.normalize(sb, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] hmacSha1(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available in this JVM", e);
    }
  }

  static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  static long u32(byte[] b, int at) {
    return ((long) u16(b, at) << 16 | u16(b, at + 2)) & 0xffffffffL;
  }

  static void putU16(byte[] b, int at, int v) {
    b[at] = (byte) (v >> 8);
    b[at + 1] = (byte) v;
  }

  /** Writes one message: header, attributes in the order added, MESSAGE-INTEGRITY then FINGERPRINT last. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    private final byte[] transactionId;

    Writer(int type, byte[] transactionId) {
      this.transactionId = transactionId.clone();
      u16(type);
      u16(0);
      u16(MAGIC_COOKIE >>> 16);
      u16(MAGIC_COOKIE & 0xffff);
      out.writeBytes(transactionId);
    }

    Writer attribute(int type, byte[] value) {
      u16(type);
      u16(value.length);
      out.writeBytes(value);
      for (int i = value.length; i % 4 != 0; i++) {
        out.write(0);
      }
      return this;
    }

    Writer text(int type, String text) {
      return attribute(type, text.getBytes(StandardCharsets.UTF_8));
    }

    /** MAPPED-ADDRESS layout (RFC 8489 §14.1); XORed (§14.2) for XOR-MAPPED-ADDRESS. */
    Writer address(int type, InetSocketAddress address) {
      byte[] ip = address.getAddress().getAddress();
      int port = address.getPort();
      if (type == XOR_MAPPED_ADDRESS) {
        port ^= MAGIC_COOKIE >>> 16;
        byte[] pad = new byte[16];
        pad[0] = (byte) (MAGIC_COOKIE >>> 24);
        pad[1] = (byte) (MAGIC_COOKIE >>> 16);
        pad[2] = (byte) (MAGIC_COOKIE >>> 8);
        pad[3] = (byte) MAGIC_COOKIE;
        System.arraycopy(transactionId, 0, pad, 4, 12);
        for (int i = 0; i < ip.length; i++) {
          ip[i] ^= pad[i];
        }
      }
      byte[] v = new byte[4 + ip.length];
      v[1] = (byte) (ip.length == 4 ? 0x01 : 0x02);
      putU16(v, 2, port);
      System.arraycopy(ip, 0, v, 4, ip.length);
      return attribute(type, v);
    }

    /** ERROR-CODE (RFC 8489 §14.8): class and number, then the reason phrase. */
    Writer errorCode(int code, String reason) {
      byte[] r = reason.getBytes(StandardCharsets.UTF_8);
      byte[] v = new byte[4 + r.length];
      v[2] = (byte) (code / 100);
      v[3] = (byte) (code % 100);
      System.arraycopy(r, 0, v, 4, r.length);
      return attribute(ERROR_CODE, v);
    }

    /** MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 over the message with the length counting it. */
    Writer integrity(byte[] key) {
      byte[] msg = out.toByteArray();
      putU16(msg, 2, msg.length - HEADER + 24);
      return attribute(MESSAGE_INTEGRITY, hmacSha1(key, msg));
    }

    /** FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message with the length counting it, XOR 0x5354554e. */
    Writer fingerprint() {
      byte[] msg = out.toByteArray();
      putU16(msg, 2, msg.length - HEADER + 8);
      CRC32 crc = new CRC32();
      crc.update(msg);
      int value = (int) crc.getValue() ^ FINGERPRINT_XOR;
      return attribute(FINGERPRINT, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
          (byte) value});
    }

    byte[] toBytes() {
      byte[] msg = out.toByteArray();
      putU16(msg, 2, msg.length - HEADER);
      return msg;
    }

    private void u16(int v) {
      out.write(v >> 8);
      out.write(v);
    }
  }
}
