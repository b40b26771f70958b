package org.xphonediag.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address parsed from its literal form without any DNS lookup: a host name is
 * never resolved by accident. Immutable and thread-safe.
 *
 * <p>IPv4 is accepted only as a dotted quad of decimal octets without leading zeros (which some
 * parsers read as octal). IPv6 is accepted in RFC 4291 text form, with {@code ::} compression and a
 * trailing dotted quad, without a zone id. {@link #toString()} gives the canonical form (RFC 5952
 * for IPv6).
 */
public final class IpAddress implements Comparable<IpAddress> {
  private final byte[] bytes;
  /** Computed once: addresses are map keys per packet in trace analysis. */
  private final int hash;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /**
   * Parses an IPv4 or IPv6 literal.
   *
   * @throws AddressFormatException when {@code text} is not one
   */
  public static IpAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    byte[] b = parseBytes(text);
    if (b == null) {
      throw new AddressFormatException(text, text.indexOf(':') >= 0
          ? "an IPv6 address (RFC 4291 text form, no zone id)"
          : "an IPv4 address (dotted quad of decimal octets 0-255, no leading zeros)");
    }
    return new IpAddress(b);
  }

  /** Parses an IPv4 or IPv6 literal; empty when {@code text} is not one (for example a host name). */
  public static Optional<IpAddress> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    byte[] b = parseBytes(text);
    return b == null ? Optional.empty() : Optional.of(new IpAddress(b));
  }

  /** The address of {@code address} (no lookup: its raw bytes). */
  public static IpAddress of(InetAddress address) {
    return new IpAddress(address.getAddress());
  }

  /** An address from 4 or 16 bytes (copied). */
  public static IpAddress ofBytes(byte[] bytes) {
    if (bytes.length != 4 && bytes.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes but got " + bytes.length);
    }
    return new IpAddress(bytes.clone());
  }

  /**
   * An address from the 4 or 16 bytes at {@code offset} of {@code source} (copied), e.g. straight
   * from a packet header.
   *
   * @throws IllegalArgumentException when {@code length} is not 4 or 16
   * @throws IndexOutOfBoundsException when the range is not inside {@code source}
   */
  public static IpAddress ofBytes(byte[] source, int offset, int length) {
    if (length != 4 && length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes but got " + length);
    }
    Objects.checkFromIndexSize(offset, length, source.length);
    return new IpAddress(Arrays.copyOfRange(source, offset, offset + length));
  }

  public boolean isIpv4() {
    return bytes.length == 4;
  }

  public boolean isIpv6() {
    return bytes.length == 16;
  }

  /** 32 or 128. */
  public int bitLength() {
    return bytes.length * 8;
  }

  /** A copy of the raw bytes, network order. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bit at {@code index} (0 = most significant), for prefix matching. */
  public int bit(int index) {
    return (bytes[index >>> 3] >>> (7 - (index & 7))) & 1;
  }

  /** True for an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}). */
  public boolean isIpv4Mapped() {
    if (bytes.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  /** The embedded IPv4 address of an IPv4-mapped address; otherwise this address. */
  public IpAddress unmapped() {
    return isIpv4Mapped() ? new IpAddress(Arrays.copyOfRange(bytes, 12, 16)) : this;
  }

  /** The class of this address (an IPv4-mapped address is classified as its IPv4 address). */
  public AddressClass addressClass() {
    return Classifier.classify(unmapped());
  }

  /** The equivalent {@link InetAddress}, built without a lookup. */
  public InetAddress toInetAddress() {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("unreachable: 4 or 16 bytes", e);
    }
  }

  @Override
  public String toString() {
    if (bytes.length == 4) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    // RFC 5952: compress the longest run (first on a tie) of at least two zero groups.
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] == 0) {
        int j = i;
        while (j < 8 && groups[j] == 0) {
          j++;
        }
        if (j - i > bestLen) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    if (isIpv4Mapped()) {
      return "::ffff:" + unmapped();
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress a && a.hash == hash && Arrays.equals(a.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** IPv4 before IPv6, then numerically. */
  @Override
  public int compareTo(IpAddress o) {
    if (bytes.length != o.bytes.length) {
      return Integer.compare(bytes.length, o.bytes.length);
    }
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  // ---- parsing ---------------------------------------------------------------------------------

  private static byte[] parseBytes(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s, 0, s.length());
  }

  private static byte[] parseV4(String s, int from, int to) {
    byte[] out = new byte[4];
    int part = 0;
    int i = from;
    while (part < 4) {
      int start = i;
      int value = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        if (value > 255 || i - start >= 3) {
          return null;
        }
        i++;
      }
      int len = i - start;
      if (len == 0 || len > 1 && s.charAt(start) == '0') {
        return null;
      }
      out[part++] = (byte) value;
      if (part < 4) {
        if (i >= to || s.charAt(i) != '.') {
          return null;
        }
        i++;
      }
    }
    return i == to ? out : null;
  }

  private static byte[] parseV6(String s) {
    int n = s.length();
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    byte[] out = new byte[16];
    int[] groups = new int[8];
    int count = 0;
    int compressAt = -1;
    int i = 0;
    if (s.startsWith("::")) {
      compressAt = 0;
      i = 2;
      if (i == n) {
        return out;
      }
    } else if (s.charAt(0) == ':') {
      return null;
    }
    boolean sawV4 = false;
    while (i < n) {
      if (count >= 8) {
        return null;
      }
      int start = i;
      int value = 0;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 5) {
        value = (value << 4) | Character.digit(s.charAt(i), 16);
        i++;
      }
      int len = i - start;
      if (i < n && s.charAt(i) == '.') {
        // trailing dotted quad takes two groups
        if (count > 6) {
          return null;
        }
        byte[] v4 = parseV4(s, start, n);
        if (v4 == null) {
          return null;
        }
        groups[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
        groups[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        sawV4 = true;
        i = n;
        break;
      }
      if (len == 0 || len > 4) {
        return null;
      }
      groups[count++] = value;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (compressAt >= 0) {
          return null;
        }
        compressAt = count;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return null; // trailing single colon
      }
    }
    if (compressAt < 0 && count != 8 || compressAt >= 0 && count > 7) {
      return null;
    }
    if (sawV4 && count > 8) {
      return null;
    }
    int[] full = new int[8];
    if (compressAt < 0) {
      full = groups;
    } else {
      int tail = count - compressAt;
      System.arraycopy(groups, 0, full, 0, compressAt);
      System.arraycopy(groups, compressAt, full, 8 - tail, tail);
    }
    for (int g = 0; g < 8; g++) {
      out[2 * g] = (byte) (full[g] >>> 8);
      out[2 * g + 1] = (byte) full[g];
    }
    return out;
  }
}
