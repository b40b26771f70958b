package org.xphonediag.trace;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xphonediag.core.net.IpAddress;

/** STUN Binding messages for tests (RFC 8489 §5, §14): requests with USERNAME, answers with XOR-MAPPED-ADDRESS. */
final class Stun {
  static final int COOKIE = 0x2112A442;

  private Stun() {}

  static byte[] txid(int seed) {
    byte[] t = new byte[12];
    for (int i = 0; i < 12; i++) {
      t[i] = (byte) (seed * 31 + i * 7);
    }
    return t;
  }

  /** A Binding request with USERNAME {@code receiver:sender} (omitted when null). */
  static byte[] request(int seed, String username) {
    ByteArrayOutputStream attrs = new ByteArrayOutputStream();
    if (username != null) {
      attribute(attrs, 0x0006, username.getBytes(StandardCharsets.UTF_8));
    }
    return message(0x0001, txid(seed), attrs.toByteArray());
  }

  /** A Binding success response carrying XOR-MAPPED-ADDRESS {@code ip:port} (IPv4). */
  static byte[] success(int seed, String ip, int port) {
    byte[] a = IpAddress.parse(ip).bytes();
    ByteBuffer v = ByteBuffer.allocate(8).put((byte) 0).put((byte) 1).putShort((short) (port ^ (COOKIE >>> 16)));
    int x = ByteBuffer.wrap(a).getInt() ^ COOKIE;
    v.putInt(x);
    ByteArrayOutputStream attrs = new ByteArrayOutputStream();
    attribute(attrs, 0x0020, v.array());
    return message(0x0101, txid(seed), attrs.toByteArray());
  }

  /** A Binding error response with ERROR-CODE {@code code}. */
  static byte[] error(int seed, int code, String reason) {
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    ByteBuffer v = ByteBuffer.allocate(4 + r.length).putShort((short) 0).put((byte) (code / 100))
        .put((byte) (code % 100)).put(r);
    ByteArrayOutputStream attrs = new ByteArrayOutputStream();
    attribute(attrs, 0x0009, v.array());
    return message(0x0111, txid(seed), attrs.toByteArray());
  }

  private static void attribute(ByteArrayOutputStream out, int type, byte[] value) {
    out.write(type >> 8);
    out.write(type);
    out.write(value.length >> 8);
    out.write(value.length);
    out.writeBytes(value);
    for (int i = value.length; i % 4 != 0; i++) {
      out.write(0);
    }
  }

  private static byte[] message(int type, byte[] txid, byte[] attrs) {
    return ByteBuffer.allocate(20 + attrs.length).putShort((short) type).putShort((short) attrs.length)
        .putInt(COOKIE).put(txid).put(attrs).array();
  }
}
