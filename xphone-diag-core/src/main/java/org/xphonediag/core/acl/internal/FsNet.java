package org.xphonediag.core.acl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/**
 * The addresses one ACL node covers as FreeSWITCH stores and compares them, written here from the
 * behaviour of {@code switch_network_list_perform_add_cidr_token}, {@code switch_parse_cidr},
 * {@code switch_network_list_add_host_port_mask}, {@code switch_test_subnet} and
 * {@code switch_testv6_subnet} (FreeSWITCH 1.6 and later):
 * <ul>
 *   <li>a cidr text loses a leading {@code ::ffff:} (any case) and is then read as IPv4;
 *   <li>it needs a {@code /}; the length is read with C's {@code atoi} (leading white space, a
 *       sign, digits, anything after ignored: {@code 10.0.0.1/32/32} is a /32) and must be 0..32
 *       for IPv4, 0..128 for IPv6, else FreeSWITCH refuses the node;
 *   <li>the family is IPv6 when the text holds a {@code :} anywhere; the address part is read
 *       with {@code inet_pton}, whose failure FreeSWITCH ignores: the node then holds whatever
 *       memory held, an undefined address;
 *   <li>an IPv4 mask is built as {@code ~(0xFFFFFFFF >> bits)}: /0 gives mask 0, and /32 shifts
 *       by the word size, undefined in C, mask 0 on x86 (where the XCC runs). With mask 0 a node
 *       matches only its own address, or every address when that is 0.0.0.0: so
 *       {@code 0.0.0.0/0} covers all IPv4, {@code 10.0.0.0/0} only 10.0.0.0, and
 *       {@code 0.0.0.0/32} every IPv4 address on x86 but only 0.0.0.0 elsewhere;
 *   <li>IPv6 masks are exact; an all-zero mask matches every address when the network is
 *       {@code ::}, else only the network itself;
 *   <li>host/mask nodes are IPv4 ({@code inet_pton} of both, undefined when either fails), rank
 *       by the number of one bits in the mask (a non-contiguous mask is used as it is), and leave
 *       the node's family unset, so FreeSWITCH also compares them with IPv6 addresses: the IPv4
 *       words, as little-endian memory, against the first four bytes of the IPv6 address.
 * </ul>
 * Immutable.
 */
public final class FsNet {
  /** The families of lookups a node takes part in. */
  public enum Family {
    IPV4, IPV6,
    /** host/mask nodes: FreeSWITCH leaves the family unset, so both lookups see them. */
    BOTH
  }

  /** What reading a node's text gave: a node, or why FreeSWITCH refuses it, plus sloppy forms. */
  public record Parsed(Optional<FsNet> net, Optional<String> refused, List<String> notes) {}

  private final Family family;
  private final int bits;
  private final int net4;
  private final int mask4;
  private final byte[] net6;
  private final byte[] mask6;
  private final String undefined;
  private final boolean x86AllV4;
  private final Cidr prefix;

  private FsNet(Family family, int bits, int net4, int mask4, byte[] net6, byte[] mask6, String undefined,
      boolean x86AllV4, Cidr prefix) {
    this.family = family;
    this.bits = bits;
    this.net4 = net4;
    this.mask4 = mask4;
    this.net6 = net6;
    this.mask6 = mask6;
    this.undefined = undefined;
    this.x86AllV4 = x86AllV4;
    this.prefix = prefix;
  }

  /**
   * Reads a cidr text as {@code switch_network_list_perform_add_cidr_token} does (one part of a
   * comma-separated attribute, already split and trimmed as FreeSWITCH trims).
   */
  public static Parsed cidr(String text) {
    return read(text, true);
  }

  private static Parsed read(String text, boolean stripMapped) {
    List<String> notes = new ArrayList<>();
    String t = text;
    if (stripMapped && t.regionMatches(true, 0, "::ffff:", 0, 7)) {
      t = t.substring(7);
      notes.add(String.format(Locale.ROOT, "'%s' is read as the IPv4 prefix '%s' (FreeSWITCH drops the ::ffff: of "
          + "an IPv4-mapped address and matches it as IPv4)", FsXml.excerpt(text), FsXml.excerpt(t)));
    }
    String host = t.length() > 126 ? t.substring(0, 126) : t;
    int slash = host.indexOf('/');
    if (slash < 0) {
      return refused(String.format(Locale.ROOT, "'%s' has no /length: FreeSWITCH refuses the node "
          + "(switch_parse_cidr: \"Error Adding\")", FsXml.excerpt(text)), notes);
    }
    String addr = host.substring(0, slash);
    String lengthText = host.substring(slash + 1);
    long bits = atoi(lengthText);
    boolean v6 = t.indexOf(':') >= 0;
    int max = v6 ? 128 : 32;
    if (bits < 0 || bits > max) {
      return refused(String.format(Locale.ROOT, "'%s': the length must be 0..%d for %s but reads as %s: FreeSWITCH "
          + "refuses the node (switch_parse_cidr)", FsXml.excerpt(text), max, v6 ? "IPv6" : "IPv4",
          bits == Long.MAX_VALUE ? "a number too large" : Long.toString(bits)), notes);
    }
    if (!lengthText.matches("0|[1-9][0-9]{0,2}")) {
      notes.add(String.format(Locale.ROOT, "the length '%s' of '%s' is read as /%d (FreeSWITCH reads it with atoi "
          + "and ignores what follows the number)", FsXml.excerpt(lengthText), FsXml.excerpt(text), bits));
    }
    int n = (int) bits;
    Optional<IpAddress> ip = IpAddress.tryParse(addr).filter(a -> a.isIpv6() == v6);
    if (ip.isEmpty()) {
      String why = String.format(Locale.ROOT, "FreeSWITCH cannot read '%s' as an %s address (inet_pton), so the node "
          + "holds an unpredictable address: which addresses it matches is undefined", FsXml.excerpt(addr),
          v6 ? "IPv6" : "IPv4");
      return new Parsed(Optional.of(v6 ? undefined6(n, why) : undefined4(n, why)), Optional.empty(), notes);
    }
    return new Parsed(Optional.of(v6 ? ipv6(ip.get().bytes(), n) : ipv4(toInt(ip.get().bytes()), n)),
        Optional.empty(), notes);
  }

  /** Reads {@code host}/{@code mask} as {@code switch_network_list_add_host_port_mask} does. */
  public static Parsed hostMask(String host, String mask) {
    Optional<IpAddress> h = IpAddress.tryParse(host).filter(IpAddress::isIpv4);
    Optional<IpAddress> m = IpAddress.tryParse(mask).filter(IpAddress::isIpv4);
    if (h.isEmpty() || m.isEmpty()) {
      String bad = h.isEmpty() ? "host '" + FsXml.excerpt(host) + "'" : "mask '" + FsXml.excerpt(mask) + "'";
      String why = "FreeSWITCH reads host and mask as IPv4 only and cannot read the " + bad
          + " (inet_pton), so the node holds unpredictable memory: which addresses it matches is undefined";
      int bits = m.map(a -> Integer.bitCount(toInt(a.bytes()))).orElse(-1);
      return new Parsed(Optional.of(new FsNet(Family.BOTH, bits, 0, 0, null, null, why, false, null)),
          Optional.empty(), List.of());
    }
    int net = toInt(h.get().bytes());
    int msk = toInt(m.get().bytes());
    int bits = Integer.bitCount(msk);
    List<String> notes = new ArrayList<>();
    Cidr prefix = null;
    if (msk == 0) {
      prefix = net == 0 ? Cidr.of(h.get(), 0) : null;
      if (net != 0) {
        notes.add(String.format(Locale.ROOT, "mask 0.0.0.0 with host %s matches only the single address %s, at the "
            + "lowest priority (switch_test_subnet compares a zero mask as one address)", host, host));
      }
    } else if (contiguous(msk)) {
      prefix = Cidr.of(h.get(), bits);
    } else {
      notes.add(String.format(Locale.ROOT, "mask '%s' is not contiguous ones then zeros: FreeSWITCH compares the "
          + "masked bits as they are and ranks the node as /%d", mask, bits));
    }
    return new Parsed(Optional.of(new FsNet(Family.BOTH, bits, net, msk, null, null, null, false, prefix)),
        Optional.empty(), notes);
  }

  /**
   * A part of a list name made of CIDR prefixes, read as {@code switch_check_network_list_ip_port_token}
   * does: no {@code ::ffff:} handling, and a part FreeSWITCH cannot read leaves its network and mask
   * unset (undefined) instead of being refused. Such a part is compared with addresses of both
   * families (FreeSWITCH does not check the family there); comparing across families reads memory
   * it never set, so this node is undefined for the other family.
   */
  public static FsNet literal(String part) {
    int slash = part.indexOf('/');
    long bits = slash < 0 ? -1 : atoi(part.substring(slash + 1));
    boolean v6 = part.indexOf(':') >= 0;
    if (slash < 0 || bits < 0 || bits > (v6 ? 128 : 32)) {
      String why = String.format(Locale.ROOT, "the list name part '%s' is no prefix FreeSWITCH can read, so it "
          + "compares with unset memory: the result is undefined", FsXml.excerpt(part));
      return new FsNet(Family.BOTH, -1, 0, 0, null, null, why, false, null);
    }
    return read(part, false).net().orElseThrow();
  }

  private static Parsed refused(String why, List<String> notes) {
    return new Parsed(Optional.empty(), Optional.of(why), notes);
  }

  /** An IPv4 node of {@code bits} bits for the address {@code net} (a big-endian int), as FreeSWITCH builds it. */
  public static FsNet ipv4(int net, int bits) {
    int mask = bits == 0 || bits == 32 ? 0 : ~(-1 >>> bits);
    IpAddress a = IpAddress.ofBytes(toBytes(net));
    if (mask != 0) {
      return new FsNet(Family.IPV4, bits, net, mask, null, null, null, false, Cidr.of(a, bits));
    }
    if (net == 0 && bits == 32) {
      return new FsNet(Family.IPV4, 32, 0, 0, null, null, "0.0.0.0/32 builds its mask with a 32-bit shift, which C "
          + "leaves undefined: on x86 (the XCC's platform) the mask is 0 and the node matches every IPv4 address, "
          + "elsewhere only 0.0.0.0", true, null);
    }
    Cidr prefix = net == 0 ? Cidr.of(a, 0) : bits == 32 ? Cidr.of(a, 32) : null;
    return new FsNet(Family.IPV4, bits, net, 0, null, null, null, false, prefix);
  }

  /** An IPv6 node of {@code bits} bits for the 16 bytes {@code net}, as FreeSWITCH builds it. */
  public static FsNet ipv6(byte[] net, int bits) {
    byte[] mask = new byte[16];
    int left = bits;
    for (int i = 0; i < 16; i++) {
      int k = Math.min(8, left);
      mask[i] = (byte) (0xff & ~(0xff >> k));
      left -= k;
    }
    IpAddress a = IpAddress.ofBytes(net);
    boolean zeroNet = allZero(net);
    Cidr prefix = bits > 0 || zeroNet ? Cidr.of(a, bits) : null;
    return new FsNet(Family.IPV6, bits, 0, 0, net.clone(), mask, null, false, prefix);
  }

  private static FsNet undefined4(int bits, String why) {
    return new FsNet(Family.IPV4, bits, 0, 0, null, null, why, false, null);
  }

  private static FsNet undefined6(int bits, String why) {
    return new FsNet(Family.IPV6, bits, 0, 0, null, null, why, false, null);
  }

  /** The lookups this node takes part in. */
  public Family family() {
    return family;
  }

  /** FreeSWITCH's rank for the node ({@code node->bits}); -1 when unknown. */
  public int bits() {
    return bits;
  }

  /** Why the node's match set is undefined; empty when FreeSWITCH's result is known (on x86). */
  public Optional<String> undefined() {
    return Optional.ofNullable(undefined);
  }

  /** True for 0.0.0.0/32: every IPv4 address on x86, only 0.0.0.0 elsewhere. */
  public boolean x86AllIpv4() {
    return x86AllV4;
  }

  /**
   * The CIDR prefix whose addresses this node matches in lookups of its own family (IPv4 for
   * host/mask), when it matches exactly such a prefix at the prefix's own rank; empty for the
   * other forms.
   */
  public Optional<Cidr> prefix() {
    return Optional.ofNullable(prefix);
  }

  /** True when the node's matches are known offline (on x86). */
  public boolean defined() {
    return undefined == null || x86AllV4;
  }

  /** Whether FreeSWITCH's IPv4 lookup matches {@code ip} (the address as a big-endian int). */
  public boolean matchesIpv4(int ip) {
    if (family == Family.IPV6 || !defined()) {
      return false;
    }
    return mask4 != 0 ? (net4 & mask4) == (ip & mask4) : net4 == 0 || net4 == ip;
  }

  /** Whether FreeSWITCH's IPv6 lookup matches {@code ip} (16 bytes). */
  public boolean matchesIpv6(byte[] ip) {
    if (family == Family.IPV4 || !defined()) {
      return false;
    }
    byte[] net = family == Family.BOTH ? littleEndian(net4) : net6;
    byte[] mask = family == Family.BOTH ? littleEndian(mask4) : mask6;
    if (allZero(mask)) {
      return allZero(net) || Arrays.equals(net, ip);
    }
    for (int i = 0; i < 16; i++) {
      if ((net[i] & mask[i]) != (ip[i] & mask[i])) {
        return false;
      }
    }
    return true;
  }

  /** The IPv4 word as x86 memory at the start of an otherwise zeroed 16-byte address. */
  private static byte[] littleEndian(int v) {
    byte[] b = new byte[16];
    b[0] = (byte) v;
    b[1] = (byte) (v >>> 8);
    b[2] = (byte) (v >>> 16);
    b[3] = (byte) (v >>> 24);
    return b;
  }

  /**
   * C's {@code atoi}: leading white space, an optional sign, then digits up to the first other
   * character; 0 when there are none. A value beyond {@code int} gives {@link Long#MAX_VALUE} (out
   * of every range).
   */
  public static long atoi(String s) {
    int i = 0;
    while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    long v = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      v = v * 10 + (s.charAt(i) - '0');
      if (v > Integer.MAX_VALUE) {
        return Long.MAX_VALUE;
      }
      i++;
    }
    return negative ? -v : v;
  }

  /** The address as a big-endian int. */
  public static int toInt(byte[] b) {
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  private static byte[] toBytes(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static boolean contiguous(int mask) {
    int inverted = ~mask;
    return (inverted & (inverted + 1)) == 0;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
