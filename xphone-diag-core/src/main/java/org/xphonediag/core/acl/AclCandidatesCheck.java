package org.xphonediag.core.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.net.Cidr;

/**
 * The check {@code acl.candidates}: would the XCC's candidate ACL ({@code apply-candidate-acl})
 * accept an offer's candidates, or answer 488 (docs/field-guide.md#xcc-acls, #failure-patterns)? The candidates come in SDP order,
 * e.g. from the SDP parser. Without configured lists {@code wan.auto} applies. Offline; immutable
 * and thread-safe.
 */
public final class AclCandidatesCheck implements Check {

  private final AclConfig config;
  private final List<String> candidateLists;
  private final List<Cidr> localNetworks;
  private final List<AclCandidate> candidates;
  private final RtpFamilies families;

  /**
   * @param config the parsed file
   * @param candidateLists the profile's {@code apply-candidate-acl} list names, in order (may be empty)
   * @param localNetworks the XCC host's networks (for {@code localnet.auto}, {@code nat.auto})
   * @param candidates the offered candidates in SDP order
   */
  public AclCandidatesCheck(AclConfig config, List<String> candidateLists, List<Cidr> localNetworks,
      List<AclCandidate> candidates) {
    this(config, candidateLists, localNetworks, candidates, RtpFamilies.DEFAULT);
  }

  /**
   * @param families the address families the XCC has an {@code rtp-ip} for (candidates of another
   *     family are dropped before the ACL)
   */
  public AclCandidatesCheck(AclConfig config, List<String> candidateLists, List<Cidr> localNetworks,
      List<AclCandidate> candidates, RtpFamilies families) {
    this.config = Objects.requireNonNull(config, "config");
    this.candidateLists = List.copyOf(candidateLists);
    this.localNetworks = List.copyOf(localNetworks);
    this.candidates = List.copyOf(candidates);
    this.families = Objects.requireNonNull(families, "families");
  }

  @Override
  public CheckId id() {
    return CheckCatalog.ACL_CANDIDATES;
  }

  @Override
  public String title() {
    return "Offered candidates allowed by the XCC's candidate ACL";
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    context.checkCancelled();
    List<Finding> findings = new ArrayList<>();
    AclChain chain = AclChain.resolveLenient(config, candidateLists, localNetworks, findings);
    AclOfferDecision offer = chain.candidates(candidates, families);
    findings.addAll(AclFindings.candidateDenied(offer));
    context.checkCancelled();
    CheckResult.Builder b = CheckResult.builder(CheckCatalog.ACL_CANDIDATES).title(title()).findings(findings)
        .outcome(offer);
    return b.summary(offer.accepted()
            ? String.format(Locale.ROOT, "FreeSWITCH takes %s (lists %s)%s", offer.chosen().orElseThrow().candidate(),
                offer.lists(), offer.certain() ? "" : ", uncertain")
            : String.format(Locale.ROOT, "no usable candidate among %d: 488%s", candidates.size(),
                offer.certain() ? "" : ", uncertain"))
        .build();
  }
}
