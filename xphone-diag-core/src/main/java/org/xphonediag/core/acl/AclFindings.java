package org.xphonediag.core.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Status;

/**
 * The findings that predict a call failure from ACL decisions (docs/field-guide.md#xcc-acls, #failure-patterns):
 * {@code acl.source-denied} (the INVITE or REGISTER gets 403), {@code acl.candidate-denied}
 * (per candidate, WARN while another candidate keeps the offer alive; and for the whole offer,
 * FAIL, when it gets 488) and {@code acl.unknown-list}. A prediction that rests on an uncertain
 * decision (see {@link AclCaveat}) is a WARN that says why, never a FAIL. Shared by the CLI, the
 * checks and the doctor so they word them alike.
 */
public final class AclFindings {
  private AclFindings() {}

  /** {@code acl.source-denied} for a denied inbound or register decision; empty when allowed. */
  public static List<Finding> sourceDenied(AclChainDecision d) {
    if (d.allowed()) {
      return List.of();
    }
    Finding.Builder f = FindingCatalog.ACL_SOURCE_DENIED.finding(String.format(Locale.ROOT,
            "%s is denied by the %s chain %s, so its %s gets 403 Forbidden%s: %s", d.address(), d.mode().optionName(),
            d.trail().stream().map(AclListDecision::list).toList(),
            d.mode() == AclMode.REGISTER ? "REGISTER" : "INVITE", d.certain() ? "" : " unless the XCC decides "
                + "otherwise (the decision is uncertain)", d.explain()))
        .evidence("ip", d.address()).evidence("list", d.list().orElse("")).evidence("node", d.nodeText())
        .evidence("certain", d.certain());
    if (!d.certain()) {
      f.severity(Status.WARN);
    }
    return List.of(f.build());
  }

  /**
   * {@code acl.unknown-list} for every name of {@code chain} that names no list in {@code config}:
   * FreeSWITCH denies every address for it. A WARN instead of a FAIL when the file includes other
   * files that could define it.
   */
  public static List<Finding> unknownLists(AclChain chain, AclConfig config) {
    List<Finding> out = new ArrayList<>();
    for (String n : chain.unknownLists()) {
      Finding.Builder f = FindingCatalog.ACL_UNKNOWN_LIST.finding(String.format(Locale.ROOT,
              "ACL list '%s' is not defined in %s, nor built in, nor CIDR prefixes (list names are case-sensitive; "
                  + "known lists: %s): FreeSWITCH denies every address for it%s", n, config.source(),
              String.join(", ", config.knownNames()),
              config.hiddenLists().map(h -> ", unless an included file defines it (" + h + ")").orElse("")))
          .evidence("list", n);
      if (config.hiddenLists().isPresent()) {
        f.severity(Status.WARN);
      }
      out.add(f.build());
    }
    return out;
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
          .evidence("ip", c.candidate().address()).evidence("node", c.nodeText()).evidence("certain", c.certain());
      if (o.accepted() || !c.certain() || !o.certain()) {
        f.severity(Status.WARN);
      }
      out.add(f.build());
    }
    if (!o.accepted()) {
      Finding.Builder f = FindingCatalog.ACL_CANDIDATE_DENIED.finding(String.format(Locale.ROOT,
              "every one of the %d candidates is denied or ignored by the candidate ACL %s%s%s: the offer gets "
                  + "488 Not Acceptable Here%s", o.candidates().size(), o.lists(),
              o.defaulted() ? " (none configured, so wan.auto applies)" : "",
              o.families() == RtpFamilies.DUAL ? "" : " on an XCC with only " + o.families().optionName() + " RTP",
              o.certain() ? "" : " unless the XCC decides otherwise, as these may: "
                  + o.caveats().stream().map(c -> c.node().map(AclNode::describe).orElse(c.reason())).distinct()
                      .collect(java.util.stream.Collectors.joining("; "))))
          .evidence("candidates", o.candidates().size()).evidence("lists", o.lists()).evidence("certain", o.certain());
      if (!o.certain()) {
        f.severity(Status.WARN);
      }
      out.add(f.build());
    }
    return out;
  }
}
