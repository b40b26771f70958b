package org.xphonediag.core.net;


/**
 * A UDP port range such as the XCC's media ports {@code 30000-33000} (docs/field-guide.md#ports-and-paths).
 *
 * @param first the first port, 1..65535
 * @param last the last port, first..65535
 */
public record PortRange(int first, int last) {
  /** The XCC's default media range (docs/field-guide.md#ports-and-paths). */
  public static final PortRange XCC_MEDIA_DEFAULT = new PortRange(30000, 33000);

  /** Validates the bounds. */
  public PortRange {
    if (first < 1 || last > 65535 || first > last) {
      throw new IllegalArgumentException("port range must be 1 <= first <= last <= 65535 but was " + first + "-" + last);
    }
  }

  /**
   * Parses {@code A-B} or a single port {@code A}.
   *
   * @throws AddressFormatException naming the text and the expected form
   */
  public static PortRange parse(String text) {
    String[] parts = text.strip().split("-", -1);
    try {
      if (parts.length == 1) {
        int p = Integer.parseInt(parts[0].strip());
        return new PortRange(p, p);
      }
      if (parts.length == 2) {
        return new PortRange(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the message below
    }
    throw new AddressFormatException(text, "a port range A-B with 1 <= A <= B <= 65535 (e.g. 30000-33000)");
  }

  /** How many ports the range holds. */
  public int size() {
    return last - first + 1;
  }

  /** True when {@code port} is inside. */
  public boolean contains(int port) {
    return port >= first && port <= last;
  }

  @Override
  public String toString() {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }
}
