package org.xphonediag.core.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Optional;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/**
 * An ordered chain of network lists as a FreeSWITCH SIP profile applies them (docs/field-guide.md#xcc-acls):
 * <ul>
 *   <li>inbound ({@code apply-inbound-acl}): lists are tried in order, the first that allows wins;
 *       if none allows, the INVITE gets 403. This is the XCC's "whitelist beats blacklist, all lists
 *       are checked until the first allow".
 *   <li>register ({@code apply-register-acl}): every list must allow; the first deny gives 403.
 *   <li>candidate ({@code apply-candidate-acl}): only UDP candidates with literal IP addresses are
 *       considered; a candidate is usable when some list allows it; FreeSWITCH takes the first
 *       candidate (SDP order) allowed by the first list (ACL order) that allows any; none -> 488.
 *       Without configured lists {@code wan.auto} applies.
 * </ul>
 * Immutable and thread-safe.
 */
public final class AclChain {
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
   * @throws UnknownAclListException for a name that is neither defined, built in nor a CIDR literal
   */
  public static AclChain resolve(AclConfig config, List<String> names, List<Cidr> localNetworks) {
    List<AclList> out = new ArrayList<>();
    for (String n : names) {
      out.add(config.list(n, localNetworks).orElseThrow(() -> new UnknownAclListException(n, config.knownNames())));
    }
    return new AclChain(out);
  }

  /**
   * Resolves {@code names} as the running XCC would: an unknown name becomes a list that denies
   * every address (FreeSWITCH's behaviour), and a {@code config.syntax} finding is added to
   * {@code problems}.
   */
  static AclChain resolveLenient(AclConfig config, List<String> names, List<Cidr> localNetworks,
      List<Finding> problems) {
    List<AclList> out = new ArrayList<>();
    for (String n : names) {
      Optional<AclList> l = config.list(n, localNetworks);
      if (l.isEmpty()) {
        problems.add(FindingCatalog.CONFIG_SYNTAX.finding(String.format(Locale.ROOT,
            "ACL list '%s' is not defined in %s (list names are case-sensitive); FreeSWITCH denies every address "
                + "for an unknown list", n, config.source())).evidence("list", n)
            .remedy("Define the list in acl.conf.xml or correct the name in the SIP profile's ACL parameter.").build());
      }
      out.add(l.orElseGet(() -> AclList.builtIn(n, AclType.DENY, List.of())));
    }
    return new AclChain(out);
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
        AclOfferDecision offer = candidates(List.of(AclCandidate.udp(address.toString())));
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
   * {@code apply-candidate-acl} over an offer's candidates in SDP order. With an empty chain,
   * {@code wan.auto} applies.
   */
  public AclOfferDecision candidates(List<AclCandidate> offer) {
    boolean defaulted = lists.isEmpty();
    List<AclList> applied = defaulted ? List.of(BuiltInAclLists.wanAuto()) : lists;
    int n = offer.size();
    List<List<AclListDecision>> trails = new ArrayList<>(n);
    List<Optional<String>> ignored = new ArrayList<>(n);
    for (AclCandidate c : offer) {
      Optional<IpAddress> ip = c.ipAddress();
      if (!c.isUdp()) {
        ignored.add(Optional.of("ignored: transport " + c.transport() + " (only UDP candidates are checked)"));
        trails.add(List.of());
      } else if (ip.isEmpty()) {
        ignored.add(Optional.of("ignored: '" + c.address() + "' is not an IP literal (mDNS/FQDN never resolved)"));
        trails.add(List.of());
      } else {
        ignored.add(Optional.empty());
        List<AclListDecision> t = new ArrayList<>(applied.size());
        for (AclList l : applied) {
          t.add(l.evaluate(ip.get()));
        }
        trails.add(t);
      }
    }
    int chosen = -1;
    for (int li = 0; li < applied.size() && chosen < 0; li++) {
      for (int ci = 0; ci < n; ci++) {
        if (!trails.get(ci).isEmpty() && trails.get(ci).get(li).allowed()) {
          chosen = ci;
          break;
        }
      }
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
    return new AclOfferDecision(out, applied.stream().map(AclList::name).toList(), defaulted);
  }

  @Override
  public String toString() {
    return "AclChain" + names();
  }
}
