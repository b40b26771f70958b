package org.xphonediag.core.acl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the candidate ACL decided for one offered candidate (docs/field-guide.md#xcc-acls, #failure-patterns).
 *
 * @param candidate the candidate, in SDP order
 * @param ignoredReason why FreeSWITCH drops it before the ACL (not UDP, not component 1 or 2, not
 *     an IP literal, a family the XCC has no {@code rtp-ip} for, too many); empty when it was
 *     evaluated
 * @param decision allow when some list allows it; deny when none does or it was ignored
 * @param deciding the first list that allows it, or for a deny the last list tried
 * @param trail every list's decision, in chain order (empty when ignored)
 * @param chosen true for the one candidate FreeSWITCH takes for RTP (component 1)
 */
public record AclCandidateDecision(AclCandidate candidate, Optional<String> ignoredReason, AclType decision,
    Optional<AclListDecision> deciding, List<AclListDecision> trail, boolean chosen) {

  /** Validates and copies. */
  public AclCandidateDecision {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(ignoredReason, "ignoredReason");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(deciding, "deciding");
    trail = List.copyOf(trail);
  }

  /** True when some list allows the candidate. */
  public boolean allowed() {
    return decision == AclType.ALLOW;
  }

  /** True when every list's decision for it is certain (see {@link AclListDecision#certain()}). */
  public boolean certain() {
    return trail.stream().allMatch(AclListDecision::certain);
  }

  /** The caveats of its list decisions, in chain order. */
  public List<AclCaveat> caveats() {
    return trail.stream().flatMap(d -> d.caveats().stream()).toList();
  }

  /** The deciding node as written, {@code default}, or what made FreeSWITCH ignore the candidate. */
  public String nodeText() {
    return ignoredReason.orElseGet(() -> deciding.map(AclListDecision::nodeText).orElse("none"));
  }
}
