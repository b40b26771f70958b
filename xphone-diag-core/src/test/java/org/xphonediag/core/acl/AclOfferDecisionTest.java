package org.xphonediag.core.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.StandaloneContext;

/** {@link AclOfferDecision} as the outcome of {@code acl.candidates}: the details the result had before. */
class AclOfferDecisionTest {

  @Test
  void detailsAreListsChosenFamilyAndCertainty() throws Exception {
    AclConfig config = AclConfig.parse("""
        <configuration name="acl.conf" description="Network Lists">
          <network-lists>
            <list name="xcc_candidates" default="deny">
              <node type="allow" cidr="192.168.0.0/16"/>
            </list>
          </network-lists>
        </configuration>
        """, "acl.conf.xml");
    AclCandidatesCheck check = new AclCandidatesCheck(config, List.of("xcc_candidates"), List.of(),
        List.of(AclCandidate.udp("192.168.1.10"), AclCandidate.udp("203.0.113.7")));
    CheckResult r = check.run(StandaloneContext.builder(CheckCatalog.ACL_CANDIDATES).build());
    AclOfferDecision d = r.outcome(AclOfferDecision.class).orElseThrow();
    Details expected = Details.builder().put("lists", List.of("xcc_candidates")).put("chosen", "192.168.1.10/udp")
        .put("xccFamily", "ipv4").put("certain", true).build();
    assertEquals(expected, d.details());
    assertEquals(expected, r.details());
  }
}
