package org.xphonediag.core.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Status;

/**
 * The findings that predict a call failure from ACL decisions (docs/field-guide.md#xcc-acls, #failure-patterns):
 * {@code acl.source-denied} (the INVITE or REGISTER gets 403) and {@code acl.candidate-denied}
 * (per candidate, WARN while another candidate keeps the offer alive; and for the whole offer,
 * FAIL, when it gets 488). Shared by the CLI, the checks and the doctor so they word them alike.
 */
public final class AclFindings {
  private AclFindings() {}

  /** {@code acl.source-denied} for a denied inbound or register decision; empty when allowed. */
  public static List<Finding> sourceDenied(AclChainDecision d) {
    if (d.allowed()) {
      return List.of();
    }
    return List.of(FindingCatalog.ACL_SOURCE_DENIED.finding(String.format(Locale.ROOT,
            "%s is denied by the %s chain %s, so its %s gets 403 Forbidden: %s", d.address(), d.mode().optionName(),
            d.trail().stream().map(AclListDecision::list).toList(),
            d.mode() == AclMode.REGISTER ? "REGISTER" : "INVITE", d.explain()))
        .evidence("ip", d.address()).evidence("list", d.list().orElse("")).evidence("node", d.nodeText())
        .build());
  }

  /**
   * {@code acl.candidate-denied} for every candidate that is denied or ignored (WARN when the offer
   * is still accepted), plus one FAIL for the whole offer when none is usable (488).
   */
  public static List<Finding> candidateDenied(AclOfferDecision o) {
    List<Finding> out = new ArrayList<>();
    for (AclCandidateDecision c : o.candidates()) {
      if (c.allowed()) {
        continue;
      }
      Finding.Builder f = FindingCatalog.ACL_CANDIDATE_DENIED.finding(String.format(Locale.ROOT,
              "candidate %s is not usable by the candidate ACL %s: %s", c.candidate(), o.lists(),
              c.ignoredReason().orElseGet(() -> "no list allows it (" + c.deciding().orElseThrow().explain() + ")")))
          .evidence("ip", c.candidate().address()).evidence("node", c.nodeText());
      if (o.accepted()) {
        f.severity(Status.WARN);
      }
      out.add(f.build());
    }
    if (!o.accepted()) {
      out.add(FindingCatalog.ACL_CANDIDATE_DENIED.finding(String.format(Locale.ROOT,
              "every one of the %d candidates is denied or ignored by the candidate ACL %s%s: the offer gets "
                  + "488 Not Acceptable Here", o.candidates().size(), o.lists(),
              o.defaulted() ? " (none configured, so wan.auto applies)" : ""))
          .evidence("candidates", o.candidates().size()).evidence("lists", o.lists()).build());
    }
    return out;
  }
}
