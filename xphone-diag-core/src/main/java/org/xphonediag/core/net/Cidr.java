package org.xphonediag.core.net;

import java.util.Objects;

/**
 * An IPv4 or IPv6 prefix such as {@code 192.168.1.0/24} or {@code fe80::/10}. The address is kept
 * as written; {@link #network()} has the host bits cleared and {@link #hasHostBits()} tells whether
 * they were set. Plain CIDR arithmetic; immutable and thread-safe.
 */
public final class Cidr {
  private final IpAddress address;
  private final int prefixLength;

  private Cidr(IpAddress address, int prefixLength) {
    this.address = address;
    this.prefixLength = prefixLength;
  }

  /**
   * Parses {@code address/length}; the length is required.
   *
   * @throws AddressFormatException when the text is not a prefix
   */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new AddressFormatException(text, "a CIDR prefix (address/length, e.g. 192.168.1.0/24)");
    }
    IpAddress a = IpAddress.tryParse(text.substring(0, slash)).orElseThrow(() ->
        new AddressFormatException(text, "a CIDR prefix: '" + text.substring(0, slash) + "' is not an IP address"));
    String len = text.substring(slash + 1);
    int n = -1;
    if (!len.isEmpty() && len.length() <= 3 && len.chars().allMatch(c -> c >= '0' && c <= '9')
        && !(len.length() > 1 && len.charAt(0) == '0')) {
      n = Integer.parseInt(len);
    }
    if (n < 0 || n > a.bitLength()) {
      throw new AddressFormatException(text, "a CIDR prefix: the length must be 0.." + a.bitLength()
          + " but was '" + len + "'");
    }
    return new Cidr(a, n);
  }

  /** The prefix {@code address/length}. */
  public static Cidr of(IpAddress address, int prefixLength) {
    Objects.requireNonNull(address, "address");
    if (prefixLength < 0 || prefixLength > address.bitLength()) {
      throw new IllegalArgumentException("prefix length must be 0.." + address.bitLength() + " but was " + prefixLength);
    }
    return new Cidr(address, prefixLength);
  }

  /** The single-address prefix (/32 or /128). */
  public static Cidr host(IpAddress address) {
    return new Cidr(address, address.bitLength());
  }

  /** The address as written. */
  public IpAddress address() {
    return address;
  }

  public int prefixLength() {
    return prefixLength;
  }

  public boolean isIpv4() {
    return address.isIpv4();
  }

  /** The network address: host bits cleared. */
  public IpAddress network() {
    byte[] b = address.bytes();
    for (int i = 0; i < b.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - 8 * i));
      b[i] &= (byte) (0xff << (8 - keep));
    }
    return IpAddress.ofBytes(b);
  }

  /** True when the address as written has bits set beyond the prefix (e.g. {@code 10.1.2.3/8}). */
  public boolean hasHostBits() {
    return !network().equals(address);
  }

  /** True when {@code a} is of the same family and inside this prefix. */
  public boolean contains(IpAddress a) {
    if (a.bitLength() != address.bitLength()) {
      return false;
    }
    byte[] x = a.bytes();
    byte[] y = address.bytes();
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (x[i] != y[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (x[full] & mask) == (y[full] & mask);
  }

  /** True when every address of {@code other} is inside this prefix. */
  public boolean contains(Cidr other) {
    return other.prefixLength >= prefixLength && contains(other.address);
  }

  /** {@code address/length} as written (canonical address form). */
  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefixLength == prefixLength && c.address.equals(address);
  }

  @Override
  public int hashCode() {
    return address.hashCode() * 31 + prefixLength;
  }
}
