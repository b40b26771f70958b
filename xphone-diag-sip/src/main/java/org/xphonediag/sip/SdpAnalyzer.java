package org.xphonediag.sip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.AddressClass;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.sip.sdp.CandidateType;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.sip.sdp.SdpProblem;
import org.xphonediag.sip.sdp.SessionDescription;
import org.xphonediag.core.net.PortRange;

/**
 * Reads an SDP the way a support engineer reads a trace (docs/field-guide.md#reading-a-trace, #failure-patterns): who sent it, whether it
 * offers a private host and a public candidate, whether each srflx {@code raddr} names a host
 * candidate, whether the XCC's ports lie in its media range, which candidate FreeSWITCH would take
 * and, with a {@link CandidateAcl}, which candidates survive {@code apply-candidate-acl}.
 * Immutable and thread-safe; no network access.
 *
 * <p>Findings, raised only on evidence (ARCHITECTURE.md): {@code sdp.malformed-candidate} per
 * skipped line and per candidate accepted with a warning; {@code media.missing-private-candidate}
 * and {@code media.missing-public-candidate} when the SDP offers candidates but none of that
 * kind; {@code media.address-mismatch} (WARN) for a srflx whose {@code raddr} names no host
 * candidate (several NICs); {@code acl.candidate-denied} when the ACL allows no candidate (FAIL,
 * predicts 488) or denies some (WARN). The first choice and the ACL apply to SDPs offered to the XCC
 * (any role but {@link SdpRole#XCC}); the XCC's media range applies to the XCC's own SDP.
 *
 * <pre>{@code
 * SdpAnalysis a = SdpAnalyzer.defaults().analyze(SdpParser.defaults().parse(text, "invite.sdp"));
 * a.role();        // CLIENT for o=IceLink
 * a.toResult();    // a CheckResult with the findings
 * }</pre>
 */
public final class SdpAnalyzer {
  private static final SdpAnalyzer DEFAULTS = builder().build();

  private final Map<String, SdpRole> roles;
  private final PortRange mediaPorts;
  private final CandidateAcl acl;

  private SdpAnalyzer(Builder b) {
    this.roles = Map.copyOf(b.roles);
    this.mediaPorts = b.mediaPorts;
    this.acl = b.acl;
  }

  /** IceLink = client, FreeSWITCH = XCC, media range 30000-33000, no ACL. */
  public static SdpAnalyzer defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The role for an origin user name (compared case-insensitively). */
  public SdpRole roleOf(String originUsername) {
    return roles.getOrDefault(originUsername.toLowerCase(Locale.ROOT), SdpRole.UNKNOWN);
  }

  /** Analyses {@code sdp}. */
  public SdpAnalysis analyze(SessionDescription sdp) {
    Objects.requireNonNull(sdp, "sdp");
    SdpRole role = roleOf(sdp.origin().username());
    String who = describe(role, sdp);
    List<Finding> findings = new ArrayList<>();
    for (SdpProblem p : sdp.problems()) {
      findings.add(FindingCatalog.SDP_MALFORMED_CANDIDATE.finding(p.message()).location(p.location())
          .evidence("line", p.text()).build());
    }
    List<SdpCandidate> all = sdp.candidates();
    for (SdpCandidate c : all) {
      for (String w : c.warnings()) {
        findings.add(FindingCatalog.SDP_MALFORMED_CANDIDATE
            .finding(String.format(Locale.ROOT, "sdp line %d (a=candidate): accepted with a warning: %s",
                c.line(), w))
            .remedy("The candidate was kept; check the sender's ICE stack if calls fail.")
            .location(SourceLocation.of(sdp.source(), c.line(), 0)).evidence("candidate", c.toString()).build());
      }
    }
    boolean privateHost = all.stream().anyMatch(c -> c.type() == CandidateType.HOST
        && (c.addressClass().isPrivate() || c.addressClass() == AddressClass.MDNS));
    boolean publicCand = all.stream().anyMatch(c -> c.addressClass().isPublic());
    String listed = all.stream().map(c -> c.endpoint() + " " + c.typeToken() + " (" + c.addressClass().jsonName() + ")")
        .collect(Collectors.joining(", "));
    if (!all.isEmpty() && !privateHost) {
      findings.add(FindingCatalog.MEDIA_MISSING_PRIVATE_CANDIDATE.finding(who
          + " offers no private host candidate (a host candidate with a private address); offered: " + listed)
          .evidence("role", role).evidence("candidates", all.size()).build());
    }
    if (!all.isEmpty() && !publicCand) {
      findings.add(FindingCatalog.MEDIA_MISSING_PUBLIC_CANDIDATE.finding(who
          + " offers no public candidate (normally srflx, learned from the STUN server); offered: " + listed)
          .evidence("role", role).evidence("candidates", all.size()).build());
    }
    List<String> unmatchedRaddr = new ArrayList<>();
    List<IpAddress> hosts = all.stream().filter(c -> c.type() == CandidateType.HOST)
        .flatMap(c -> c.ipAddress().stream()).collect(Collectors.toList());
    for (SdpCandidate c : all) {
      if (c.type() != CandidateType.SRFLX || c.relatedAddress().isEmpty() || hosts.isEmpty()) {
        continue;
      }
      Optional<IpAddress> raddr = IpAddress.tryParse(c.relatedAddress().get());
      if (raddr.isEmpty() || raddr.get().addressClass() == AddressClass.UNSPECIFIED || hosts.contains(raddr.get())) {
        continue;
      }
      unmatchedRaddr.add(c.endpoint());
      findings.add(FindingCatalog.MEDIA_ADDRESS_MISMATCH.finding(String.format(Locale.ROOT,
          "%s: srflx candidate %s (line %d) has raddr %s, which none of the host candidates (%s) names: the STUN"
              + " request left from another interface", who, c.endpoint(), c.line(), raddr.get(),
          hosts.stream().map(IpAddress::toString).collect(Collectors.joining(", "))))
          .severity(Status.WARN).location(SourceLocation.of(sdp.source(), c.line(), 0))
          .evidence("candidate", c.toString()).build());
    }
    List<SdpCandidate> usable = all.stream().filter(SdpAnalyzer::freeswitchConsiders).collect(Collectors.toList());
    List<Integer> outside = role == SdpRole.XCC
        ? all.stream().filter(c -> c.component() == 1 && !mediaPorts.contains(c.port())).map(SdpCandidate::port)
            .distinct().collect(Collectors.toList())
        : List.of();
    // FreeSWITCH chooses among the candidates offered to it; the XCC's own answer is the client's to choose from
    boolean offerToXcc = role != SdpRole.XCC;
    SdpCandidate first = usable.isEmpty() || !offerToXcc ? null : usable.get(0);
    CandidateAcl.Verdict verdict = null;
    if (acl != null && offerToXcc && !usable.isEmpty()) {
      verdict = Objects.requireNonNull(acl.evaluate(usable), "CandidateAcl returned null");
      first = verdict.chosen().orElse(null);
      aclFindings(verdict, who, findings);
    }
    Details.Builder d = Details.builder().put("role", role.jsonName()).put("originUsername", sdp.origin().username())
        .put("candidates", all.size()).put("malformedCandidates", sdp.problems().size())
        .put("privateHostCandidate", privateHost).put("publicCandidate", publicCand);
    if (first != null) {
      d.put("firstChoice", first.endpoint());
    }
    if (role == SdpRole.XCC) {
      d.put("mediaPortRange", mediaPorts.toString()).put("portsOutsideMediaRange", outside);
    }
    if (!unmatchedRaddr.isEmpty()) {
      d.put("srflxWithUnmatchedRaddr", unmatchedRaddr);
    }
    if (verdict != null) {
      List<Details> decisions = new ArrayList<>();
      for (CandidateDecision cd : verdict.decisions()) {
        decisions.add(Details.builder().put("candidate", cd.candidate().endpoint())
            .put("decision", cd.allowed() ? "allow" : "deny").put("list", cd.list()).put("node", cd.node()).build());
      }
      d.put("aclDecisions", decisions);
    }
    return new SdpAnalysis(sdp, role, privateHost, publicCand, first, verdict, findings, d.build());
  }

  private static void aclFindings(CandidateAcl.Verdict verdict, String who, List<Finding> findings) {
    List<CandidateDecision> denied = verdict.decisions().stream().filter(d -> !d.allowed())
        .collect(Collectors.toList());
    if (denied.isEmpty()) {
      return;
    }
    String names = denied.stream().map(d -> d.candidate().endpoint() + " (list " + d.list() + ", " + d.node() + ")")
        .collect(Collectors.joining(", "));
    if (!verdict.anyAllowed()) {
      findings.add(FindingCatalog.ACL_CANDIDATE_DENIED.finding(who + ": the candidate ACL allows none of the "
          + denied.size() + " UDP candidates, so the XCC answers 488 Not Acceptable Here; denied: " + names)
          .evidence("denied", denied.size()).build());
    } else {
      findings.add(FindingCatalog.ACL_CANDIDATE_DENIED.finding(who + ": the candidate ACL denies " + denied.size()
          + " of " + verdict.decisions().size() + " UDP candidates: " + names)
          .severity(Status.WARN).evidence("denied", denied.size()).build());
    }
  }

  /** FreeSWITCH reads component-1 UDP candidates with an IP address (it resolves no names). */
  private static boolean freeswitchConsiders(SdpCandidate c) {
    return c.component() == 1 && c.transport().equals("udp") && c.ipAddress().isPresent()
        && c.addressClass() != AddressClass.UNSPECIFIED;
  }

  private static String describe(SdpRole role, SessionDescription sdp) {
    String o = "o=" + sdp.origin().username();
    switch (role) {
      case CLIENT:
        return "the client's SDP (" + o + ")";
      case XCC:
        return "the XCC's SDP (" + o + ")";
      default:
        return "the SDP (" + o + ")";
    }
  }

  /** Builds an {@link SdpAnalyzer}; not thread-safe. */
  public static final class Builder {
    private final Map<String, SdpRole> roles = new LinkedHashMap<>();
    private PortRange mediaPorts = PortRange.XCC_MEDIA_DEFAULT;
    private CandidateAcl acl;

    private Builder() {
      roles.put("icelink", SdpRole.CLIENT);
      roles.put("freeswitch", SdpRole.XCC);
    }

    /** Maps an origin user name (case-insensitive) to a role, adding to or replacing the defaults. */
    public Builder role(String originUsername, SdpRole role) {
      Objects.requireNonNull(originUsername, "originUsername");
      Objects.requireNonNull(role, "role");
      roles.put(originUsername.toLowerCase(Locale.ROOT), role);
      return this;
    }

    /** The XCC's media port range (default 30000-33000, docs/field-guide.md#ports-and-paths). */
    public Builder mediaPorts(PortRange range) {
      this.mediaPorts = Objects.requireNonNull(range, "range");
      return this;
    }

    /** The XCC's candidate ACL, to predict {@code apply-candidate-acl} and 488 (docs/field-guide.md#xcc-acls). */
    public Builder candidateAcl(CandidateAcl acl) {
      this.acl = Objects.requireNonNull(acl, "acl");
      return this;
    }

    public SdpAnalyzer build() {
      return new SdpAnalyzer(this);
    }
  }
}
