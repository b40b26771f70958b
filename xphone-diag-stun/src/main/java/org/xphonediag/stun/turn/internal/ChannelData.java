package org.xphonediag.stun.turn.internal;

import java.util.Arrays;

/**
 * ChannelData messages (RFC 8656 §12.4): a 4-byte header (channel number 0x4000-0x4FFF, data
 * length) and the data, padded to a multiple of four bytes over TCP and TLS (§12.5); the length
 * field never counts the padding. Stateless.
 */
final class ChannelData {
  private ChannelData() {}

  /** A ChannelData message on {@code channel}; {@code pad}: to a multiple of four bytes. */
  static byte[] frame(int channel, byte[] data, boolean pad) {
    int len = 4 + data.length;
    byte[] out = new byte[pad ? (len + 3) & ~3 : len];
    out[0] = (byte) (channel >>> 8);
    out[1] = (byte) channel;
    out[2] = (byte) (data.length >>> 8);
    out[3] = (byte) data.length;
    System.arraycopy(data, 0, out, 4, data.length);
    return out;
  }

  /** True when {@code in} starts like ChannelData (first two bits 01, RFC 7983 range 64-79). */
  static boolean is(byte[] in) {
    return in.length >= 4 && (in[0] & 0xC0) == 0x40;
  }

  /** True when {@code in} is ChannelData on {@code channel} carrying exactly {@code data} (padding ignored). */
  static boolean carries(byte[] in, int channel, byte[] data) {
    if (!is(in)) {
      return false;
    }
    int ch = ((in[0] & 0xff) << 8) | (in[1] & 0xff);
    int len = ((in[2] & 0xff) << 8) | (in[3] & 0xff);
    return ch == channel && len == data.length && in.length >= 4 + len && Arrays.equals(in, 4, 4 + len, data, 0, len);
  }
}
