package org.xphonediag.sip;

import java.util.Objects;
import java.util.Optional;
import org.xphonediag.sip.sdp.SdpCandidate;

/**
 * What an ACL decided for one candidate under FreeSWITCH's {@code apply-candidate-acl} 
 * (docs/field-guide.md#xcc-acls).
 *
 * @param candidate the candidate
 * @param allowed true when some list allows it
 * @param list the list that decided (for a deny, the last list tried); empty when it was ignored
 * @param node the deciding node as written (e.g. {@code allow 10.0.0.0/8}), {@code default}, or
 *     why FreeSWITCH ignores the candidate
 * @param ignored why FreeSWITCH drops the candidate before its ACL (TCP, a name, a family the XCC
 *     has no RTP address for, ...); empty when the ACL decided
 * @param certain false when a node with unknown or undefined addresses could change the decision
 * @param caveat why the decision is uncertain; empty when certain
 */
public record CandidateDecision(SdpCandidate candidate, boolean allowed, String list, String node,
    Optional<String> ignored, boolean certain, Optional<String> caveat) {

  /** Checks that no field is null. */
  public CandidateDecision {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(list, "list");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(ignored, "ignored");
    Objects.requireNonNull(caveat, "caveat");
  }

  /** A certain decision by the ACL (not an ignored candidate). */
  public CandidateDecision(SdpCandidate candidate, boolean allowed, String list, String node) {
    this(candidate, allowed, list, node, Optional.empty(), true, Optional.empty());
  }
}
