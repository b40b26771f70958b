package org.xphonediag.stun;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Durations;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Options;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.HostResolver;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.stun.internal.Attributes;
import org.xphonediag.stun.internal.NatDiscovery;
import org.xphonediag.stun.internal.Requests;
import org.xphonediag.stun.internal.TcpTransaction;
import org.xphonediag.stun.internal.UdpTransaction;

/**
 * Classic STUN (RFC 8489 §6, docs/field-guide.md#media): a Binding request over UDP (or TCP) to every A/AAAA address of each
 * server, all in parallel within one budget (5 s by default), RFC 8489 retransmissions (RTO 500 ms,
 * Rc 7, Rm 16, cut short by the budget), and RFC 5780 NAT behaviour discovery where a server
 * offers OTHER-ADDRESS. Findings: {@code stun.unreachable} per silent address (naming the target,
 * transmissions and time), {@code stun.multiple-public-addresses} when servers see different public
 * IPs (docs/field-guide.md#failure-patterns), {@code stun.port-not-preserved} when the mapped port differs from the local
 * port. Immutable and thread-safe; each run uses its own sockets and threads and stops them.
 *
 * <pre>{@code
 * StunBindingCheck check = StunBindingCheck.builder(List.of(HostAndPort.parse("stun.example.com", 3478))).build();
 * CheckResult r = check.run(CheckContext.standalone(check.id(), Duration.ofSeconds(5)));
 * List<StunBinding> bindings = r.outcome(StunBindings.class).orElseThrow().bindings();
 * }</pre>
 */
public final class StunBindingCheck implements Check {
  /** The default STUN port. */
  public static final int DEFAULT_PORT = 3478;
  /** The default budget of the whole check. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);

  private final CheckId id;
  private final List<HostAndPort> servers;
  private final RetransmissionPolicy policy;
  private final Duration budget;
  private final HostResolver resolver;
  private final boolean natDiscovery;
  private final boolean tcp;

  private StunBindingCheck(Builder b) {
    this.id = b.id == null ? CheckCatalog.STUN_CLASSIC : b.id;
    this.servers = List.copyOf(b.servers);
    this.policy = b.policy == null ? RetransmissionPolicy.rfc8489() : b.policy;
    this.budget = b.budget == null ? DEFAULT_BUDGET : b.budget;
    this.resolver = b.resolver == null ? HostResolver.system() : b.resolver;
    this.natDiscovery = b.natDiscovery == null || b.natDiscovery;
    this.tcp = b.tcp != null && b.tcp;
  }

  /** A check of {@code servers} (at least one). */
  public static Builder builder(List<HostAndPort> servers) {
    return new Builder(servers);
  }

  @Override
  public CheckId id() {
    return id;
  }

  @Override
  public String title() {
    return "STUN binding to " + servers.stream().map(HostAndPort::toString).reduce((a, c) -> a + ", " + c).orElse("")
        + (tcp ? " over TCP" : "");
  }

  @Override
  public Optional<Duration> budget() {
    return Optional.of(budget.plus(Budgets.GRACE)); // the network budget plus time to build the result
  }

  /** Resolves and queries every server address within the budget; one {@link StunBinding} per address. */
  public List<StunBinding> bind(CheckContext context) throws InterruptedException {
    Duration left = Budgets.network(context, budget);
    long deadline = System.nanoTime() + left.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, servers.size() * 2), r -> {
      Thread t = new Thread(r, "stun-classic");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<List<InetAddress>>> resolving = new ArrayList<>();
      for (HostAndPort s : servers) {
        resolving.add(pool.submit(() -> resolve(s)));
      }
      List<StunBinding> out = new ArrayList<>();
      List<Future<StunBinding>> binding = new ArrayList<>();
      List<Integer> slots = new ArrayList<>();
      for (int i = 0; i < servers.size(); i++) {
        HostAndPort s = servers.get(i);
        List<InetAddress> addrs;
        try {
          addrs = resolving.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          out.add(failed(s, "cannot resolve " + s.host() + ": " + (c.getMessage() == null ? c.getClass().getSimpleName()
              : c.getMessage())));
          continue;
        } catch (TimeoutException e) {
          out.add(failed(s, "cannot resolve " + s.host() + " within the budget of " + IceOutcomes.seconds(left)));
          continue;
        }
        for (InetAddress a : addrs) {
          InetSocketAddress target = new InetSocketAddress(a, s.port());
          slots.add(out.size());
          out.add(null);
          binding.add(pool.submit(() -> bindOne(s, target, deadline, context)));
        }
      }
      for (int i = 0; i < binding.size(); i++) {
        try {
          out.set(slots.get(i), binding.get(i).get(Math.max(1, deadline - System.nanoTime()) + 1_000_000_000L,
              TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
          if (e.getCause() instanceof InterruptedException) {
            throw new InterruptedException("STUN check was cancelled");
          }
          throw new IllegalStateException("STUN binding failed unexpectedly", e.getCause());
        } catch (TimeoutException e) {
          throw new IllegalStateException("STUN binding overran its deadline", e);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private List<InetAddress> resolve(HostAndPort s) throws UnknownHostException {
    Optional<IpAddress> ip = s.ipAddress();
    if (ip.isPresent()) {
      return List.of(ip.get().toInetAddress());
    }
    List<InetAddress> all = resolver.resolve(s.host());
    if (all.isEmpty()) {
      throw new UnknownHostException("no A or AAAA record");
    }
    return all;
  }

  private static StunBinding failed(HostAndPort s, String why) {
    return new StunBinding(s, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
        Duration.ZERO, Optional.empty(), Optional.empty(), Optional.empty(), NatBehavior.unknown(), Optional.of(why));
  }

  private StunBinding bindOne(HostAndPort s, InetSocketAddress target, long deadline, CheckContext context)
      throws InterruptedException {
    byte[] txid = Requests.newTransactionId();
    String where = HostAndPort.of(target) + (tcp ? "/tcp" : "/udp");
    InetSocketAddress local = null;
    UdpTransaction.Outcome o;
    if (tcp) {
      try {
        o = TcpTransaction.run(target, Requests.classic(txid), txid, deadline, context::isCancelled);
      } catch (IOException e) {
        o = new UdpTransaction.Outcome(UdpTransaction.Kind.NETWORK_ERROR, null, null, 0, 0, 0, 0, e.toString());
      }
      return toBinding(s, target, null, where, o, deadline, context);
    }
    try (DatagramChannel ch = DatagramChannel.open(target.getAddress() instanceof Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)) {
      ch.configureBlocking(false);
      ch.connect(target);
      local = (InetSocketAddress) ch.getLocalAddress();
      o = UdpTransaction.run(ch, target, Requests.classic(txid), txid, policy, deadline, context::isCancelled, null,
          false);
    } catch (IOException e) {
      return new StunBinding(s, Optional.of(target), Optional.ofNullable(local), Optional.empty(), Optional.empty(), 0,
          Duration.ZERO, Optional.empty(), Optional.empty(), Optional.empty(), NatBehavior.unknown(),
          Optional.of("cannot send to " + where + ": " + e.getMessage()));
    }
    return toBinding(s, target, local, where, o, deadline, context);
  }

  private StunBinding toBinding(HostAndPort s, InetSocketAddress target, InetSocketAddress local, String where,
      UdpTransaction.Outcome o, long deadline, CheckContext context) throws InterruptedException {
    Duration elapsed = Duration.ofNanos(o.elapsedNanos());
    String tries = String.format(Locale.ROOT, "after %d transmission%s in %s", o.transmissions(),
        o.transmissions() == 1 ? "" : "s", IceOutcomes.seconds(elapsed));
    if (o.kind() != UdpTransaction.Kind.RESPONSE || o.response().messageClass() != StunClass.SUCCESS_RESPONSE
        || o.response().mappedAddress().isEmpty()) {
      String why;
      switch (o.kind()) {
        case UNREACHABLE:
          why = (tcp ? "connection refused by " : "ICMP port unreachable from ") + where + " " + tries;
          break;
        case NETWORK_ERROR:
          why = "cannot send to " + where + ": " + o.error();
          break;
        case RESPONSE:
          why = "error response " + o.response().errorCode().map(String::valueOf).orElse("without ERROR-CODE")
              + " from " + where;
          break;
        default:
          why = "no STUN response from " + where + " " + tries;
      }
      return new StunBinding(s, Optional.of(target), Optional.ofNullable(local), Optional.empty(), Optional.empty(),
          o.transmissions(), elapsed, Optional.empty(), Optional.empty(), Optional.empty(), NatBehavior.unknown(),
          Optional.of(why));
    }
    StunMessage m = o.response();
    Optional<InetSocketAddress> other = m.address(Attributes.OTHER_ADDRESS);
    NatBehavior nat = NatBehavior.unknown();
    if (natDiscovery && other.isPresent() && local != null) {
      try {
        nat = NatDiscovery.discover(local.getAddress(), target, other.get(), policy, deadline, context::isCancelled);
      } catch (IOException e) {
        nat = NatBehavior.unknown();
      }
    }
    return new StunBinding(s, Optional.of(target), Optional.ofNullable(local), m.mappedAddress(),
        Optional.of(Duration.ofNanos(o.rttNanos())), o.transmissions(), elapsed, m.software(),
        m.address(Attributes.RESPONSE_ORIGIN), other, nat, Optional.empty());
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    List<StunBinding> bindings = bind(context);
    CheckResult.Builder b = CheckResult.builder(id).title(title());
    b.outcome(new StunBindings(bindings));
    Set<String> answeredServers = new LinkedHashSet<>();
    for (StunBinding sb : bindings) {
      if (sb.answered()) {
        answeredServers.add(sb.server().toString());
      }
    }
    for (StunBinding sb : bindings) {
      if (sb.answered()) {
        continue;
      }
      String asked = sb.server().toString();
      String msg = sb.failure().orElse("no STUN response")
          + (sb.address().isPresent() && !sb.server().host().equals(IpAddress.of(sb.address().get().getAddress())
          .toString()) ? " (server " + asked + ")" : "");
      var f = FindingCatalog.STUN_UNREACHABLE.finding(msg).evidence("server", asked)
          .evidence("transmissions", sb.transmissions()).evidence("elapsed", sb.elapsed());
      sb.address().ifPresent(a -> f.evidence("address", HostAndPort.of(a).toString()));
      if (answeredServers.contains(asked)) {
        f.severity(Status.WARN); // another address of the same server answered
      }
      b.finding(f.build());
    }
    publicAddresses(bindings, b);
    for (StunBinding sb : bindings) {
      if (sb.answered() && sb.localAddress().isPresent()
          && sb.mappedAddress().get().getPort() != sb.localAddress().get().getPort()) {
        b.finding(FindingCatalog.STUN_PORT_NOT_PRESERVED.finding(String.format(Locale.ROOT,
            "%s mapped local port %d to public port %d: the NAT must keep source ports",
            sb.server(), sb.localAddress().get().getPort(), sb.mappedAddress().get().getPort()))
            .evidence("server", sb.server().toString())
            .evidence("localAddress", HostAndPort.of(sb.localAddress().get()).toString())
            .evidence("mappedAddress", HostAndPort.of(sb.mappedAddress().get()).toString()).build());
      }
    }
    long ok = bindings.stream().filter(StunBinding::answered).count();
    b.summary(String.format(Locale.ROOT, "%d of %d STUN server address(es) answered", ok, bindings.size()));
    return b.build();
  }

  private static void publicAddresses(List<StunBinding> bindings, CheckResult.Builder b) {
    for (boolean v6 : new boolean[] {false, true}) {
      Set<String> ips = new LinkedHashSet<>();
      List<String> seen = new ArrayList<>();
      for (StunBinding sb : bindings) {
        if (sb.answered() && (sb.mappedAddress().get().getAddress() instanceof Inet6Address) == v6) {
          String ip = IpAddress.of(sb.mappedAddress().get().getAddress()).toString();
          ips.add(ip);
          seen.add(sb.server() + " -> " + ip);
        }
      }
      if (ips.size() > 1) {
        b.finding(FindingCatalog.STUN_MULTIPLE_PUBLIC_ADDRESSES.finding(String.format(Locale.ROOT,
            "STUN servers must see one public %s address but saw %d: %s", v6 ? "IPv6" : "IPv4", ips.size(),
            String.join(", ", seen))).evidence("publicAddresses", List.copyOf(ips)).build());
      }
    }
  }

  /** Configures a {@link StunBindingCheck}; each option may be set once. Not thread-safe. */
  public static final class Builder {
    private static final String OWNER = "StunBindingCheck";
    private CheckId id;
    private final List<HostAndPort> servers;
    private RetransmissionPolicy policy;
    private Duration budget;
    private HostResolver resolver;
    private Boolean natDiscovery;
    private Boolean tcp;

    private Builder(List<HostAndPort> servers) {
      Objects.requireNonNull(servers, "servers");
      if (servers.isEmpty()) {
        throw new IllegalArgumentException("at least one STUN server is needed");
      }
      this.servers = List.copyOf(servers);
    }

    public Builder id(CheckId id) {
      Objects.requireNonNull(id, "id");
      Options.requireUnset("id", this.id, OWNER);
      this.id = id;
      return this;
    }

    /** The retransmission schedule; RFC 8489's by default. */
    public Builder policy(RetransmissionPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      Options.requireUnset("policy", this.policy, OWNER);
      this.policy = policy;
      return this;
    }

    /** The budget of the whole check (all servers in parallel), 5 s by default. */
    public Builder budget(Duration budget) {
      Durations.requirePositive(budget, "budget");
      Options.requireUnset("budget", this.budget, OWNER);
      this.budget = budget;
      return this;
    }

    /** How host names are resolved; the system resolver by default. */
    public Builder resolver(HostResolver resolver) {
      Objects.requireNonNull(resolver, "resolver");
      Options.requireUnset("resolver", this.resolver, OWNER);
      this.resolver = resolver;
      return this;
    }

    /** Runs RFC 5780 NAT behaviour discovery when a server offers OTHER-ADDRESS (on by default). */
    public Builder natDiscovery(boolean natDiscovery) {
      Options.requireUnset("natDiscovery", this.natDiscovery, OWNER);
      this.natDiscovery = natDiscovery;
      return this;
    }

    /**
     * Uses TCP (RFC 8489 §6.2.2: one request per connection, no retransmission) instead of UDP; no
     * NAT behaviour discovery and no port-preservation check over TCP.
     */
    public Builder tcp(boolean tcp) {
      Options.requireUnset("tcp", this.tcp, OWNER);
      this.tcp = tcp;
      return this;
    }

    public StunBindingCheck build() {
      return new StunBindingCheck(this);
    }
  }
}
