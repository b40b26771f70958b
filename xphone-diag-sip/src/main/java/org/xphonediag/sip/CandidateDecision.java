package org.xphonediag.sip;

import java.util.Objects;
import org.xphonediag.sip.sdp.SdpCandidate;

/**
 * What an ACL decided for one candidate under FreeSWITCH's {@code apply-candidate-acl} 
 * (docs/field-guide.md#xcc-acls).
 *
 * @param candidate the candidate
 * @param allowed true when some list allows it
 * @param list the list that decided (for a deny, the last list tried)
 * @param node the deciding node as written (e.g. {@code allow 10.0.0.0/8}) or {@code default}
 */
public record CandidateDecision(SdpCandidate candidate, boolean allowed, String list, String node) {

  /** Checks that no field is null. */
  public CandidateDecision {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(list, "list");
    Objects.requireNonNull(node, "node");
  }
}
