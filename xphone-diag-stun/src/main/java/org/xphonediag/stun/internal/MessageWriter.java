package org.xphonediag.stun.internal;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.xphonediag.stun.StunClass;
import org.xphonediag.stun.StunCredentials;

/**
 * Encodes a STUN message attribute by attribute, integrity then fingerprint last (RFC 8489 §5,
 * §14). Not thread-safe; one writer per message.
 */
public final class MessageWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
  private final byte[] txid;

  /** Starts a message of {@code cls} and {@code method} with the 12-byte {@code txid}. */
  public MessageWriter(StunClass cls, int method, byte[] txid) {
    if (txid.length != 12) {
      throw new IllegalArgumentException("transaction id must be 12 bytes but was " + txid.length);
    }
    this.txid = txid.clone();
    int c = cls.bits();
    int type = (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
        | ((c & 1) << 4) | ((c & 2) << 7);
    u16(type);
    u16(0);
    u32(Attributes.MAGIC_COOKIE);
    out.writeBytes(txid);
  }

  /** Adds an attribute with a raw value (padded to 4 bytes with zeros). */
  public MessageWriter attribute(int type, byte[] value) {
    u16(type);
    u16(value.length);
    out.writeBytes(value);
    for (int i = value.length; i % 4 != 0; i++) {
      out.write(0);
    }
    return this;
  }

  /** Adds a UTF-8 text attribute (USERNAME, SOFTWARE, REALM ...). */
  public MessageWriter text(int type, String text) {
    return attribute(type, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a 32-bit attribute (PRIORITY, CHANGE-REQUEST). */
  public MessageWriter u32Attribute(int type, long value) {
    return attribute(type, new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value});
  }

  /** Adds a 64-bit attribute (ICE-CONTROLLING / ICE-CONTROLLED tie-breaker). */
  public MessageWriter u64Attribute(int type, long value) {
    byte[] v = new byte[8];
    for (int i = 0; i < 8; i++) {
      v[i] = (byte) (value >>> (56 - 8 * i));
    }
    return attribute(type, v);
  }

  /** Adds an address attribute; XORed for XOR-MAPPED-, XOR-PEER- and XOR-RELAYED-ADDRESS. */
  public MessageWriter address(int type, InetSocketAddress address) {
    byte[] ip = address.getAddress().getAddress();
    byte[] v = new byte[4 + ip.length];
    v[1] = (byte) (ip.length == 4 ? 1 : 2);
    int port = address.getPort();
    boolean xor = type == Attributes.XOR_MAPPED_ADDRESS || type == Attributes.XOR_PEER_ADDRESS
        || type == Attributes.XOR_RELAYED_ADDRESS;
    if (xor) {
      port ^= Attributes.MAGIC_COOKIE >>> 16;
      byte[] key = Attributes.xorKey(txid);
      for (int i = 0; i < ip.length; i++) {
        ip[i] ^= key[i];
      }
    }
    v[2] = (byte) (port >> 8);
    v[3] = (byte) port;
    System.arraycopy(ip, 0, v, 4, ip.length);
    return attribute(type, v);
  }

  /** Adds ERROR-CODE with {@code code} (300..699) and a reason phrase. */
  public MessageWriter errorCode(int code, String reason) {
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] v = new byte[4 + r.length];
    v[2] = (byte) (code / 100);
    v[3] = (byte) (code % 100);
    System.arraycopy(r, 0, v, 4, r.length);
    return attribute(Attributes.ERROR_CODE, v);
  }

  /** Adds MESSAGE-INTEGRITY keyed by {@code credentials}. */
  public MessageWriter integrity(StunCredentials credentials) {
    byte[] key = Keys.key(credentials);
    try {
      return integrity(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Adds MESSAGE-INTEGRITY keyed by a raw key. */
  public MessageWriter integrity(byte[] key) {
    byte[] msg = out.toByteArray();
    Codec.putLength(msg, msg.length - 20 + 24);
    return attribute(Attributes.MESSAGE_INTEGRITY, Keys.hmacSha1(key, msg, msg.length));
  }

  /** Adds FINGERPRINT; call last. */
  public MessageWriter fingerprint() {
    byte[] msg = out.toByteArray();
    Codec.putLength(msg, msg.length - 20 + 8);
    return u32Attribute(Attributes.FINGERPRINT, Keys.fingerprint(msg, msg.length));
  }

  /** The encoded message. */
  public byte[] toBytes() {
    byte[] msg = out.toByteArray();
    Codec.putLength(msg, msg.length - 20);
    return msg;
  }

  private void u16(int v) {
    out.write(v >> 8);
    out.write(v);
  }

  private void u32(int v) {
    u16(v >>> 16);
    u16(v & 0xffff);
  }
}
