package org.xphonediag.sip;

/**
 * An inclusive range of ports, such as the XCC's media range (DOMAIN §2: UDP 30000-33000).
 *
 * @param first the first port, 1..65535
 * @param last the last port, {@code first}..65535
 */
public record PortRange(int first, int last) {
  /** The XCC's default media range, 30000-33000 (DOMAIN §2). */
  public static final PortRange XCC_MEDIA_DEFAULT = new PortRange(30000, 33000);

  /** Validates the bounds. */
  public PortRange {
    if (first < 1 || last > 65535 || first > last) {
      throw new IllegalArgumentException("port range must satisfy 1 <= first <= last <= 65535 but was "
          + first + "-" + last);
    }
  }

  /**
   * Parses {@code FIRST-LAST} or a single port.
   *
   * @throws IllegalArgumentException naming the text when it is not one
   */
  public static PortRange parse(String text) {
    String[] p = text.strip().split("-", -1);
    try {
      if (p.length == 1) {
        int v = Integer.parseInt(p[0]);
        return new PortRange(v, v);
      }
      if (p.length == 2) {
        return new PortRange(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("port range must be FIRST-LAST (e.g. 30000-33000) but was '" + text + "'");
  }

  /** True when {@code port} lies inside the range. */
  public boolean contains(int port) {
    return port >= first && port <= last;
  }

  @Override
  public String toString() {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }
}
