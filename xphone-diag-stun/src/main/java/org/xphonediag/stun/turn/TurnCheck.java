package org.xphonediag.stun.turn;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Durations;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Options;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.RetransmissionPolicy;
import org.xphonediag.stun.turn.internal.TurnSession;

/**
 * TURN relay check (RFC 8656, docs/field-guide.md#connection-test): for each server URI in turn, Allocate with long-term
 * credentials, CreatePermission and a Send/Data round trip to an echoing peer (the check's own UDP
 * socket, or a given one), then Refresh with LIFETIME 0 to release the allocation, also after a
 * failed step or on cancellation. All URIs share one budget (10 s by default); the last fifth of
 * it, at most 1 s, is kept for the release. Findings: {@code turn.unreachable},
 * {@code turn.auth-failed}, {@code turn.allocation-failed} (with the ERROR-CODE),
 * {@code turn.relay-blocked}, {@code tls.untrusted}; the summary names the transports that work.
 * Options: a ChannelBind and ChannelData round trip after Send/Data ({@link Builder#channelBind},
 * RFC 8656 §12), an IPv6 relay ({@link Builder#family}, RFC 8656 §18.10), per-server credentials
 * ({@link Builder#server}).
 * Immutable and thread-safe; the password is a {@link Secret} and appears in no output.
 *
 * <p>The check's own peer listens on the local address of the connection to the server and is
 * announced (XOR-PEER-ADDRESS) with the IP of the mapped address and its own port, after sending
 * one datagram to the relayed address to open a NAT binding: that works without a NAT and behind
 * NATs that keep source ports; elsewhere give an echoing peer with {@link Builder#peer}.
 *
 * <pre>{@code
 * TurnCheck check = TurnCheck.builder(List.of(TurnUri.parse("turn:turn.example.com")), "alice",
 *     Secret.fromEnvironment("TURN_PASSWORD").orElseThrow()).build();
 * CheckResult r = check.run(CheckContext.standalone(check.id(), Duration.ofSeconds(11)));
 * List<TurnRelay> relays = r.outcome(TurnRelays.class).orElseThrow().relays();
 * }</pre>
 */
public final class TurnCheck implements Check {
  /** Kept free before the context's deadline so the result is built in time. */
  private static final Duration MARGIN = Duration.ofMillis(100);
  /** Added to the network budget in {@link #budget()}. */
  private static final Duration GRACE = Duration.ofSeconds(1);

  private final CheckId id;
  private final List<Target> targets;
  private final X509TrustManager trust;
  private final boolean channelBind;
  private final StandardProtocolFamily family;
  private final InetSocketAddress peer;
  private final RetransmissionPolicy policy;
  private final Duration budget;

  private TurnCheck(Builder b) {
    this.id = b.id == null ? CheckCatalog.TURN_RELAY : b.id;
    this.targets = List.copyOf(b.targets);
    this.trust = b.trust;
    this.channelBind = b.channelBind != null && b.channelBind;
    this.family = b.family();
    this.peer = b.peer;
    this.policy = b.policy == null ? new RetransmissionPolicy(Duration.ofMillis(250), 7, 8) : b.policy;
    this.budget = b.budget == null ? Duration.ofSeconds(10) : b.budget;
  }

  /** One server URI with the long-term credentials to use there. */
  private record Target(TurnUri uri, String username, Secret password) {}

  /** A check of {@code uris} (at least one) with long-term credentials. */
  public static Builder builder(List<TurnUri> uris, String username, Secret password) {
    Objects.requireNonNull(uris, "uris");
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("at least one TURN URI is needed");
    }
    Builder b = new Builder();
    uris.forEach(u -> b.server(u, username, password));
    return b;
  }

  /**
   * A check without servers yet: add each with {@link Builder#server}, e.g. when servers come with
   * their own credentials (the WebAPI's TURN entries, docs/field-guide.md#connection-test).
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CheckId id() {
    return id;
  }

  @Override
  public String title() {
    return "TURN relay via " + String.join(", ", uris().stream().map(TurnUri::toString).toList());
  }

  /** The server URIs, in the order they are tried. */
  public List<TurnUri> uris() {
    return targets.stream().map(Target::uri).toList();
  }

  @Override
  public Optional<Duration> budget() {
    return Optional.of(budget.plus(GRACE));
  }

  /** Tries every URI in order within the budget; one {@link TurnRelay} per URI. */
  public List<TurnRelay> probe(CheckContext context) throws InterruptedException {
    Duration left = context.remaining().minus(MARGIN);
    if (left.compareTo(budget) > 0) {
      left = budget;
    }
    if (left.compareTo(Duration.ofMillis(1)) < 0) {
      left = Duration.ofMillis(1);
    }
    long start = System.nanoTime();
    long end = start + left.toNanos();
    long reserve = Math.min(Duration.ofSeconds(1).toNanos(), left.toNanos() / 5);
    List<TurnRelay> out = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      context.checkCancelled();
      // each URI gets an equal share of what is left, the release reserve inside that share
      long now = System.nanoTime();
      long share = (end - now) / (targets.size() - i);
      long uriEnd = now + share;
      long stepEnd = uriEnd - Math.min(reserve, share / 5);
      Target t = targets.get(i);
      TurnSession s = new TurnSession(t.uri(), t.username(), t.password(), trust, peer, policy, context::isCancelled,
          new TurnSession.Options(channelBind, family == StandardProtocolFamily.INET6));
      out.add(s.run(stepEnd, uriEnd));
      context.progress(i + 1, targets.size());
    }
    return out;
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    List<TurnRelay> relays = probe(context);
    CheckResult.Builder b = CheckResult.builder(id).title(title()).outcome(new TurnRelays(relays));
    List<String> working = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    for (TurnRelay p : relays) {
      String t = p.uri().transport().jsonName();
      (p.works() ? working : failing).add(t);
      p.failure().ifPresent(f -> {
        Finding.Builder fb = f.code().finding(f.message()).evidence("uri", p.uri().toString())
            .evidence("transport", t).evidence("step", f.step());
        f.errorCode().ifPresent(c -> fb.evidence("errorCode", c));
        p.server().ifPresent(s -> fb.evidence("server", HostAndPort.of(s).toString()));
        p.relayedAddress().ifPresent(a -> fb.evidence("relayedAddress", HostAndPort.of(a).toString()));
        b.finding(fb.build());
      });
    }
    b.summary(String.format(Locale.ROOT, "TURN relay works over %s; fails over %s",
        working.isEmpty() ? "no transport" : String.join(", ", working),
        failing.isEmpty() ? "none" : String.join(", ", failing)));
    return b.build();
  }

  /** Configures a {@link TurnCheck}; each option may be set once (servers are added in order). Not thread-safe. */
  public static final class Builder {
    private static final String OWNER = "TurnCheck";
    private CheckId id;
    private final List<Target> targets = new ArrayList<>();
    private X509TrustManager trust;
    private Boolean channelBind;
    private StandardProtocolFamily family;
    private InetSocketAddress peer;
    private RetransmissionPolicy policy;
    private Duration budget;

    private Builder() {}

    /** Adds a server URI with the long-term user and password to use there (probed in order). */
    public Builder server(TurnUri uri, String username, Secret password) {
      targets.add(new Target(Objects.requireNonNull(uri, "uri"), Objects.requireNonNull(username, "username"),
          Objects.requireNonNull(password, "password")));
      return this;
    }

    /**
     * After the Send/Data round trip, also binds a channel to the peer (ChannelBind, RFC 8656 §12)
     * and sends data as ChannelData (4-byte header, padded to 4 bytes over TCP and TLS) that must
     * come back the same way; off by default.
     */
    public Builder channelBind(boolean on) {
      Options.requireUnset("channelBind", this.channelBind, OWNER);
      this.channelBind = on;
      return this;
    }

    /**
     * The address family of the relayed address: {@code INET} (default) or {@code INET6}, sent as
     * REQUESTED-ADDRESS-FAMILY (RFC 8656 §18.10, RFC 6156); the peer must then be IPv6 too.
     */
    public Builder family(StandardProtocolFamily family) {
      Objects.requireNonNull(family, "family");
      if (family == StandardProtocolFamily.UNIX) {
        throw new IllegalArgumentException("family must be INET or INET6 but was UNIX");
      }
      Options.requireUnset("family", this.family, OWNER);
      this.family = family;
      return this;
    }

    public Builder id(CheckId id) {
      Objects.requireNonNull(id, "id");
      Options.requireUnset("id", this.id, OWNER);
      this.id = id;
      return this;
    }

    /** Trust for {@code turns:} servers; the platform's by default. */
    public Builder trust(X509TrustManager trust) {
      Objects.requireNonNull(trust, "trust");
      Options.requireUnset("trust", this.trust, OWNER);
      this.trust = trust;
      return this;
    }

    /** A UDP peer that echoes what it receives, instead of the check's own echo socket. */
    public Builder peer(InetSocketAddress peer) {
      Objects.requireNonNull(peer, "peer");
      if (peer.isUnresolved()) {
        throw new IllegalArgumentException("peer must be a resolved address but was " + peer);
      }
      Options.requireUnset("peer", this.peer, OWNER);
      this.peer = peer;
      return this;
    }

    /** Retransmissions over UDP: RTO 250 ms, Rc 7, Rm 8 by default, cut short by the budget. */
    public Builder policy(RetransmissionPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      Options.requireUnset("policy", this.policy, OWNER);
      this.policy = policy;
      return this;
    }

    /** The budget of the whole check, all URIs together; 10 s by default. */
    public Builder budget(Duration budget) {
      Durations.requirePositive(budget, "budget");
      Options.requireUnset("budget", this.budget, OWNER);
      this.budget = budget;
      return this;
    }

    private StandardProtocolFamily family() {
      return family == null ? StandardProtocolFamily.INET : family;
    }

    /** Builds the check; at least one server is needed. */
    public TurnCheck build() {
      if (targets.isEmpty()) {
        throw new IllegalArgumentException("at least one TURN URI is needed (builder(uris, ...) or server(...))");
      }
      if (peer != null && (family() == StandardProtocolFamily.INET6) != (peer.getAddress() instanceof java.net.Inet6Address)) {
        throw new IllegalArgumentException("peer " + peer + " must be of the relay's family " + family()
            + " (family and peer conflict)");
      }
      return new TurnCheck(this);
    }
  }
}
