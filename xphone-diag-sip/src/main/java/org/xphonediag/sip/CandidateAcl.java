package org.xphonediag.sip;

import java.util.List;
import java.util.Objects;
import org.xphonediag.core.acl.AclChain;
import org.xphonediag.core.acl.AclOfferDecision;
import org.xphonediag.core.acl.RtpFamilies;
import org.xphonediag.sip.sdp.SdpCandidate;

/**
 * The XCC's candidate ACL as {@link SdpAnalyzer} consults it: given the candidates of the offer's
 * audio section in SDP order (those FreeSWITCH's {@code check_ice} reads), it decides for each one
 * and names the candidate FreeSWITCH would take (docs/field-guide.md#xcc-acls, #failure-patterns: none means {@code 488 Not
 * Acceptable Here}), in core's decision model ({@link AclOfferDecision}). {@link #of(AclChain, RtpFamilies)} adapts core's FreeSWITCH ACL engine, which
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
    return candidates -> chain.candidates(candidates.stream().map(FreeSwitchIce::toAcl).toList(), families);
  }

  /**
   * Decides for each of {@code candidates}: one {@link org.xphonediag.core.acl.AclCandidateDecision}
   * per candidate, in their order, and the candidate FreeSWITCH takes, if any (none: 488).
   */
  AclOfferDecision evaluate(List<SdpCandidate> candidates);
}
