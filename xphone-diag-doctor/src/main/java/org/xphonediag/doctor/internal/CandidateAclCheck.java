package org.xphonediag.doctor.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Status;
import org.xphonediag.core.acl.AclCandidate;
import org.xphonediag.core.acl.AclCandidatesCheck;
import org.xphonediag.core.acl.AclConfig;
import org.xphonediag.core.acl.AclParseException;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.stun.StunBindingCheck;

/**
 * The check {@code acl.candidates} as the doctor runs it: the candidates a phone on this network
 * would offer (its host address and the public address STUN learned, from {@code stun.classic})
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
    List<AclCandidate> offer = candidates(context.resultOf(CheckCatalog.STUN_CLASSIC));
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
    long publicOffered = offer.stream().filter(c -> c.ipAddress().map(a -> a.addressClass().isPublic())
        .orElse(false)).count();
    List<Finding> findings = new ArrayList<>();
    for (Finding f : r.findings()) {
      Object ip = f.evidence().asMap().get("ip");
      // an uncertain denial (a node with unknown or undefined addresses could allow it) stays a WARN
      boolean certain = !Boolean.FALSE.equals(f.evidence().asMap().get("certain"));
      boolean onlyPublic = f.code().equals(FindingCatalog.ACL_CANDIDATE_DENIED.code()) && f.severity() == Status.WARN
          && certain && publicOffered == 1 && ip != null
          && IpAddress.tryParse(ip.toString()).map(a -> a.addressClass().isPublic()).orElse(false);
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
    return CheckResult.builder(id()).title(title()).summary(r.summary()).findings(findings).details(r.details())
        .detail("offered", offered).build();
  }

  /** Host then srflx candidates from the STUN result's {@code localAddress} and {@code mappedAddress}. */
  static List<AclCandidate> candidates(Optional<CheckResult> stun) {
    Set<String> host = new LinkedHashSet<>();
    Set<String> srflx = new LinkedHashSet<>();
    Object servers = stun.map(r -> r.details().asMap().get("servers")).orElse(null);
    if (servers instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Details d) {
          Map<String, Object> m = d.asMap();
          address(m.get("localAddress")).ifPresent(host::add);
          address(m.get("mappedAddress")).ifPresent(srflx::add);
        }
      }
    }
    srflx.removeAll(host);
    List<AclCandidate> out = new ArrayList<>();
    host.forEach(a -> out.add(AclCandidate.udp(a)));
    srflx.forEach(a -> out.add(AclCandidate.udp(a)));
    return out;
  }

  private static Optional<String> address(Object hostPort) {
    if (hostPort == null) {
      return Optional.empty();
    }
    try {
      return HostAndPort.parse(hostPort.toString(), 1).ipAddress().map(IpAddress::toString);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
