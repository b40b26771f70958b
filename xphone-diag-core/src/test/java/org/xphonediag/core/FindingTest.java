package org.xphonediag.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingTest {

  @Test
  void withMessageWhenRaisedThenKeepsRemedyLocationAndEvidence() {
    SourceLocation at = SourceLocation.of("acl.conf.xml", 12, 5);
    Finding warn = FindingCatalog.ACL_CANDIDATE_DENIED.finding("candidate 203.0.113.7 denied").severity(Status.WARN)
        .remedy("allow 203.0.113.0/24 in xcc_candidates").location(at).evidence("ip", "203.0.113.7").build();
    Finding fail = warn.withMessage(warn.message() + "; it is the only public candidate").severity(Status.FAIL).build();
    assertEquals(Status.FAIL, fail.severity());
    assertEquals("candidate 203.0.113.7 denied; it is the only public candidate", fail.message());
    assertEquals(warn.code(), fail.code());
    assertEquals(warn.remedy(), fail.remedy());
    assertEquals(Optional.of(at), fail.location());
    assertEquals(warn.evidence(), fail.evidence());
    assertEquals(Status.WARN, warn.withMessage("again").build().severity());
  }
}
