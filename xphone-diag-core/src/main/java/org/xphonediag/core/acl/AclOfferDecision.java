package org.xphonediag.core.acl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.core.Outcome;

/**
 * What the candidate ACL makes of a whole offer (docs/field-guide.md#xcc-acls, #failure-patterns), as FreeSWITCH's
 * {@code check_ice} in {@code switch_core_media.c} picks: a decision per candidate, and the RTP
 * candidate FreeSWITCH takes, the first component-1 candidate in SDP order allowed by the first
 * list (in ACL order) that allows any, relay candidates only when no other is allowed; or none,
 * which answers the offer with {@code 488 Not Acceptable Here}. The typed outcome of
 * {@link AclCandidatesCheck} ({@code acl.candidates}).
 *
 * @param candidates one decision per candidate, in SDP order
 * @param lists the names of the lists applied ({@code wan.auto} when none was configured)
 * @param defaulted true when no candidate ACL was configured and {@code wan.auto} applied
 * @param families the address families the XCC has an {@code rtp-ip} for
 */
public record AclOfferDecision(List<AclCandidateDecision> candidates, List<String> lists, boolean defaulted,
    RtpFamilies families) implements Outcome {

  /** Validates and copies. */
  public AclOfferDecision {
    candidates = List.copyOf(candidates);
    lists = List.copyOf(lists);
    Objects.requireNonNull(families, "families");
    if (candidates.stream().filter(AclCandidateDecision::chosen).count() > 1) {
      throw new IllegalArgumentException("at most one candidate is chosen");
    }
  }

  /** An offer decided for an XCC with the default families ({@link RtpFamilies#DEFAULT}). */
  public AclOfferDecision(List<AclCandidateDecision> candidates, List<String> lists, boolean defaulted) {
    this(candidates, lists, defaulted, RtpFamilies.DEFAULT);
  }

  /** The candidate FreeSWITCH takes, if any. */
  public Optional<AclCandidateDecision> chosen() {
    return candidates.stream().filter(AclCandidateDecision::chosen).findFirst();
  }

  /** False when every candidate is denied or ignored: the offer gets 488. */
  public boolean accepted() {
    return chosen().isPresent();
  }

  /**
   * True when the pick cannot differ on the XCC: no decision of an evaluated candidate carries a
   * caveat. When false, {@link #caveats()} says which node or address makes the pick uncertain.
   */
  public boolean certain() {
    return candidates.stream().allMatch(AclCandidateDecision::certain);
  }

  /** The caveats of every evaluated candidate, in SDP and chain order, without repeats. */
  public List<AclCaveat> caveats() {
    return candidates.stream().flatMap(c -> c.caveats().stream()).distinct().toList();
  }

  /**
   * {@code lists}, {@code chosen} (the candidate as {@code address:port/transport}, empty for none),
   * {@code xccFamily}, {@code certain}, and {@code caveats} when uncertain.
   */
  @Override
  public Details details() {
    Details.Builder b = Details.builder().put("lists", lists)
        .put("chosen", chosen().map(c -> c.candidate().toString()).orElse(""))
        .put("xccFamily", families.optionName()).put("certain", certain());
    if (!certain()) {
      b.put("caveats", caveats().stream().map(AclCaveat::reason).toList());
    }
    return b.build();
  }
}
