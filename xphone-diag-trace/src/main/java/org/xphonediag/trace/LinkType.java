package org.xphonediag.trace;

/**
 * The LINKTYPE_ values (tcpdump.org link-layer header types) the decoder understands; any other
 * value is kept as a number and its frames are counted as {@code other}.
 */
public final class LinkType {
  /** BSD loopback: 4-byte address family in the capturing host's byte order (Npcap loopback). */
  public static final int NULL = 0;
  /** IEEE 802.3 Ethernet. */
  public static final int ETHERNET = 1;
  /** Raw IPv4 or IPv6, told apart by the version nibble. */
  public static final int RAW = 101;
  /** Linux cooked capture v1 (SLL). */
  public static final int LINUX_SLL = 113;
  /** OpenBSD loopback: 4-byte address family in network byte order. */
  public static final int LOOP = 108;
  /** Raw IPv4. */
  public static final int IPV4 = 228;
  /** Raw IPv6. */
  public static final int IPV6 = 229;
  /** Linux cooked capture v2 (SLL2). */
  public static final int LINUX_SLL2 = 276;

  private LinkType() {}

  /** A short name for a link type, e.g. {@code ethernet}; {@code linktype-N} for unknown ones. */
  public static String name(int linkType) {
    return switch (linkType) {
      case NULL -> "null";
      case ETHERNET -> "ethernet";
      case RAW, 12, 14 -> "raw";
      case LINUX_SLL -> "linux-sll";
      case LOOP -> "loop";
      case IPV4 -> "ipv4";
      case IPV6 -> "ipv6";
      case LINUX_SLL2 -> "linux-sll2";
      default -> "linktype-" + linkType;
    };
  }
}
