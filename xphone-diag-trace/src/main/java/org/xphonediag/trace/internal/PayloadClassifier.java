package org.xphonediag.trace.internal;

import org.xphonediag.trace.PayloadKind;

/**
 * Tells UDP payloads apart by content (RFC 7983 §7 first-byte ranges; STUN by the RFC 8489 §5
 * header; SIP by an RFC 3261 §7.1/§7.2 start line). Stateless.
 */
public final class PayloadClassifier {
  private static final int STUN_COOKIE = 0x2112A442;
  private static final int MAX_START_LINE = 1024;

  private PayloadClassifier() {}

  /** The kind of a UDP payload. */
  public static PayloadKind classify(byte[] b, int off, int len) {
    if (len <= 0) {
      return PayloadKind.OTHER;
    }
    int first = b[off] & 0xff;
    // SIP first: request lines start with A-Z, which overlaps the TURN channel range 64..79
    if (first >= 'A' && first <= 'Z' && sipStartLineLength(b, off, len) > 0) {
      return PayloadKind.SIP;
    }
    if (first <= 3) {
      return isStun(b, off, len) ? PayloadKind.STUN : PayloadKind.OTHER;
    }
    if (first >= 128 && first <= 191) {
      if (len < 8) {
        return PayloadKind.OTHER;
      }
      int pt = b[off + 1] & 0xff;
      return pt >= 192 && pt <= 223 ? PayloadKind.RTCP : len >= 12 ? PayloadKind.RTP : PayloadKind.OTHER;
    }
    if (first >= 20 && first <= 63) {
      return PayloadKind.DTLS;
    }
    if (first >= 16 && first <= 19) {
      return PayloadKind.ZRTP;
    }
    if (first >= 64 && first <= 79) {
      return PayloadKind.TURN_CHANNEL;
    }
    return PayloadKind.OTHER;
  }

  /** True for a whole STUN message: top bits 0, magic cookie, length a multiple of 4 filling the payload. */
  public static boolean isStun(byte[] b, int off, int len) {
    if (len < 20 || (b[off] & 0xC0) != 0) {
      return false;
    }
    int msgLen = ByteInput.u16(b, off + 2, false);
    return msgLen % 4 == 0 && 20 + msgLen == len && ByteInput.s32(b, off + 4, false) == STUN_COOKIE;
  }

  /**
   * The length of the SIP start line at {@code off} (up to and excluding CRLF), or -1 when the bytes
   * do not start with {@code SIP/2.0 NNN} or {@code METHOD SP uri SP SIP/2.0}.
   */
  public static int sipStartLineLength(byte[] b, int off, int len) {
    int max = Math.min(len, MAX_START_LINE);
    int eol = -1;
    for (int i = 0; i < max; i++) {
      if (b[off + i] == '\n') {
        eol = i > 0 && b[off + i - 1] == '\r' ? i - 1 : i;
        break;
      }
    }
    if (eol < 12) {
      return -1;
    }
    if (startsWith(b, off, "SIP/2.0 ")) {
      for (int i = 8; i < 11; i++) {
        if (b[off + i] < '0' || b[off + i] > '9') {
          return -1;
        }
      }
      return eol;
    }
    int i = 0;
    while (i < eol && (b[off + i] >= 'A' && b[off + i] <= 'Z' || b[off + i] == '-' || b[off + i] == '_')) {
      i++;
    }
    if (i == 0 || i > 32 || b[off + i] != ' ') {
      return -1;
    }
    return endsWith(b, off + eol, " SIP/2.0") ? eol : -1;
  }

  private static boolean startsWith(byte[] b, int off, String s) {
    if (off + s.length() > b.length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b[off + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsWith(byte[] b, int end, String s) {
    return end - s.length() >= 0 && startsWith(b, end - s.length(), s);
  }
}
