package org.xphonediag.core.acl;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.IpAddress;

/**
 * What a chain of lists decided for one address in one mode (docs/field-guide.md#xcc-acls): the decision, the list
 * decision that settled it, and the decision of every list tried, in order.
 *
 * @param address the address
 * @param mode inbound, register or candidate
 * @param decision allow or deny
 * @param deciding the list decision that settled it: inbound the first allow (or, for a deny, the
 *     last list tried); register the first deny (or, for an allow, the last list); empty for an
 *     empty chain, which FreeSWITCH does not check
 * @param trail every list tried, in chain order
 */
public record AclChainDecision(IpAddress address, AclMode mode, AclType decision,
    Optional<AclListDecision> deciding, List<AclListDecision> trail) {

  /** Validates and copies. */
  public AclChainDecision {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(deciding, "deciding");
    trail = List.copyOf(trail);
  }

  public boolean allowed() {
    return decision == AclType.ALLOW;
  }

  /**
   * True when the XCC decides the same for certain: no list tried carries a caveat (a node with
   * unknown or undefined addresses could change a list's answer, and so the chain's).
   */
  public boolean certain() {
    return trail.stream().allMatch(AclListDecision::certain);
  }

  /** The caveats of the lists tried, in chain order. */
  public List<AclCaveat> caveats() {
    return trail.stream().flatMap(d -> d.caveats().stream()).toList();
  }

  /** The deciding list's name, or empty for an empty chain. */
  public Optional<String> list() {
    return deciding.map(AclListDecision::list);
  }

  /** The deciding node as written, {@code default}, or {@code none} for an empty chain. */
  public String nodeText() {
    return deciding.map(AclListDecision::nodeText).orElse("none");
  }

  /** Sentences: why the chain decided, then each list tried. */
  public String explain() {
    if (deciding.isEmpty()) {
      return String.format(Locale.ROOT, "%s: no list configured for %s, nothing is checked -> allow",
          address, mode.optionName());
    }
    String rule = switch (mode) {
      case INBOUND, CANDIDATE -> allowed()
          ? "the first list that allows decides"
          : "no list allows (403 for an INVITE)";
      case REGISTER -> allowed() ? "every list allows" : "the first list that denies decides (403)";
    };
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s %s: %s -> %s. ",
        mode.optionName(), address, rule, decision.written()));
    for (AclListDecision d : trail) {
      sb.append(d.explain()).append(". ");
    }
    return sb.toString().strip();
  }
}
