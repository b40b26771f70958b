package org.xphonediag.core.acl;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.IpAddress;

/**
 * What one network list decided for one address and why (docs/field-guide.md#xcc-acls): the list, the decision, the
 * deciding node (empty when the list default decided) and the reason.
 *
 * @param list the list's name
 * @param address the address evaluated
 * @param decision allow or deny
 * @param node the deciding node; empty when no node matched and the default decided
 * @param reason why this node (or the default) decided
 * @param tiedNodes how many nodes share the deciding prefix (1 unless {@link Reason#TIE})
 */
public record AclListDecision(String list, IpAddress address, AclType decision, Optional<AclNode> node,
    Reason reason, int tiedNodes) {

  /** Why a list decided as it did. */
  public enum Reason {
    /** The node with the longest prefix containing the address decided, whatever the node order. */
    LONGEST_PREFIX,
    /** Several nodes share the longest matching prefix; the one written first decided. */
    TIE,
    /** No node contains the address; the list's default decided. */
    DEFAULT
  }

  /** Validates the decision. */
  public AclListDecision {
    Objects.requireNonNull(list, "list");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(reason, "reason");
    if (node.isEmpty() != (reason == Reason.DEFAULT)) {
      throw new IllegalArgumentException("a node decides exactly when the reason is not DEFAULT");
    }
  }

  /** True when the list allows the address. */
  public boolean allowed() {
    return decision == AclType.ALLOW;
  }

  /** The deciding node as written ({@code allow 10.0.0.0/8}), or {@code default}. */
  public String nodeText() {
    return node.map(AclNode::asWritten).orElse("default");
  }

  /** The deciding node's line, or 0 for the default and built-in lists. */
  public int line() {
    return node.flatMap(AclNode::location).map(l -> l.line().orElse(0)).orElse(0);
  }

  /** One sentence: which list, which node, why. */
  public String explain() {
    return switch (reason) {
      case LONGEST_PREFIX -> String.format(Locale.ROOT, "list '%s': %s is the longest prefix containing %s -> %s",
          list, node.orElseThrow().describe(), address, decision.written());
      case TIE -> String.format(Locale.ROOT,
          "list '%s': %d nodes share the longest prefix containing %s; the first written, %s, decides -> %s",
          list, tiedNodes, address, node.orElseThrow().describe(), decision.written());
      case DEFAULT -> String.format(Locale.ROOT, "list '%s': no node contains %s; the list default decides -> %s",
          list, address, decision.written());
    };
  }
}
