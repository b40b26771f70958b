package org.xphonediag.core.acl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.acl.internal.PrefixTrie;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/**
 * One FreeSWITCH network list (docs/field-guide.md#xcc-acls): a name, a default and nodes. Within a list the node
 * with the longest prefix containing the address decides, whatever the order of the nodes; on an
 * exact tie the node written first decides; when no node matches, the default decides.
 *
 * <p>A prefix trie per address family is built once, in the constructor, so an evaluation walks at
 * most 32 (IPv4) or 128 (IPv6) bits instead of scanning every node as FreeSWITCH does. Immutable
 * and thread-safe.
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
  private final SourceLocation location;
  private final PrefixTrie v4 = new PrefixTrie(32);
  private final PrefixTrie v6 = new PrefixTrie(128);

  private AclList(String name, AclType defaultType, List<AclNode> nodes, boolean builtIn, SourceLocation location) {
    this.name = Objects.requireNonNull(name, "name");
    this.defaultType = Objects.requireNonNull(defaultType, "defaultType");
    this.nodes = List.copyOf(nodes);
    this.builtIn = builtIn;
    this.location = location;
    for (int i = 0; i < this.nodes.size(); i++) {
      Optional<Cidr> p = this.nodes.get(i).prefix();
      if (p.isPresent()) {
        Cidr c = p.get();
        (c.isIpv4() ? v4 : v6).insert(c.network(), c.prefixLength(), i);
      }
    }
    v4.freeze();
    v6.freeze();
  }

  /** A list with the given default and nodes (in the order written). */
  public static AclList of(String name, AclType defaultType, List<AclNode> nodes) {
    return new AclList(name, defaultType, nodes, false, null);
  }

  /** A list read from a file at {@code location}. */
  public static AclList read(String name, AclType defaultType, List<AclNode> nodes, SourceLocation location) {
    return new AclList(name, defaultType, nodes, false, location);
  }

  /** A built-in {@code .auto} list. */
  static AclList builtIn(String name, AclType defaultType, List<AclNode> nodes) {
    return new AclList(name, defaultType, nodes, true, null);
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

  /** Evaluates {@code address}: longest prefix, then first written, then the default. */
  public AclListDecision evaluate(IpAddress address) {
    PrefixTrie trie = address.isIpv4() ? v4 : v6;
    int t = trie.longestMatch(address);
    if (t < 0) {
      return new AclListDecision(name, address, defaultType, Optional.empty(), AclListDecision.Reason.DEFAULT, 0);
    }
    AclNode node = nodes.get(trie.value(t));
    int tied = trie.count(t);
    return new AclListDecision(name, address, node.type(), Optional.of(node),
        tied > 1 ? AclListDecision.Reason.TIE : AclListDecision.Reason.LONGEST_PREFIX, tied);
  }

  /** Only the verdict, without building an explanation: the fast path for bulk evaluation. */
  public boolean allows(IpAddress address) {
    PrefixTrie trie = address.isIpv4() ? v4 : v6;
    int t = trie.longestMatch(address);
    return (t < 0 ? defaultType : nodes.get(trie.value(t)).type()) == AclType.ALLOW;
  }

  /** The trie of one family, for the lint in this package. */
  PrefixTrie trie(boolean ipv4) {
    return ipv4 ? v4 : v6;
  }

  /** The number of nodes that take part in evaluation. */
  public int evaluableNodes() {
    return (int) nodes.stream().filter(AclNode::evaluable).count();
  }

  @Override
  public String toString() {
    return "AclList[" + name + ", default " + defaultType.written() + ", " + nodes.size() + " nodes]";
  }
}
