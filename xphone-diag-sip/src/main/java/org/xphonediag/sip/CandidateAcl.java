package org.xphonediag.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.acl.AclCandidate;
import org.xphonediag.core.acl.AclCandidateDecision;
import org.xphonediag.core.acl.AclCaveat;
import org.xphonediag.core.acl.AclChain;
import org.xphonediag.core.acl.AclListDecision;
import org.xphonediag.core.acl.AclOfferDecision;
import org.xphonediag.core.acl.RtpFamilies;
import org.xphonediag.sip.sdp.SdpCandidate;

/**
 * The XCC's candidate ACL as {@link SdpAnalyzer} consults it: given the candidates of the offer's
 * audio section in SDP order (those FreeSWITCH's {@code check_ice} reads), it decides for each one
 * and names the candidate FreeSWITCH would take (docs/field-guide.md#xcc-acls, #failure-patterns: none means {@code 488 Not
 * Acceptable Here}). {@link #of(AclChain, RtpFamilies)} adapts core's FreeSWITCH ACL engine, which
 * also drops what FreeSWITCH drops before its ACL (TCP, components above 2, names, a family the XCC
 * has no {@code rtp-ip} for); tests may use a lambda.
 *
 * <pre>{@code
 * CandidateAcl acl = CandidateAcl.of(chain, RtpFamilies.IPV4);
 * SdpAnalyzer.builder().candidateAcl(acl).build().analyze(sdp);
 * }</pre>
 */
@FunctionalInterface
public interface CandidateAcl {

  /** {@link #of(AclChain, RtpFamilies)} for an XCC with IPv4 RTP only ({@link RtpFamilies#DEFAULT}). */
  static CandidateAcl of(AclChain chain) {
    return of(chain, RtpFamilies.DEFAULT);
  }

  /**
   * The XCC's {@code apply-candidate-acl} as core's FreeSWITCH ACL engine evaluates it offline
   * (docs/field-guide.md#xcc-acls): each candidate's address as written against {@code chain} in candidate mode
   * ({@link AclChain#candidates(List, RtpFamilies)}), for an XCC with RTP addresses of
   * {@code families}.
   */
  static CandidateAcl of(AclChain chain, RtpFamilies families) {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(families, "families");
    return candidates -> {
      List<AclCandidate> offer = candidates.stream().map(FreeSwitchIce::toAcl).toList();
      AclOfferDecision o = chain.candidates(offer, families);
      List<CandidateDecision> decisions = new ArrayList<>();
      Optional<SdpCandidate> chosen = Optional.empty();
      for (int i = 0; i < candidates.size(); i++) {
        AclCandidateDecision d = o.candidates().get(i);
        decisions.add(new CandidateDecision(candidates.get(i), d.allowed(),
            d.deciding().map(AclListDecision::list).orElse(""), d.nodeText(), d.ignoredReason(), d.certain(),
            d.caveats().stream().map(AclCaveat::reason).findFirst()));
        if (d.chosen()) {
          chosen = Optional.of(candidates.get(i));
        }
      }
      return new Verdict(decisions, chosen, o.certain(), o.caveats().stream().map(AclCaveat::reason).toList());
    };
  }

  /** Decides for each of {@code candidates}, in their order. */
  Verdict evaluate(List<SdpCandidate> candidates);

  /**
   * The ACL's answer.
   *
   * @param decisions one per candidate, in SDP order
   * @param chosen the candidate FreeSWITCH takes for RTP; empty when none is allowed (488)
   * @param certain false when a node with unknown or undefined addresses could change the pick
   * @param caveats why the pick is uncertain; empty when certain
   */
  record Verdict(List<CandidateDecision> decisions, Optional<SdpCandidate> chosen, boolean certain,
      List<String> caveats) {

    /** Copies the lists and checks that no field is null. */
    public Verdict {
      decisions = List.copyOf(decisions);
      Objects.requireNonNull(chosen, "chosen");
      caveats = List.copyOf(caveats);
    }

    /** A certain verdict. */
    public Verdict(List<CandidateDecision> decisions, Optional<SdpCandidate> chosen) {
      this(decisions, chosen, true, List.of());
    }

    /** True when at least one candidate is allowed. */
    public boolean anyAllowed() {
      return decisions.stream().anyMatch(CandidateDecision::allowed);
    }
  }
}
