package org.xphonediag.core.acl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.FindingCode;
import org.xphonediag.core.acl.internal.PrefixTrie;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/**
 * Lints an {@code acl.conf.xml} and the XCC's inbound chain against docs/field-guide.md#xcc-acls: the reading
 * problems, the XPhone Server and (for a local XCC) 127.0.0.1 allowed inbound, the number of rules,
 * nodes that can never decide, whitelist entries broader than blacklist entries, and built-in
 * lists that lack the host's local networks. Immutable and thread-safe; build with
 * {@link #builder()}.
 *
 * <pre>{@code
 * List<Finding> findings = AclLint.builder().serverIp(IpAddress.parse("10.0.0.5")).build()
 *     .lint(config, AclChain.resolve(config, List.of("xcc_whitelist", "xcc_blacklist"), List.of()));
 * }</pre>
 */
public final class AclLint {
  /** The default rule count above which {@code acl.too-many-rules} is raised. */
  public static final int DEFAULT_MAX_RULES = 100;
  /** The most findings of one code; further ones are summarised in one more finding. */
  public static final int MAX_FINDINGS_PER_CODE = 50;

  private static final IpAddress LOOPBACK = IpAddress.parse("127.0.0.1");

  private final IpAddress serverIp;
  private final boolean localXcc;
  private final int maxRules;
  private final List<Cidr> localNetworks;

  private AclLint(Builder b) {
    this.serverIp = b.serverIp;
    this.localXcc = b.localXcc;
    this.maxRules = b.maxRules;
    this.localNetworks = List.copyOf(b.localNetworks);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** All findings for {@code config} with {@code inbound} as the XCC's inbound chain. */
  public List<Finding> lint(AclConfig config, AclChain inbound) {
    List<Finding> out = new ArrayList<>(config.problems());
    out.addAll(missingLocalNetworks(inbound));
    out.addAll(access(inbound));
    out.addAll(tooManyRules(config));
    out.addAll(capped(FindingCatalog.ACL_SHADOWED_RULE, shadowed(config)));
    List<AclList> pairScope = inbound.lists().isEmpty() ? List.copyOf(config.lists().values()) : inbound.lists();
    out.addAll(capped(FindingCatalog.ACL_WHITELIST_BROADER_THAN_BLACKLIST, broaderWhitelist(pairScope)));
    return out;
  }

  private List<Finding> missingLocalNetworks(AclChain chain) {
    List<Finding> out = new ArrayList<>();
    if (!localNetworks.isEmpty()) {
      return out;
    }
    for (AclList l : chain.lists()) {
      if (l.builtIn() && BuiltInAclLists.NEED_LOCAL_NETWORKS.contains(l.name())) {
        out.add(FindingCatalog.ACL_NOT_EVALUABLE.finding(String.format(Locale.ROOT,
            "list '%s' depends on the XCC host's own networks, which were not given: its local-network nodes "
                + "match nothing here", l.name())).evidence("list", l.name()).build());
      }
    }
    return out;
  }

  private List<Finding> access(AclChain chain) {
    List<Finding> out = new ArrayList<>();
    if (chain.lists().isEmpty()) {
      return out;
    }
    if (serverIp != null) {
      AclChainDecision d = chain.inbound(serverIp);
      if (!d.allowed()) {
        FindingCode code = serverIp.addressClass() == org.xphonediag.core.net.AddressClass.LOOPBACK
            ? FindingCatalog.ACL_LOOPBACK_NOT_WHITELISTED : FindingCatalog.ACL_SERVER_NOT_WHITELISTED;
        out.add(denied(code, "the XPhone Server's address " + serverIp, d));
      }
    }
    if (localXcc && !LOOPBACK.equals(serverIp)) {
      AclChainDecision d = chain.inbound(LOOPBACK);
      if (!d.allowed()) {
        out.add(denied(FindingCatalog.ACL_LOOPBACK_NOT_WHITELISTED,
            "127.0.0.1 (local XCC with the loopback configuration)", d));
      }
    }
    return out;
  }

  private static Finding denied(FindingCode code, String what, AclChainDecision d) {
    Finding.Builder f = code.finding(String.format(Locale.ROOT,
            "%s must be allowed inbound (docs/field-guide.md#xcc-acls) but the chain %s denies it%s: %s", what,
            d.trail().stream().map(AclListDecision::list).toList(),
            d.certain() ? "" : " (uncertain: the XCC may decide otherwise)", d.explain()))
        .evidence("ip", d.address().toString()).evidence("list", d.list().orElse(""))
        .evidence("node", d.nodeText()).evidence("certain", d.certain());
    if (!d.certain()) {
      f.severity(org.xphonediag.core.Status.WARN);
    }
    return f.build();
  }

  private List<Finding> tooManyRules(AclConfig config) {
    int total = config.nodeCount();
    if (total <= maxRules) {
      return List.of();
    }
    AclList largest = config.lists().values().stream()
        .max(Comparator.comparingInt(l -> l.nodes().size())).orElseThrow();
    return List.of(FindingCatalog.ACL_TOO_MANY_RULES.finding(String.format(Locale.ROOT,
            "%s has %d ACL nodes, more than the threshold of %d (largest list '%s' with %d nodes); many rules make "
                + "media negotiation slow", config.source(), total, maxRules, largest.name(), largest.nodes().size()))
        .evidence("nodes", total).evidence("threshold", maxRules).evidence("largestList", largest.name()).build());
  }

  private static List<Finding> shadowed(AclConfig config) {
    List<Finding> out = new ArrayList<>();
    for (AclList list : config.lists().values()) {
      List<AclNode> nodes = list.nodes();
      // a node of another form (unknown, undefined, not a plain prefix) may be what a "repeating" node outranks
      boolean onlyPrefixNodes = nodes.stream().allMatch(n -> n.prefix().isPresent() || n.kind() == AclNode.Kind.EMPTY);
      for (int i = 0; i < nodes.size(); i++) {
        AclNode n = nodes.get(i);
        if (n.prefix().isEmpty()) {
          continue;
        }
        Cidr c = n.prefix().get();
        IpAddress net = c.network();
        PrefixTrie trie = list.trie(c.isIpv4());
        int t = trie.find(net, c.prefixLength());
        int first = trie.value(t);
        if (first != i) {
          AclNode twin = nodes.get(first);
          out.add(shadow(list, n, String.format(Locale.ROOT,
              "list '%s': %s repeats the prefix of %s, written first, which decides the tie here; it never "
                  + "decides%s. FreeSWITCH's source scans nodes newest first, so do not rely on either twin: keep one",
              list.name(), n.describe(), twin.describe(),
              twin.type() == n.type() ? "" : " although it says the opposite")));
          continue;
        }
        if (trie.hasValueBelow(t) || !onlyPrefixNodes) {
          continue;
        }
        int parent = trie.nearestAncestor(net, c.prefixLength());
        AclType without = parent < 0 ? list.defaultType() : nodes.get(trie.value(parent)).type();
        if (without == n.type()) {
          String by = parent < 0 ? "the list default " + list.defaultType().written()
              : "the enclosing " + nodes.get(trie.value(parent)).describe();
          out.add(shadow(list, n, String.format(Locale.ROOT,
              "list '%s': %s only repeats %s and holds nothing more specific; it never changes a decision",
              list.name(), n.describe(), by)));
        }
      }
    }
    return out;
  }

  private static Finding shadow(AclList list, AclNode n, String message) {
    Finding.Builder b = FindingCatalog.ACL_SHADOWED_RULE.finding(message)
        .evidence("list", list.name()).evidence("node", n.asWritten());
    n.location().ifPresent(b::location);
    return b.build();
  }

  private static List<Finding> broaderWhitelist(List<AclList> scope) {
    List<Finding> out = new ArrayList<>();
    for (AclList black : scope) {
      if (!black.isBlacklist()) {
        continue;
      }
      for (AclNode deny : black.nodes()) {
        if (deny.type() != AclType.DENY || deny.prefix().isEmpty()) {
          continue;
        }
        Cidr c = deny.prefix().get();
        for (AclList white : scope) {
          if (white == black || !white.isWhitelist()) {
            continue;
          }
          for (int idx : white.trie(c.isIpv4()).containing(c.network(), c.prefixLength())) {
            AclNode allow = white.nodes().get(idx);
            if (allow.type() != AclType.ALLOW) {
              continue;
            }
            Finding.Builder b = FindingCatalog.ACL_WHITELIST_BROADER_THAN_BLACKLIST.finding(String.format(Locale.ROOT,
                    "whitelist '%s' entry %s contains blacklist '%s' entry %s: whitelist entries win, so the "
                        + "blacklist entry has no effect; whitelist entries should be more specific (docs/field-guide.md#xcc-acls)",
                    white.name(), allow.describe(), black.name(), deny.describe()))
                .evidence("whitelist", white.name()).evidence("whitelistNode", allow.asWritten())
                .evidence("blacklist", black.name()).evidence("blacklistNode", deny.asWritten());
            allow.location().ifPresent(b::location);
            out.add(b.build());
          }
        }
      }
    }
    return out;
  }

  private static List<Finding> capped(FindingCode code, List<Finding> all) {
    if (all.size() <= MAX_FINDINGS_PER_CODE) {
      return all;
    }
    List<Finding> out = new ArrayList<>(all.subList(0, MAX_FINDINGS_PER_CODE));
    out.add(code.finding(String.format(Locale.ROOT, "%d more %s findings not listed (at most %d are)",
        all.size() - MAX_FINDINGS_PER_CODE, code.code(), MAX_FINDINGS_PER_CODE))
        .evidence("omitted", all.size() - MAX_FINDINGS_PER_CODE).build());
    return out;
  }

  /** Builds an {@link AclLint}; not thread-safe. */
  public static final class Builder {
    private IpAddress serverIp;
    private boolean localXcc;
    private int maxRules = DEFAULT_MAX_RULES;
    private List<Cidr> localNetworks = List.of();

    private Builder() {}

    /** The XPhone Server's address as entered at the SIP gateways; it must be allowed inbound. */
    public Builder serverIp(IpAddress serverIp) {
      this.serverIp = Objects.requireNonNull(serverIp, "serverIp");
      return this;
    }

    /** The XCC runs on the XPhone Server with the loopback configuration: 127.0.0.1 must be allowed. */
    public Builder localXcc(boolean localXcc) {
      this.localXcc = localXcc;
      return this;
    }

    /** Raise {@code acl.too-many-rules} above this many nodes in the file (default 100). */
    public Builder maxRules(int maxRules) {
      if (maxRules < 1) {
        throw new IllegalArgumentException("maxRules must be >= 1 but was " + maxRules);
      }
      this.maxRules = maxRules;
      return this;
    }

    /** The XCC host's networks, as given to {@code localnet.auto} and {@code nat.auto}. */
    public Builder localNetworks(List<Cidr> localNetworks) {
      this.localNetworks = List.copyOf(localNetworks);
      return this;
    }

    public AclLint build() {
      return new AclLint(this);
    }
  }
}
