package org.xphonediag.sip;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Outcome;
import org.xphonediag.core.acl.AclOfferDecision;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.sip.sdp.SessionDescription;

/**
 * What {@link SdpAnalyzer} made of one SDP, the typed outcome of its check result (docs/field-guide.md#reading-a-trace, #failure-patterns): the sender's role, whether a private
 * host and a public candidate are offered, the candidate FreeSWITCH would take, the ACL's decision
 * when an ACL was given, the findings and ordered details. Immutable and thread-safe.
 */
public final class SdpAnalysis implements Outcome {

  private final SessionDescription sdp;
  private final SdpRole role;
  private final boolean privateHost;
  private final boolean publicCandidate;
  private final SdpCandidate firstChoice;
  private final AclOfferDecision aclDecision;
  private final List<Finding> findings;
  private final Details details;

  SdpAnalysis(SessionDescription sdp, SdpRole role, boolean privateHost, boolean publicCandidate,
      SdpCandidate firstChoice, AclOfferDecision aclDecision, List<Finding> findings, Details details) {
    this.sdp = Objects.requireNonNull(sdp, "sdp");
    this.role = Objects.requireNonNull(role, "role");
    this.privateHost = privateHost;
    this.publicCandidate = publicCandidate;
    this.firstChoice = firstChoice;
    this.aclDecision = aclDecision;
    this.findings = List.copyOf(findings);
    this.details = Objects.requireNonNull(details, "details");
  }

  /** The SDP analysed. */
  public SessionDescription sdp() {
    return sdp;
  }

  /** Who sent it, by the origin's user name. */
  public SdpRole role() {
    return role;
  }

  /** True when some host candidate has a private (or mDNS) address. */
  public boolean hasPrivateHost() {
    return privateHost;
  }

  /** True when some candidate has a public address (normally the srflx one). */
  public boolean hasPublicCandidate() {
    return publicCandidate;
  }

  /**
   * The candidate FreeSWITCH would take first: the ACL's choice when an ACL was given, else the
   * first component-1 UDP candidate with an IP address, in SDP order (docs/field-guide.md#reading-a-trace). Empty for the
   * XCC's own SDP.
   */
  public Optional<SdpCandidate> firstChoice() {
    return Optional.ofNullable(firstChoice);
  }

  /**
   * The candidate ACL's decision, when an ACL was given: one decision per candidate of the offer's
   * audio section (FreeSWITCH's {@code check_ice} reads those), in SDP order.
   */
  public Optional<AclOfferDecision> aclDecision() {
    return Optional.ofNullable(aclDecision);
  }

  /** The findings, in the order raised. */
  public List<Finding> findings() {
    return findings;
  }

  /**
   * Ordered details: {@code role}, {@code originUsername}, counts, {@code ice}, first choice, the XCC's
   * family, ports outside the media range, and the ACL's decisions when an ACL was given.
   */
  @Override
  public Details details() {
    return details;
  }

  /** The analysis as a check result with id {@link org.xphonediag.core.CheckCatalog#SDP_CANDIDATES}. */
  public CheckResult toResult() {
    return toResult(CheckCatalog.SDP_CANDIDATES);
  }

  /** The analysis as a check result with the given id. */
  public CheckResult toResult(CheckId id) {
    int n = sdp.candidates().size();
    String summary = role.jsonName() + " SDP (o=" + sdp.origin().username() + "): " + n + " candidate"
        + (n == 1 ? "" : "s") + (firstChoice == null ? "" : ", first choice " + firstChoice.endpoint());
    return CheckResult.builder(id).title("SDP candidates").summary(summary).findings(findings)
        .outcome(this).build();
  }
}
