package org.xphonediag.stun.turn;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.RetransmissionPolicy;
import org.xphonediag.stun.turn.internal.TurnSession;

/**
 * TURN relay check (RFC 8656, DOMAIN §4): for each server URI in turn, Allocate with long-term
 * credentials, CreatePermission and a Send/Data round trip to an echoing peer (the check's own UDP
 * socket, or a given one), then Refresh with LIFETIME 0 to release the allocation, also after a
 * failed step or on cancellation. All URIs share one budget (10 s by default); the last fifth of
 * it, at most 1 s, is kept for the release. Findings: {@code turn.unreachable},
 * {@code turn.auth-failed}, {@code turn.allocation-failed} (with the ERROR-CODE),
 * {@code turn.relay-blocked}, {@code tls.untrusted}; the summary names the transports that work.
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
 * List<TurnProbe> probes = check.probe(CheckContext.standalone(check.id(), Duration.ofSeconds(11)));
 * }</pre>
 */
public final class TurnCheck implements Check {
  /** The default check id. */
  public static final CheckId ID = CheckId.of("turn.relay");
  /** Kept free before the context's deadline so the result is built in time. */
  private static final Duration MARGIN = Duration.ofMillis(100);
  /** Added to the network budget in {@link #budget()}. */
  private static final Duration GRACE = Duration.ofSeconds(1);

  private final CheckId id;
  private final List<TurnUri> uris;
  private final String username;
  private final Secret password;
  private final X509TrustManager trust;
  private final InetSocketAddress peer;
  private final RetransmissionPolicy policy;
  private final Duration budget;

  private TurnCheck(Builder b) {
    this.id = b.id;
    this.uris = b.uris;
    this.username = b.username;
    this.password = b.password;
    this.trust = b.trust;
    this.peer = b.peer;
    this.policy = b.policy;
    this.budget = b.budget;
  }

  /** A check of {@code uris} (at least one) with long-term credentials. */
  public static Builder builder(List<TurnUri> uris, String username, Secret password) {
    return new Builder(uris, username, password);
  }

  @Override
  public CheckId id() {
    return id;
  }

  @Override
  public String title() {
    return "TURN relay via " + String.join(", ", uris.stream().map(TurnUri::toString).toList());
  }

  @Override
  public Optional<Duration> budget() {
    return Optional.of(budget.plus(GRACE));
  }

  /** Probes every URI in order within the budget; one {@link TurnProbe} per URI. */
  public List<TurnProbe> probe(CheckContext context) throws InterruptedException {
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
    List<TurnProbe> out = new ArrayList<>();
    for (int i = 0; i < uris.size(); i++) {
      context.checkCancelled();
      // each URI gets an equal share of what is left, the release reserve inside that share
      long now = System.nanoTime();
      long share = (end - now) / (uris.size() - i);
      long uriEnd = now + share;
      long stepEnd = uriEnd - Math.min(reserve, share / 5);
      TurnSession s = new TurnSession(uris.get(i), username, password, trust, peer, policy, context::isCancelled);
      out.add(s.run(stepEnd, uriEnd));
      context.progress(i + 1, uris.size());
    }
    return out;
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    List<TurnProbe> probes = probe(context);
    CheckResult.Builder b = CheckResult.builder(id).title(title());
    b.detail("relays", probes.stream().map(TurnProbe::toDetails).toList());
    List<String> working = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    java.util.Map<String, Boolean> transports = new java.util.LinkedHashMap<>();
    for (TurnProbe p : probes) {
      String t = p.uri().transport().jsonName();
      (p.works() ? working : failing).add(t);
      transports.merge(t, p.works(), Boolean::logicalOr);
      p.failure().ifPresent(f -> {
        Finding.Builder fb = f.code().finding(f.message()).evidence("uri", p.uri().toString())
            .evidence("transport", t).evidence("step", f.step());
        f.errorCode().ifPresent(c -> fb.evidence("errorCode", c));
        p.server().ifPresent(s -> fb.evidence("server", HostAndPort.of(s).toString()));
        p.relayedAddress().ifPresent(a -> fb.evidence("relayedAddress", HostAndPort.of(a).toString()));
        b.finding(fb.build());
      });
    }
    b.detail("transports", Details.copyOf(transports));
    b.summary(String.format(Locale.ROOT, "TURN relay works over %s; fails over %s",
        working.isEmpty() ? "no transport" : String.join(", ", working),
        failing.isEmpty() ? "none" : String.join(", ", failing)));
    return b.build();
  }

  /** Configures a {@link TurnCheck}; not thread-safe. */
  public static final class Builder {
    private CheckId id = ID;
    private final List<TurnUri> uris;
    private final String username;
    private final Secret password;
    private X509TrustManager trust;
    private InetSocketAddress peer;
    private RetransmissionPolicy policy = new RetransmissionPolicy(Duration.ofMillis(250), 7, 8);
    private Duration budget = Duration.ofSeconds(10);

    private Builder(List<TurnUri> uris, String username, Secret password) {
      Objects.requireNonNull(uris, "uris");
      if (uris.isEmpty()) {
        throw new IllegalArgumentException("at least one TURN URI is needed");
      }
      this.uris = List.copyOf(uris);
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
    }

    public Builder id(CheckId id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Trust for {@code turns:} servers; the platform's by default. */
    public Builder trust(X509TrustManager trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /** A UDP peer that echoes what it receives, instead of the check's own echo socket. */
    public Builder peer(InetSocketAddress peer) {
      Objects.requireNonNull(peer, "peer");
      if (peer.isUnresolved()) {
        throw new IllegalArgumentException("peer must be a resolved address but was " + peer);
      }
      this.peer = peer;
      return this;
    }

    /** Retransmissions over UDP: RTO 250 ms, Rc 7, Rm 8 by default, cut short by the budget. */
    public Builder policy(RetransmissionPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The budget of the whole check, all URIs together; 10 s by default. */
    public Builder budget(Duration budget) {
      Objects.requireNonNull(budget, "budget");
      if (budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("budget must be positive but was " + budget);
      }
      this.budget = budget;
      return this;
    }

    public TurnCheck build() {
      return new TurnCheck(this);
    }
  }
}
