package org.xphonediag.trace.rtp.internal;

/**
 * Checks on RTP and RTCP headers (RFC 3550 §5.1, §6.4; RFC 5761 §4; RFC 7983 §7): version 2 in the
 * first byte (128..191), RTCP packet types 192..223 in the second byte, and an RTP header whose CSRC
 * list, extension and padding fit the payload. Works on captured bytes (SRTP/SRTCP too: their
 * headers are in clear). Stateless.
 */
public final class RtpHeaders {
  private RtpHeaders() {}

  /** Version 2 in the top two bits (RFC 7983: first byte 128..191). */
  public static boolean version2(byte[] b, int off, int len) {
    return len >= 8 && (b[off] & 0xC0) == 0x80;
  }

  /** RTCP by RFC 5761 §4: the second byte (marker + payload type in RTP) is 192..223. */
  public static boolean rtcp(byte[] b, int off, int len) {
    int t = b[off + 1] & 0xff;
    return t >= 192 && t <= 223;
  }

  /**
   * True when the bytes hold a sane RTP header: at least 12 bytes plus the CSRC list, an extension
   * header that fits, and a padding count that fits.
   */
  public static boolean saneRtp(byte[] b, int off, int len) {
    if (len < 12) {
      return false;
    }
    int first = b[off] & 0xff;
    int header = 12 + 4 * (first & 0x0f);
    if ((first & 0x10) != 0) {
      if (len < header + 4) {
        return false;
      }
      header += 4 + 4 * u16(b, off + header + 2);
    }
    if (len < header) {
      return false;
    }
    if ((first & 0x20) != 0) {
      int pad = b[off + len - 1] & 0xff;
      return pad > 0 && header + pad <= len;
    }
    return true;
  }

  /** The marker bit (RFC 3550 §5.1). */
  public static boolean marker(byte[] b, int off) {
    return (b[off + 1] & 0x80) != 0;
  }

  public static int payloadType(byte[] b, int off) {
    return b[off + 1] & 0x7f;
  }

  public static int sequence(byte[] b, int off) {
    return u16(b, off + 2);
  }

  public static long timestamp(byte[] b, int off) {
    return u32(b, off + 4);
  }

  public static long ssrc(byte[] b, int off) {
    return u32(b, off + 8);
  }

  static int u16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  static long u32(byte[] b, int off) {
    return ((long) (b[off] & 0xff) << 24) | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
  }

  /** Receives the report blocks of an RTCP compound packet. */
  public interface ReportSink {
    /** One report block: who reported, about which SSRC, fraction lost (0..255), cumulative lost, jitter units. */
    void report(long reporter, long reportee, int fractionLost, int cumulativeLost, long jitter);
  }

  /**
   * Walks an RTCP compound packet (RFC 3550 §6.1, appendix A.2) and, when its packet lengths add up
   * to exactly the datagram, hands each SR/RR report block (§6.4) to {@code sink}. SRTCP (RFC 3711
   * §3.4) does not add up (its index and tag follow, its blocks are encrypted) and yields no
   * reports. Returns the number of report blocks delivered.
   */
  public static int reports(byte[] b, int off, int len, ReportSink sink) {
    if (walk(b, off, len, null) < 0) {
      return 0;
    }
    return walk(b, off, len, sink);
  }

  /**
   * True for a plain RTCP compound packet (RFC 3550 §6.1): every packet version 2 with a type of
   * 200..207 (SR, RR, SDES, BYE, APP, RTPFB, PSFB, XR), their lengths filling the datagram exactly.
   * SRTCP (its index and tag follow) is not.
   */
  public static boolean strictCompound(byte[] b, int off, int len) {
    int pos = off;
    int end = off + len;
    while (pos < end) {
      if (pos + 4 > end || (b[pos] & 0xC0) != 0x80) {
        return false;
      }
      int type = b[pos + 1] & 0xff;
      if (type < 200 || type > 207) {
        return false;
      }
      pos += (u16(b, pos + 2) + 1) * 4;
    }
    return pos == end && len >= 8;
  }

  /** Walks the compound packet; -1 when its lengths do not fill it exactly, else the blocks seen. */
  private static int walk(byte[] b, int off, int len, ReportSink sink) {
    int pos = off;
    int end = off + len;
    int blocksSeen = 0;
    while (pos < end) {
      if (pos + 8 > end || (b[pos] & 0xC0) != 0x80) {
        return -1;
      }
      int rc = b[pos] & 0x1f;
      int type = b[pos + 1] & 0xff;
      int bytes = (u16(b, pos + 2) + 1) * 4;
      if (pos + bytes > end) {
        return -1;
      }
      int blocks = type == 200 ? pos + 28 : type == 201 ? pos + 8 : -1;
      if (blocks > 0) {
        if (blocks + 24 * rc > pos + bytes) {
          return -1;
        }
        long reporter = u32(b, pos + 4);
        for (int i = 0; i < rc; i++) {
          int p = blocks + 24 * i;
          if (sink != null) {
            int cumulative = (b[p + 5] << 16) | (b[p + 6] & 0xff) << 8 | (b[p + 7] & 0xff);
            sink.report(reporter, u32(b, p), b[p + 4] & 0xff, cumulative, u32(b, p + 12));
          }
          blocksSeen++;
        }
      }
      pos += bytes;
    }
    return blocksSeen;
  }
}
