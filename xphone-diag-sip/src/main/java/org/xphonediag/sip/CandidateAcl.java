package org.xphonediag.sip;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.sip.sdp.SdpCandidate;

/**
 * The XCC's candidate ACL as {@link SdpAnalyzer} consults it: given the offered candidates
 * FreeSWITCH would consider (component 1, UDP, IP literals, SDP order), it decides for each one
 * and names the candidate FreeSWITCH would take (DOMAIN §3.4, §7: no candidate allowed means
 * {@code 488 Not Acceptable Here}). An adapter over core's ACL engine implements it; tests may
 * use a lambda.
 *
 * <pre>{@code
 * CandidateAcl acl = candidates -> CandidateAcl.Verdict.of(...);
 * SdpAnalyzer.builder().candidateAcl(acl).build().analyze(sdp);
 * }</pre>
 */
@FunctionalInterface
public interface CandidateAcl {

  /** Decides for each of {@code candidates}, in their order. */
  Verdict evaluate(List<SdpCandidate> candidates);

  /**
   * The ACL's answer.
   *
   * @param decisions one per candidate evaluated, in SDP order
   * @param chosen the candidate FreeSWITCH takes: the first (SDP order) allowed by the first list
   *     (ACL order) that allows any; empty when none is allowed
   */
  record Verdict(List<CandidateDecision> decisions, Optional<SdpCandidate> chosen) {

    /** Copies the list and checks that no field is null. */
    public Verdict {
      decisions = List.copyOf(decisions);
      Objects.requireNonNull(chosen, "chosen");
    }

    /** True when at least one candidate is allowed. */
    public boolean anyAllowed() {
      return decisions.stream().anyMatch(CandidateDecision::allowed);
    }
  }
}
