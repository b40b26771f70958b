package org.xphonediag.sip;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.acl.AclCandidate;
import org.xphonediag.core.acl.AclCandidateDecision;
import org.xphonediag.core.acl.AclChain;
import org.xphonediag.core.acl.AclListDecision;
import org.xphonediag.core.acl.AclOfferDecision;
import org.xphonediag.sip.sdp.SdpCandidate;

/**
 * The XCC's candidate ACL as {@link SdpAnalyzer} consults it: given the offered candidates
 * FreeSWITCH would consider (component 1, UDP, IP literals, SDP order), it decides for each one
 * and names the candidate FreeSWITCH would take (docs/field-guide.md#xcc-acls, #failure-patterns: no candidate allowed means
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

  /**
   * The XCC's {@code apply-candidate-acl} as core's FreeSWITCH ACL engine evaluates it offline
   * (docs/field-guide.md#xcc-acls): each candidate against {@code chain} in candidate mode; FreeSWITCH takes the
   * first candidate allowed by the first list that allows any.
   */
  static CandidateAcl of(AclChain chain) {
    Objects.requireNonNull(chain, "chain");
    return candidates -> {
      List<AclCandidate> offer = candidates.stream()
          .map(c -> new AclCandidate(c.address(), c.port(), c.transport())).toList();
      AclOfferDecision o = chain.candidates(offer);
      List<CandidateDecision> decisions = new java.util.ArrayList<>();
      Optional<SdpCandidate> chosen = Optional.empty();
      for (int i = 0; i < candidates.size(); i++) {
        AclCandidateDecision d = o.candidates().get(i);
        decisions.add(new CandidateDecision(candidates.get(i), d.allowed(),
            d.deciding().map(AclListDecision::list).orElse(""), d.nodeText()));
        if (d.chosen()) {
          chosen = Optional.of(candidates.get(i));
        }
      }
      return new Verdict(decisions, chosen);
    };
  }

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
