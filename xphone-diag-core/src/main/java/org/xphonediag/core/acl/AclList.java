package org.xphonediag.core.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.acl.internal.FsNet;
import org.xphonediag.core.acl.internal.PrefixTrie;
import org.xphonediag.core.net.AddressFormatException;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/**
 * One FreeSWITCH network list (docs/field-guide.md#xcc-acls): a name, a default and nodes, evaluated as
 * {@code switch_check_network_list_ip_token} does (FreeSWITCH 1.6 and later):
 * <ul>
 *   <li>within a list the matching node of the highest rank (prefix length, or the number of mask
 *       bits of a host/mask node) decides, whatever the order of the nodes; on a tie the node
 *       written first decides; when no node matches, the default decides;
 *   <li>an IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}, as the network stack writes it) is
 *       matched as its IPv4 address, in user lists and {@code .auto} lists alike;
 *   <li>IPv4 nodes never match IPv6 addresses and IPv6 nodes never IPv4 ones; host/mask nodes are
 *       compared with both (see {@link org.xphonediag.core.acl.internal.FsNet});
 *   <li>a list name that is not defined denies every address.
 * </ul>
 * A decision that a node with unknown addresses (directory users, includes, variables) could
 * overturn, or that rests on a node FreeSWITCH evaluates in an undefined way, carries
 * {@link AclCaveat}s instead of passing as certain.
 *
 * <p>The nodes that match exactly a CIDR prefix go into a prefix trie per address family, built
 * once in the constructor, so an evaluation walks at most 32 or 128 bits instead of scanning every
 * node as FreeSWITCH does; the few other forms are checked one by one. Immutable and thread-safe.
 *
 * <pre>{@code
 * AclList white = AclList.of("xcc_whitelist", AclType.DENY,
 *     List.of(AclNode.of(AclType.ALLOW, "192.168.1.0/24")));
 * white.evaluate(IpAddress.parse("192.168.1.7")).allowed(); // true
 * }</pre>
 */
public final class AclList {
  private final String name;
  private final AclType defaultType;
  private final List<AclNode> nodes;
  private final boolean builtIn;
  private final boolean defined;
  private final boolean literal;
  private final SourceLocation location;
  private final PrefixTrie v4 = new PrefixTrie(32);
  private final PrefixTrie v6 = new PrefixTrie(128);
  /** Nodes outside the tries whose matches are known, per family. */
  private final int[] irregular4;
  private final int[] irregular6;
  /** Nodes whose matches are unknown (hidden or undefined), per family. */
  private final int[] unknown4;
  private final int[] unknown6;
  private final String listCaveat;

  private AclList(String name, AclType defaultType, List<AclNode> nodes, boolean builtIn, boolean defined,
      boolean literal, SourceLocation location, String listCaveat) {
    this.name = Objects.requireNonNull(name, "name");
    this.defaultType = Objects.requireNonNull(defaultType, "defaultType");
    this.nodes = List.copyOf(nodes);
    this.builtIn = builtIn;
    this.defined = defined;
    this.literal = literal;
    this.location = location;
    this.listCaveat = listCaveat;
    List<Integer> i4 = new ArrayList<>();
    List<Integer> i6 = new ArrayList<>();
    List<Integer> u4 = new ArrayList<>();
    List<Integer> u6 = new ArrayList<>();
    for (int i = 0; i < this.nodes.size(); i++) {
      AclNode node = this.nodes.get(i);
      FsNet n = node.net();
      if (n == null) {
        if (node.hiddenReason().isPresent()) {
          u4.add(i);
          u6.add(i);
        }
        continue;
      }
      if (!n.defined()) {
        if (n.family() != FsNet.Family.IPV6 || literal) {
          u4.add(i);
        }
        if (n.family() != FsNet.Family.IPV4 || literal) {
          u6.add(i);
        }
        continue;
      }
      boolean ipv4Family = n.family() != FsNet.Family.IPV6;
      Optional<Cidr> p = n.x86AllIpv4() ? Optional.empty() : n.prefix();
      if (p.isPresent()) {
        (ipv4Family ? v4 : v6).insert(p.get().network(), p.get().prefixLength(), i);
      } else {
        (ipv4Family ? i4 : i6).add(i);
      }
      if (n.family() == FsNet.Family.BOTH) {
        i6.add(i);
      }
      if (literal) {
        (ipv4Family ? u6 : u4).add(i);
      }
    }
    v4.freeze();
    v6.freeze();
    irregular4 = i4.stream().mapToInt(Integer::intValue).toArray();
    irregular6 = i6.stream().mapToInt(Integer::intValue).toArray();
    unknown4 = u4.stream().mapToInt(Integer::intValue).toArray();
    unknown6 = u6.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A list with the given default and nodes (in the order written). */
  public static AclList of(String name, AclType defaultType, List<AclNode> nodes) {
    return new AclList(name, defaultType, nodes, false, true, false, null, null);
  }

  /** A list read from a file at {@code location}. */
  public static AclList read(String name, AclType defaultType, List<AclNode> nodes, SourceLocation location) {
    return new AclList(name, defaultType, nodes, false, true, false, location, null);
  }

  /** A built-in {@code .auto} list. */
  static AclList builtIn(String name, AclType defaultType, List<AclNode> nodes) {
    return new AclList(name, defaultType, nodes, true, true, false, null, null);
  }

  /** A list name made of CIDR prefixes: they are allowed, everything else denied. */
  static AclList literal(String name, List<AclNode> nodes) {
    return new AclList(name, AclType.DENY, nodes, true, true, true, null, null);
  }

  /**
   * A name that names no list: FreeSWITCH denies every address for it. {@code caveat}, when not
   * null, says why the list might exist on the XCC anyway (e.g. an include may define it).
   */
  static AclList missing(String name, String caveat) {
    return new AclList(name, AclType.DENY, List.of(), false, false, false, null, caveat);
  }

  /** The name; list names are case-sensitive. */
  public String name() {
    return name;
  }

  /** The default: what the list says when no node matches. */
  public AclType defaultType() {
    return defaultType;
  }

  /** The nodes in the order written, evaluable or not. */
  public List<AclNode> nodes() {
    return nodes;
  }

  /** True for FreeSWITCH's built-in {@code .auto} lists (and CIDR literals used as list names). */
  public boolean builtIn() {
    return builtIn;
  }

  /** False for a name that names no list (FreeSWITCH denies every address for it). */
  public boolean defined() {
    return defined;
  }

  /** Where the list was written; empty for built-in lists. */
  public Optional<SourceLocation> location() {
    return Optional.ofNullable(location);
  }

  /**
   * A whitelist in the XCC's sense: a list that defaults to deny and has allow nodes (docs/field-guide.md#xcc-acls).
   */
  public boolean isWhitelist() {
    return defaultType == AclType.DENY && nodes.stream().anyMatch(n -> n.type() == AclType.ALLOW);
  }

  /** A blacklist in the XCC's sense: a list that defaults to allow and has deny nodes. */
  public boolean isBlacklist() {
    return defaultType == AclType.ALLOW && nodes.stream().anyMatch(n -> n.type() == AclType.DENY);
  }

  /**
   * Evaluates {@code address} as it reaches FreeSWITCH from the network (its text form as the
   * network stack writes it): an IPv4-mapped IPv6 address is matched as its IPv4 address.
   */
  public AclListDecision evaluate(IpAddress address) {
    Objects.requireNonNull(address, "address");
    if (address.isIpv4Mapped()) {
      IpAddress v4addr = address.unmapped();
      return decide(address, Optional.of(v4addr), true, FsNet.toInt(v4addr.bytes()), null, null);
    }
    return address.isIpv4() ? decide(address, Optional.empty(), true, FsNet.toInt(address.bytes()), null, null)
        : decide(address, Optional.empty(), false, 0, address.bytes(), null);
  }

  /**
   * Evaluates an address written as text, as FreeSWITCH's {@code switch_check_network_list_ip_token}
   * reads it (e.g. a candidate's connection address): only a leading {@code ::ffff:} (any case)
   * makes it IPv4; an IPv4-mapped address written another way is matched as IPv6, and a
   * {@code ::ffff:} followed by something other than a dotted quad leaves FreeSWITCH comparing
   * unset memory (the decision is then uncertain).
   *
   * @throws AddressFormatException when {@code text} is no IPv4 or IPv6 literal
   */
  public AclListDecision evaluateText(String text) {
    IpAddress address = IpAddress.parse(text);
    if (text.regionMatches(true, 0, "::ffff:", 0, 7)) {
      Optional<IpAddress> v4addr = IpAddress.tryParse(text.substring(7)).filter(IpAddress::isIpv4);
      if (v4addr.isEmpty()) {
        return decide(address, Optional.empty(), true, 0, null, String.format(Locale.ROOT, "FreeSWITCH drops the "
            + "'::ffff:' of '%s' and cannot read '%s' as IPv4, so it compares unset memory: the result is undefined",
            text, text.substring(7)));
      }
      return decide(address, v4addr, true, FsNet.toInt(v4addr.get().bytes()), null, null);
    }
    return address.isIpv4() ? decide(address, Optional.empty(), true, FsNet.toInt(address.bytes()), null, null)
        : decide(address, Optional.empty(), false, 0, address.bytes(), null);
  }

  private AclListDecision decide(IpAddress address, Optional<IpAddress> matchedAs, boolean ipv4, int ip4,
      byte[] ip6, String undefinedAddress) {
    if (!defined) {
      List<AclCaveat> c = listCaveat == null ? List.of() : List.of(AclCaveat.notEvaluable(listCaveat, null));
      return new AclListDecision(name, address, AclType.DENY, Optional.empty(), AclListDecision.Reason.UNKNOWN_LIST,
          0, c, matchedAs);
    }
    if (undefinedAddress != null) {
      return new AclListDecision(name, address, defaultType, Optional.empty(), AclListDecision.Reason.DEFAULT, 0,
          List.of(AclCaveat.undefined(undefinedAddress, null)), matchedAs);
    }
    IpAddress lookup = matchedAs.orElse(address);
    PrefixTrie trie = ipv4 ? v4 : v6;
    int t = trie.longestMatch(lookup);
    int best = t < 0 ? -1 : trie.value(t);
    int bestBits = best < 0 ? -1 : nodes.get(best).net().prefix().orElseThrow().prefixLength();
    int tied = t < 0 ? 0 : trie.count(t);
    for (int i : ipv4 ? irregular4 : irregular6) {
      FsNet n = nodes.get(i).net();
      if (!(ipv4 ? n.matchesIpv4(ip4) : n.matchesIpv6(ip6))) {
        continue;
      }
      if (n.bits() > bestBits || n.bits() == bestBits && i < best) {
        tied = n.bits() == bestBits ? tied + 1 : 1;
        best = i;
        bestBits = n.bits();
      } else if (n.bits() == bestBits) {
        tied++;
      }
    }
    AclNode deciding = best < 0 ? null : nodes.get(best);
    AclType decision = deciding == null ? defaultType : deciding.type();
    List<AclCaveat> caveats = new ArrayList<>();
    if (deciding != null && deciding.net().x86AllIpv4()) {
      caveats.add(AclCaveat.undefined("the decision rests on " + deciding.describe() + ": "
          + deciding.net().undefined().orElseThrow(), deciding));
    }
    if (deciding != null && !ipv4 && deciding.net().family() == FsNet.Family.BOTH) {
      caveats.add(AclCaveat.undefined("the decision rests on the IPv4 host/mask node " + deciding.describe()
          + ", which FreeSWITCH also compares with IPv6 addresses (its IPv4 words as x86 memory against the first "
          + "four bytes of the IPv6 address)", deciding));
    }
    for (int i : ipv4 ? unknown4 : unknown6) {
      AclNode u = nodes.get(i);
      boolean typeMayDiffer = u.kind() == AclNode.Kind.INCLUDE || u.type() != decision;
      int bits = u.net() == null ? -1 : u.net().bits();
      boolean mayOutrank = deciding == null || bits < 0 || bits > bestBits || bits == bestBits && i < best;
      if (!typeMayDiffer || !mayOutrank) {
        continue;
      }
      String why = u.hiddenReason().map(h -> String.format(Locale.ROOT, "%s may match %s and decide %s: %s",
              u.describe(), address, u.kind() == AclNode.Kind.INCLUDE ? "otherwise" : u.type().written(), h))
          .orElseGet(() -> String.format(Locale.ROOT, "%s may match %s and decide %s: %s", u.describe(), address,
              u.type().written(), literal && u.net().defined()
                  ? "a list-name prefix of the other address family is compared with unset memory"
                  : u.net().undefined().orElse("")));
      caveats.add(u.hiddenReason().isPresent() ? AclCaveat.notEvaluable(why, u) : AclCaveat.undefined(why, u));
    }
    if (deciding == null) {
      return new AclListDecision(name, address, decision, Optional.empty(), AclListDecision.Reason.DEFAULT, 0,
          caveats, matchedAs);
    }
    return new AclListDecision(name, address, decision, Optional.of(deciding),
        tied > 1 ? AclListDecision.Reason.TIE : AclListDecision.Reason.LONGEST_PREFIX, Math.max(1, tied), caveats,
        matchedAs);
  }

  /** Only the verdict, without building an explanation: the fast path for bulk evaluation. */
  public boolean allows(IpAddress address) {
    if (!defined) {
      return false;
    }
    if (address.isIpv4Mapped() || irregular4.length > 0 || irregular6.length > 0) {
      return evaluate(address).allowed();
    }
    PrefixTrie trie = address.isIpv4() ? v4 : v6;
    int t = trie.longestMatch(address);
    return (t < 0 ? defaultType : nodes.get(trie.value(t)).type()) == AclType.ALLOW;
  }

  /** The trie of one family, for the lint in this package. */
  PrefixTrie trie(boolean ipv4) {
    return ipv4 ? v4 : v6;
  }

  /** The number of nodes that take part in evaluation with a result known offline. */
  public int evaluableNodes() {
    return (int) nodes.stream().filter(AclNode::evaluable).count();
  }

  @Override
  public String toString() {
    return "AclList[" + name + ", default " + defaultType.written() + ", " + nodes.size() + " nodes]";
  }
}
