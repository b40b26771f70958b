package org.xphonediag.doctor.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Status;
import org.xphonediag.core.acl.AclCandidate;
import org.xphonediag.core.acl.AclCandidateDecision;
import org.xphonediag.core.acl.AclCandidatesCheck;
import org.xphonediag.core.acl.AclConfig;
import org.xphonediag.core.acl.AclOfferDecision;
import org.xphonediag.core.acl.AclParseException;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.stun.StunBinding;
import org.xphonediag.stun.StunBindings;

/**
 * The check {@code acl.candidates} as the doctor runs it: the candidates a phone on this network
 * would offer (its host address and the public address STUN learned: the {@link StunBindings} of
 * {@code stun.classic})
 * against the XCC's candidate ACL (docs/field-guide.md#xcc-acls, #media). The denial of a candidate is a WARN while
 * another is allowed; the doctor raises it to FAIL when the denied one is the only public
 * candidate, because phones outside the LAN reach the XCC only through it, unless the denial is
 * uncertain (the ACL holds nodes whose addresses are unknown offline or undefined). The XCC is
 * taken to have IPv4 RTP only, as FreeSWITCH's shipped profiles ({@code RtpFamilies.DEFAULT}).
 */
public final class CandidateAclCheck implements Check {
  private final AclSource acl;
  private final List<String> candidateLists;
  private final List<Cidr> localNetworks;

  public CandidateAclCheck(AclSource acl, List<String> candidateLists, List<Cidr> localNetworks) {
    this.acl = acl;
    this.candidateLists = List.copyOf(candidateLists);
    this.localNetworks = List.copyOf(localNetworks);
  }

  @Override
  public CheckId id() {
    return CheckCatalog.ACL_CANDIDATES;
  }

  @Override
  public String title() {
    return "This network's candidates against the XCC's candidate ACL";
  }

  @Override
  public Set<CheckId> prerequisites() {
    return Set.of(CheckCatalog.STUN_CLASSIC);
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    List<AclCandidate> offer = candidates(context.outcomeOf(CheckCatalog.STUN_CLASSIC, StunBindings.class));
    if (offer.isEmpty()) {
      return CheckResult.skipped(id(), title(), "stun.classic learned no address to offer");
    }
    AclConfig config;
    try {
      config = acl.config();
    } catch (AclParseException e) {
      return CheckResult.builder(id()).title(title()).finding(e.toFinding()).build();
    } catch (IOException e) {
      return CheckResult.builder(id()).title(title()).status(Status.ERROR)
          .summary("cannot read " + acl.file() + ": " + e.getMessage()).cause(e).build();
    }
    CheckResult r = new AclCandidatesCheck(config, candidateLists, localNetworks, offer).run(context);
    AclOfferDecision decision = r.outcome(AclOfferDecision.class).orElseThrow(() -> new IllegalStateException(
        "acl.candidates gave no candidate decisions"));
    long publicOffered = offer.stream().filter(CandidateAclCheck::isPublic).count();
    // the candidate-denied findings name the denied candidates in SDP order, then (488) the whole offer
    Iterator<AclCandidateDecision> denied = decision.candidates().stream().filter(d -> !d.allowed()).iterator();
    List<Finding> findings = new ArrayList<>();
    for (Finding f : r.findings()) {
      boolean candidateDenied = f.code().equals(FindingCatalog.ACL_CANDIDATE_DENIED.code());
      AclCandidateDecision d = candidateDenied && denied.hasNext() ? denied.next() : null;
      // an uncertain denial (a node with unknown or undefined addresses could allow it) stays a WARN
      boolean onlyPublic = d != null && f.severity() == Status.WARN && d.certain() && publicOffered == 1
          && isPublic(d.candidate());
      if (onlyPublic) {
        Finding.Builder raised = f.catalogEntry().finding(f.message() + "; it is the only public candidate, so "
            + "phones outside the LAN cannot reach the XCC").severity(Status.FAIL).remedy(f.remedy())
            .evidence(f.evidence());
        f.location().ifPresent(raised::location);
        findings.add(raised.build());
      } else {
        findings.add(f);
      }
    }
    List<String> offered = offer.stream().map(AclCandidate::toString).toList();
    return CheckResult.builder(id()).title(title()).summary(r.summary()).findings(findings).outcome(decision)
        .detail("offered", offered).build();
  }

  private static boolean isPublic(AclCandidate c) {
    return c.ipAddress().map(a -> a.addressClass().isPublic()).orElse(false);
  }

  /** Host then srflx candidates: the local and mapped addresses of the STUN bindings. */
  static List<AclCandidate> candidates(Optional<StunBindings> stun) {
    Set<String> host = new LinkedHashSet<>();
    Set<String> srflx = new LinkedHashSet<>();
    for (StunBinding b : stun.map(StunBindings::bindings).orElse(List.of())) {
      b.localAddress().ifPresent(a -> host.add(ip(a)));
      b.mappedAddress().ifPresent(a -> srflx.add(ip(a)));
    }
    srflx.removeAll(host);
    List<AclCandidate> out = new ArrayList<>();
    host.forEach(a -> out.add(AclCandidate.udp(a)));
    srflx.forEach(a -> out.add(AclCandidate.udp(a)));
    return out;
  }

  private static String ip(InetSocketAddress a) {
    return IpAddress.of(a.getAddress()).toString();
  }
}
