package org.xphonediag.core.acl;

import java.util.List;
import java.util.Optional;

/**
 * What the candidate ACL makes of a whole offer (docs/field-guide.md#xcc-acls, #failure-patterns): a decision per candidate, the
 * candidate FreeSWITCH takes (the first candidate in SDP order allowed by the first list, in ACL
 * order, that allows any), or none, which answers the offer with {@code 488 Not Acceptable Here}.
 *
 * @param candidates one decision per candidate, in SDP order
 * @param lists the names of the lists applied ({@code wan.auto} when none was configured)
 * @param defaulted true when no candidate ACL was configured and {@code wan.auto} applied
 */
public record AclOfferDecision(List<AclCandidateDecision> candidates, List<String> lists, boolean defaulted) {

  /** Validates and copies. */
  public AclOfferDecision {
    candidates = List.copyOf(candidates);
    lists = List.copyOf(lists);
    if (candidates.stream().filter(AclCandidateDecision::chosen).count() > 1) {
      throw new IllegalArgumentException("at most one candidate is chosen");
    }
  }

  /** The candidate FreeSWITCH takes, if any. */
  public Optional<AclCandidateDecision> chosen() {
    return candidates.stream().filter(AclCandidateDecision::chosen).findFirst();
  }

  /** False when every candidate is denied or ignored: the offer gets 488. */
  public boolean accepted() {
    return chosen().isPresent();
  }
}
