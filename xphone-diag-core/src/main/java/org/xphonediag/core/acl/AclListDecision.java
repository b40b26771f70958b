package org.xphonediag.core.acl;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.IpAddress;

/**
 * What one network list decided for one address and why (docs/field-guide.md#xcc-acls): the list, the decision, the
 * deciding node (empty when the list default decided), the reason, and whether the decision is
 * certain. FreeSWITCH's {@code switch_network_list_validate_ip_token} walks every node and keeps
 * the last match with at least as many bits: the longest prefix wins, and on a tie the node
 * written first.
 *
 * @param list the list's name
 * @param address the address evaluated
 * @param decision allow or deny
 * @param node the deciding node; empty when no node matched and the default decided
 * @param reason why this node (or the default) decided
 * @param tiedNodes how many nodes share the deciding rank (1 unless {@link Reason#TIE})
 * @param caveats why the decision may differ on the XCC; empty when it is certain
 * @param matchedAs the IPv4 address FreeSWITCH matched instead of an IPv4-mapped IPv6 address
 *     ({@code ::ffff:10.1.2.3} is matched as {@code 10.1.2.3}); empty otherwise
 */
public record AclListDecision(String list, IpAddress address, AclType decision, Optional<AclNode> node,
    Reason reason, int tiedNodes, List<AclCaveat> caveats, Optional<IpAddress> matchedAs) {

  /** Why a list decided as it did. */
  public enum Reason {
    /** The node with the longest prefix containing the address decided, whatever the node order. */
    LONGEST_PREFIX,
    /** Several nodes share the longest matching prefix; the one written first decided. */
    TIE,
    /** No node contains the address; the list's default decided. */
    DEFAULT,
    /** No list of that name exists: FreeSWITCH denies every address. */
    UNKNOWN_LIST
  }

  /** Validates the decision. */
  public AclListDecision {
    Objects.requireNonNull(list, "list");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(reason, "reason");
    caveats = List.copyOf(caveats);
    Objects.requireNonNull(matchedAs, "matchedAs");
    if (node.isEmpty() != (reason == Reason.DEFAULT || reason == Reason.UNKNOWN_LIST)) {
      throw new IllegalArgumentException("a node decides exactly when the reason is not DEFAULT or UNKNOWN_LIST");
    }
  }

  /** A certain decision of an address matched as itself. */
  public AclListDecision(String list, IpAddress address, AclType decision, Optional<AclNode> node, Reason reason,
      int tiedNodes) {
    this(list, address, decision, node, reason, tiedNodes, List.of(), Optional.empty());
  }

  /** True when the list allows the address. */
  public boolean allowed() {
    return decision == AclType.ALLOW;
  }

  /** True when no caveat applies: the XCC decides the same. */
  public boolean certain() {
    return caveats.isEmpty();
  }

  /** The deciding node as written ({@code allow 10.0.0.0/8}), {@code default}, or {@code unknown list}. */
  public String nodeText() {
    return node.map(AclNode::asWritten).orElse(reason == Reason.UNKNOWN_LIST ? "unknown list" : "default");
  }

  /** The deciding node's line, or 0 for the default and built-in lists. */
  public int line() {
    return node.flatMap(AclNode::location).map(l -> l.line().orElse(0)).orElse(0);
  }

  /** One sentence: which list, which node, why; then any caveat. */
  public String explain() {
    String who = matchedAs.map(v4 -> address + " (matched as " + v4 + ")").orElse(address.toString());
    String s = switch (reason) {
      case LONGEST_PREFIX -> String.format(Locale.ROOT, "list '%s': %s is the longest prefix containing %s -> %s",
          list, node.orElseThrow().describe(), who, decision.written());
      case TIE -> String.format(Locale.ROOT,
          "list '%s': %d nodes share the longest prefix containing %s; the first written, %s, decides -> %s",
          list, tiedNodes, who, node.orElseThrow().describe(), decision.written());
      case DEFAULT -> String.format(Locale.ROOT, "list '%s': no node contains %s; the list default decides -> %s",
          list, who, decision.written());
      case UNKNOWN_LIST -> String.format(Locale.ROOT, "list '%s' is not defined: FreeSWITCH denies every address "
          + "for a list it does not know -> deny", list);
    };
    for (AclCaveat c : caveats) {
      s += "; uncertain (" + c.code() + "): " + c.reason();
    }
    return s;
  }
}
