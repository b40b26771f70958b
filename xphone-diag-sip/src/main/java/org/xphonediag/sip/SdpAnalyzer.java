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
import org.xphonediag.core.acl.AclCandidateDecision;
import org.xphonediag.core.acl.AclCaveat;
import org.xphonediag.core.acl.AclListDecision;
import org.xphonediag.core.acl.AclOfferDecision;
import org.xphonediag.core.acl.RtpFamilies;
import org.xphonediag.core.net.AddressClass;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.core.net.PortRange;
import org.xphonediag.sip.sdp.CandidateType;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.sip.sdp.SdpProblem;
import org.xphonediag.sip.sdp.SessionDescription;

/**
 * Reads an SDP the way a support engineer reads a trace (docs/field-guide.md#reading-a-trace, #failure-patterns): who sent it, whether it
 * offers a private host and a public candidate, whether each srflx {@code raddr} names a host
 * candidate, whether the XCC's ports lie in its media range, which candidate FreeSWITCH would take
 * and, with a {@link CandidateAcl}, which candidates survive {@code apply-candidate-acl}.
 * Immutable and thread-safe; no network access.
 *
 * <p>Findings, raised only on evidence (ARCHITECTURE.md): {@code sdp.malformed-candidate} per
 * skipped line and per candidate accepted with a warning; {@code media.missing-private-candidate}
 * (no host candidate with a private, mDNS or public address) and
 * {@code media.missing-public-candidate} (no public candidate) only for ICE legs, SDPs that carry
 * candidates: FAIL for the XPhone client's and the XCC's SDP (docs/field-guide.md#reading-a-trace, #failure-patterns), WARN for an SDP from
 * another sender; a plain SDP without ICE (a SIP trunk, a fax) gets none and says so in the
 * {@code ice}/{@code iceDetail} details. {@code media.address-mismatch} (WARN) for a srflx whose
 * {@code raddr} names no host candidate (several NICs); {@code acl.candidate-denied} when the ACL
 * leaves FreeSWITCH no usable candidate (FAIL, predicts 488; WARN when a node with unknown or
 * undefined addresses makes that uncertain) or denies some (WARN).
 *
 * <p>The first choice and the ACL apply to SDPs offered to the XCC (any role but
 * {@link SdpRole#XCC}) and follow FreeSWITCH's {@code check_ice}: the audio section's candidates
 * (and the session-level ones when the section lacks an ice-ufrag or candidates), only when an
 * {@code a=ice-ufrag} is present; UDP, component 1, IP literals of a family the XCC has an
 * {@code rtp-ip} for ({@link Builder#xccFamilies}), relay candidates last. The XCC's media range
 * applies to the XCC's own SDP.
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
  private final RtpFamilies families;

  private SdpAnalyzer(Builder b) {
    this.roles = Map.copyOf(b.roles);
    this.mediaPorts = b.mediaPorts;
    this.acl = b.acl;
    this.families = b.families;
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
    boolean ice = !all.isEmpty() || sdp.iceUfrag().isPresent();
    boolean privateHost = all.stream().anyMatch(c -> c.type() == CandidateType.HOST
        && (c.addressClass().isPrivate() || c.addressClass() == AddressClass.MDNS));
    boolean publicHost = all.stream().anyMatch(c -> c.type() == CandidateType.HOST && c.addressClass().isPublic());
    boolean publicCand = all.stream().anyMatch(c -> c.addressClass().isPublic());
    String listed = all.stream().map(c -> c.endpoint() + " " + c.typeToken() + " (" + c.addressClass().jsonName() + ")")
        .collect(Collectors.joining(", "));
    // docs/field-guide.md#reading-a-trace, #failure-patterns judge the two XPhone legs; an SDP from another sender gets the same hints as warnings
    Status missingSeverity = role == SdpRole.UNKNOWN ? Status.WARN : Status.FAIL;
    String unknownNote = role == SdpRole.UNKNOWN ? " (the sender is neither the XPhone client nor the XCC, so this "
        + "is a hint: docs/field-guide.md#reading-a-trace expects one private and one public candidate on each XPhone leg)" : "";
    if (!all.isEmpty() && !privateHost && !publicHost) {
      findings.add(FindingCatalog.MEDIA_MISSING_PRIVATE_CANDIDATE.finding(who
          + " offers no host candidate with a private (or public) address; offered: " + listed + unknownNote)
          .severity(missingSeverity).evidence("role", role).evidence("candidates", all.size()).build());
    }
    if (!all.isEmpty() && !publicCand) {
      findings.add(FindingCatalog.MEDIA_MISSING_PUBLIC_CANDIDATE.finding(who
          + " offers no public candidate (normally srflx, learned from the STUN server); offered: " + listed
          + unknownNote).severity(missingSeverity).evidence("role", role).evidence("candidates", all.size()).build());
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
    List<Integer> outside = role == SdpRole.XCC
        ? all.stream().filter(c -> c.component() == 1 && !mediaPorts.contains(c.port())).map(SdpCandidate::port)
            .distinct().collect(Collectors.toList())
        : List.of();
    // FreeSWITCH chooses among the candidates offered to it; the XCC's own answer is the client's to choose from
    boolean offerToXcc = role != SdpRole.XCC;
    FreeSwitchIce read = FreeSwitchIce.read(sdp);
    SdpCandidate first = null;
    AclOfferDecision decision = null;
    if (offerToXcc && read.iceSeen() && !read.candidates().isEmpty()) {
      if (acl != null) {
        decision = Objects.requireNonNull(acl.evaluate(read.candidates()), "CandidateAcl returned null");
        if (decision.candidates().size() != read.candidates().size()) {
          throw new IllegalStateException("CandidateAcl must decide for each of the " + read.candidates().size()
              + " candidates but decided for " + decision.candidates().size());
        }
        first = chosen(decision, read.candidates());
        aclFindings(decision, read.candidates(), who, findings);
      } else {
        first = FreeSwitchIce.firstValid(read.candidates(), families).orElse(null);
      }
    }
    Details.Builder d = Details.builder().put("role", role.jsonName()).put("originUsername", sdp.origin().username())
        .put("candidates", all.size()).put("malformedCandidates", sdp.problems().size())
        .put("privateHostCandidate", privateHost).put("publicCandidate", publicCand).put("ice", ice);
    if (!ice) {
      d.put("iceDetail", "no ICE (no a=candidate, no a=ice-ufrag): plain RTP to the c= and m= addresses, so the "
          + "private/public candidate checks do not apply");
    } else if (offerToXcc && !read.iceSeen() && !read.candidates().isEmpty()) {
      d.put("iceDetail", "candidates without a=ice-ufrag: FreeSWITCH ignores them (check_ice reads candidates only "
          + "with an ice-ufrag) and sends RTP to the c= and m= addresses");
    }
    if (first != null) {
      d.put("firstChoice", first.endpoint());
    }
    if (offerToXcc && ice) {
      d.put("xccFamily", families.optionName());
    }
    if (role == SdpRole.XCC) {
      d.put("mediaPortRange", mediaPorts.toString()).put("portsOutsideMediaRange", outside);
    }
    if (!unmatchedRaddr.isEmpty()) {
      d.put("srflxWithUnmatchedRaddr", unmatchedRaddr);
    }
    if (decision != null) {
      List<Details> decisions = new ArrayList<>();
      for (int i = 0; i < decision.candidates().size(); i++) {
        AclCandidateDecision cd = decision.candidates().get(i);
        Details.Builder row = Details.builder().put("candidate", read.candidates().get(i).endpoint())
            .put("decision", cd.allowed() ? "allow" : "deny").put("list", list(cd)).put("node", cd.nodeText())
            .put("certain", cd.certain());
        cd.ignoredReason().ifPresent(x -> row.put("ignored", x));
        cd.caveats().stream().map(AclCaveat::reason).findFirst().ifPresent(c -> row.put("caveat", c));
        decisions.add(row.build());
      }
      d.put("aclDecisions", decisions).put("aclCertain", decision.certain());
      if (!decision.certain()) {
        d.put("aclCaveats", caveats(decision));
      }
    }
    return new SdpAnalysis(sdp, role, privateHost, publicCand, first, decision, findings, d.build());
  }

  /** The SDP candidate FreeSWITCH takes, or null (488). */
  private static SdpCandidate chosen(AclOfferDecision decision, List<SdpCandidate> candidates) {
    for (int i = 0; i < candidates.size(); i++) {
      if (decision.candidates().get(i).chosen()) {
        return candidates.get(i);
      }
    }
    return null;
  }

  /** The list that decided (for a deny, the last list tried); empty for an ignored candidate. */
  private static String list(AclCandidateDecision d) {
    return d.deciding().map(AclListDecision::list).orElse("");
  }

  private static List<String> caveats(AclOfferDecision decision) {
    return decision.caveats().stream().map(AclCaveat::reason).toList();
  }

  private static void aclFindings(AclOfferDecision decision, List<SdpCandidate> candidates, String who,
      List<Finding> findings) {
    List<String> denied = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      AclCandidateDecision d = decision.candidates().get(i);
      if (!d.allowed()) {
        denied.add(candidates.get(i).endpoint() + " (" + (d.ignoredReason().isPresent()
            ? d.ignoredReason().get() : "list " + list(d) + ", " + d.nodeText()) + ")");
      }
    }
    if (denied.isEmpty()) {
      return;
    }
    String names = String.join(", ", denied);
    String doubt = decision.certain() ? "" : "; uncertain, the XCC may decide otherwise: "
        + String.join("; ", caveats(decision));
    if (!decision.accepted()) {
      findings.add(FindingCatalog.ACL_CANDIDATE_DENIED.finding(who + ": FreeSWITCH can use none of the "
          + decision.candidates().size() + " candidates, so the XCC answers 488 Not Acceptable Here; not usable: "
          + names + doubt).severity(decision.certain() ? Status.FAIL : Status.WARN)
          .evidence("denied", denied.size()).evidence("certain", decision.certain()).build());
    } else {
      findings.add(FindingCatalog.ACL_CANDIDATE_DENIED.finding(who + ": FreeSWITCH cannot use " + denied.size()
          + " of " + decision.candidates().size() + " candidates: " + names + doubt)
          .severity(Status.WARN).evidence("denied", denied.size()).evidence("certain", decision.certain()).build());
    }
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
    private RtpFamilies families = RtpFamilies.DEFAULT;

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

    /**
     * The address families the XCC has an {@code rtp-ip} for (default {@link RtpFamilies#IPV4}, as
     * FreeSWITCH's shipped profiles): without an ACL, the first choice skips candidates of another
     * family as FreeSWITCH does. Give a {@link CandidateAcl#of(org.xphonediag.core.acl.AclChain,
     * RtpFamilies)} the same value.
     */
    public Builder xccFamilies(RtpFamilies families) {
      this.families = Objects.requireNonNull(families, "families");
      return this;
    }

    public SdpAnalyzer build() {
      return new SdpAnalyzer(this);
    }
  }
}
