package org.xphonediag.core.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Optional;
import org.xphonediag.core.Finding;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/**
 * An ordered chain of network lists as a FreeSWITCH SIP profile applies them (docs/field-guide.md#xcc-acls):
 * <ul>
 *   <li>inbound ({@code apply-inbound-acl}): lists are tried in order, the first that allows wins;
 *       if none allows, the INVITE gets 403. This is the XCC's "whitelist beats blacklist, all lists
 *       are checked until the first allow".
 *   <li>register ({@code apply-register-acl}): every list must allow; the first deny gives 403.
 *   <li>candidate ({@code apply-candidate-acl}): see {@link #candidates(List, RtpFamilies)}.
 * </ul>
 * Immutable and thread-safe.
 */
public final class AclChain {
  /** FreeSWITCH keeps at most this many candidates per component ({@code MAX_CAND - 1}). */
  public static final int MAX_CANDIDATES_PER_COMPONENT = 49;

  private final List<AclList> lists;

  private AclChain(List<AclList> lists) {
    this.lists = List.copyOf(lists);
  }

  /** A chain of the given lists, in order. */
  public static AclChain of(List<AclList> lists) {
    return new AclChain(lists);
  }

  /**
   * Resolves {@code names} in {@code config} (see {@link AclConfig#list}).
   *
   * @throws UnknownAclListException for a name that is neither defined, built in nor a CIDR literal (the XCC
   *     itself denies every address for such a name: {@link #resolveAsXcc})
   */
  public static AclChain resolve(AclConfig config, List<String> names, List<Cidr> localNetworks) {
    List<AclList> out = new ArrayList<>();
    for (String n : names) {
      out.add(config.list(n, localNetworks).orElseThrow(() -> new UnknownAclListException(n, config.knownNames())));
    }
    return new AclChain(out);
  }

  /**
   * Resolves {@code names} as the running XCC does: a name that is neither defined, built in nor a
   * CIDR literal becomes a list that denies every address, which is what FreeSWITCH answers for it
   * ({@link AclConfig#resolve(String, List)}). {@link #unknownLists()} names them.
   */
  public static AclChain resolveAsXcc(AclConfig config, List<String> names, List<Cidr> localNetworks) {
    List<AclList> out = new ArrayList<>();
    for (String n : names) {
      out.add(config.resolve(n, localNetworks));
    }
    return new AclChain(out);
  }

  /** {@link #resolveAsXcc}, adding an {@code acl.unknown-list} finding per unknown name to {@code problems}. */
  static AclChain resolveLenient(AclConfig config, List<String> names, List<Cidr> localNetworks,
      List<Finding> problems) {
    AclChain chain = resolveAsXcc(config, names, localNetworks);
    problems.addAll(AclFindings.unknownLists(chain, config));
    return chain;
  }

  /** The names of the chain that name no list (FreeSWITCH denies every address for each), in order. */
  public List<String> unknownLists() {
    return lists.stream().filter(l -> !l.defined()).map(AclList::name).distinct().toList();
  }

  /** The lists, in order. */
  public List<AclList> lists() {
    return lists;
  }

  /** The list names, in order. */
  public List<String> names() {
    return lists.stream().map(AclList::name).toList();
  }

  /** Evaluates {@code address} in the inbound or register mode. */
  public AclChainDecision evaluate(AclMode mode, IpAddress address) {
    Objects.requireNonNull(address, "address");
    return switch (mode) {
      case INBOUND -> inbound(address);
      case REGISTER -> register(address);
      case CANDIDATE -> {
        AclOfferDecision offer = candidates(List.of(AclCandidate.udp(address.toString())), RtpFamilies.DUAL);
        AclCandidateDecision c = offer.candidates().get(0);
        yield new AclChainDecision(address, mode, c.decision(), c.deciding(), c.trail());
      }
    };
  }

  /** {@code apply-inbound-acl}: the first list that allows wins; none allows -> deny (403). */
  public AclChainDecision inbound(IpAddress address) {
    List<AclListDecision> trail = new ArrayList<>(lists.size());
    AclListDecision last = null;
    for (AclList l : lists) {
      last = l.evaluate(address);
      trail.add(last);
      if (last.allowed()) {
        return new AclChainDecision(address, AclMode.INBOUND, AclType.ALLOW, Optional.of(last), trail);
      }
    }
    return new AclChainDecision(address, AclMode.INBOUND, last == null ? AclType.ALLOW : AclType.DENY,
        Optional.ofNullable(last), trail);
  }

  /** {@code apply-register-acl}: every list must allow; the first deny decides (403). */
  public AclChainDecision register(IpAddress address) {
    List<AclListDecision> trail = new ArrayList<>(lists.size());
    AclListDecision last = null;
    for (AclList l : lists) {
      last = l.evaluate(address);
      trail.add(last);
      if (!last.allowed()) {
        return new AclChainDecision(address, AclMode.REGISTER, AclType.DENY, Optional.of(last), trail);
      }
    }
    return new AclChainDecision(address, AclMode.REGISTER, AclType.ALLOW, Optional.ofNullable(last), trail);
  }

  /** Fast inbound verdict without an explanation, for bulk evaluation. */
  public boolean inboundAllows(IpAddress address) {
    for (AclList l : lists) {
      if (l.allows(address)) {
        return true;
      }
    }
    return lists.isEmpty();
  }

  /**
   * {@code apply-candidate-acl} over an offer's candidates in SDP order, for an XCC with the
   * default families ({@link RtpFamilies#DEFAULT}). With an empty chain, {@code wan.auto} applies.
   */
  public AclOfferDecision candidates(List<AclCandidate> offer) {
    return candidates(offer, RtpFamilies.DEFAULT);
  }

  /**
   * {@code apply-candidate-acl} over an offer's candidates in SDP order, as FreeSWITCH's
   * {@code check_ice} ({@code switch_core_media.c}) reads and picks them:
   * <ol>
   *   <li>it reads only UDP candidates of component 1 or 2 whose address is an IP literal
   *       ({@code inet_pton}; mDNS and other names are dropped unless {@code switch.conf.xml}
   *       sets {@code ice-resolve-candidate}), of a family the XCC has an {@code rtp-ip} for,
   *       at most 49 per component;
   *   <li>for RTP it takes, list by list in ACL order, the first component-1 candidate in SDP
   *       order that the list allows; relay candidates only when no other is allowed;
   *   <li>none: 488. With an empty chain {@code wan.auto} applies.
   * </ol>
   */
  public AclOfferDecision candidates(List<AclCandidate> offer, RtpFamilies families) {
    Objects.requireNonNull(families, "families");
    boolean defaulted = lists.isEmpty();
    List<AclList> applied = defaulted ? List.of(BuiltInAclLists.wanAuto()) : lists;
    int n = offer.size();
    List<List<AclListDecision>> trails = new ArrayList<>(n);
    List<Optional<String>> ignored = new ArrayList<>(n);
    int[] perComponent = new int[3];
    for (AclCandidate c : offer) {
      Optional<String> why = dropped(c, families, perComponent);
      ignored.add(why);
      if (why.isPresent()) {
        trails.add(List.of());
        continue;
      }
      perComponent[c.component()]++;
      List<AclListDecision> t = new ArrayList<>(applied.size());
      for (AclList l : applied) {
        t.add(l.evaluateText(c.address()));
      }
      trails.add(t);
    }
    int chosen = pick(offer, trails, applied.size(), false);
    if (chosen < 0) {
      chosen = pick(offer, trails, applied.size(), true);
    }
    List<AclCandidateDecision> out = new ArrayList<>(n);
    for (int ci = 0; ci < n; ci++) {
      List<AclListDecision> t = trails.get(ci);
      Optional<AclListDecision> firstAllow = t.stream().filter(AclListDecision::allowed).findFirst();
      Optional<AclListDecision> deciding = firstAllow.isPresent() || t.isEmpty()
          ? firstAllow : Optional.of(t.get(t.size() - 1));
      out.add(new AclCandidateDecision(offer.get(ci), ignored.get(ci),
          firstAllow.isPresent() ? AclType.ALLOW : AclType.DENY, deciding, t, ci == chosen));
    }
    return new AclOfferDecision(out, applied.stream().map(AclList::name).toList(), defaulted, families);
  }

  private static Optional<String> dropped(AclCandidate c, RtpFamilies families, int[] perComponent) {
    if (!c.isUdp()) {
      return Optional.of("ignored: transport " + c.transport() + " (FreeSWITCH reads only UDP candidates)");
    }
    if (c.component() > 2) {
      return Optional.of("ignored: component " + c.component() + " (FreeSWITCH reads components 1 and 2 only)");
    }
    if (c.ipAddress().isEmpty()) {
      return Optional.of("ignored: '" + c.address() + "' is not an IP literal (mDNS/FQDN names are dropped unless "
          + "switch.conf.xml sets ice-resolve-candidate)");
    }
    if (!families.permits(c.address())) {
      boolean v6 = c.address().indexOf(':') >= 0;
      return Optional.of(String.format(Locale.ROOT, "ignored: %s address, but the XCC has no %s rtp-ip (FreeSWITCH "
          + "drops it: no network path)", v6 ? "an IPv6" : "an IPv4", v6 ? "IPv6" : "IPv4"));
    }
    if (perComponent[c.component()] >= MAX_CANDIDATES_PER_COMPONENT) {
      return Optional.of("ignored: more than " + MAX_CANDIDATES_PER_COMPONENT + " candidates of component "
          + c.component() + " (FreeSWITCH keeps the first " + MAX_CANDIDATES_PER_COMPONENT + ")");
    }
    return Optional.empty();
  }

  /** The component-1 candidate chosen by the first list that allows one, relay or not; -1 for none. */
  private static int pick(List<AclCandidate> offer, List<List<AclListDecision>> trails, int listCount,
      boolean relay) {
    for (int li = 0; li < listCount; li++) {
      for (int ci = 0; ci < offer.size(); ci++) {
        AclCandidate c = offer.get(ci);
        if (!trails.get(ci).isEmpty() && c.component() == 1 && c.isRelay() == relay
            && trails.get(ci).get(li).allowed()) {
          return ci;
        }
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "AclChain" + names();
  }
}
