package org.xphonediag.stun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Durations;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.internal.Requests;
import org.xphonediag.stun.internal.UdpTransaction;

/**
 * An ICE connectivity check as the phone sends it to an XCC media port (RFC 8445 §7.2.2,
 * docs/field-guide.md#media): USERNAME {@code remoteUfrag:localUfrag}, PRIORITY, ICE-CONTROLLING (or -CONTROLLED) with a
 * tie-breaker, MESSAGE-INTEGRITY keyed with the remote ice-pwd, FINGERPRINT; retransmitted per
 * RFC 8489 §6.2.1 within the budget (5 s by default) over a connected UDP channel so that ICMP port
 * unreachable is seen. Immutable and thread-safe; each {@link #probe} uses its own socket.
 *
 * <p>Findings: an error response is {@code media.binding-rejected}; a success whose integrity does
 * not verify is {@code stun.integrity-invalid}; silence is {@code media.port-silent} (WARN,
 * inconclusive: an XCC only answers ports of a live call with matching credentials); ICMP is
 * {@code media.port-unreachable}.
 *
 * <p>Answers with another transaction id, datagrams that are not a response and responses whose
 * FINGERPRINT fails are ignored and counted ({@link IceProbeResult#ignored()}), never accepted. The
 * channel is connected (for ICMP), so the kernel already drops datagrams from any other address
 * before they reach the probe.
 *
 * <pre>{@code
 * IceBindingProbe probe = IceBindingProbe.builder(new InetSocketAddress("203.0.113.5", 30000))
 *     .remoteUfrag("xccUfrag").remotePassword(Secret.of(pwd)).build();
 * CheckResult r = probe.run(CheckContext.standalone(probe.id(), Duration.ofSeconds(5)));
 * }</pre>
 */
public final class IceBindingProbe implements Check {
  /** The default budget per probe. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);

  private final CheckId id;
  private final InetSocketAddress target;
  private final Requests.IceParameters ice;
  private final RetransmissionPolicy policy;
  private final Duration budget;

  private IceBindingProbe(Builder b) {
    this.id = b.id;
    this.target = b.target;
    this.ice = new Requests.IceParameters(b.remoteUfrag, b.localUfrag, StunCredentials.shortTerm(b.remotePassword),
        b.priority, b.controlling, b.tieBreaker);
    this.policy = b.policy;
    this.budget = b.budget;
  }

  /** Starts a probe of {@code target} (an IP address, not a host name). */
  public static Builder builder(InetSocketAddress target) {
    return new Builder(target);
  }

  @Override
  public CheckId id() {
    return id;
  }

  @Override
  public String title() {
    return "ICE binding request to " + HostAndPort.of(target) + "/udp";
  }

  @Override
  public Optional<Duration> budget() {
    return Optional.of(budget.plus(Budgets.GRACE)); // the network budget plus time to build the result
  }

  /** Sends the check and waits for its outcome within the context's remaining time and the budget. */
  public IceProbeResult probe(CheckContext context) throws InterruptedException {
    Duration left = Budgets.network(context, budget);
    long deadline = System.nanoTime() + left.toNanos();
    byte[] txid = Requests.newTransactionId();
    UdpTransaction.Outcome o;
    try (DatagramChannel ch = DatagramChannel.open(target.getAddress() instanceof java.net.Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)) {
      ch.configureBlocking(false);
      ch.connect(target);
      o = UdpTransaction.run(ch, target, Requests.ice(txid, ice), txid, policy, deadline, context::isCancelled,
          ice.credentials(), false);
    } catch (IOException e) {
      return new IceProbeResult(IceProbeResult.Outcome.UNREACHABLE, target, Optional.empty(), Optional.empty(),
          Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()), Verification.ABSENT, Optional.empty(), 0,
          Duration.ZERO, 0);
    }
    return IceOutcomes.toResult(target, o);
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    IceProbeResult r = probe(context);
    CheckResult.Builder b = CheckResult.builder(id).title(title());
    IceOutcomes.describe(r, b);
    return b.build();
  }

  /** Configures an {@link IceBindingProbe}; not thread-safe. */
  public static final class Builder {
    private CheckId id = CheckCatalog.STUN_ICE_PROBE;
    private final InetSocketAddress target;
    private String remoteUfrag;
    private Secret remotePassword;
    private String localUfrag;
    private boolean controlling = true;
    private long priority = (110L << 24) | (65535L << 8) | 255; // peer-reflexive, component 1 (RFC 8445 §5.1.2)
    private long tieBreaker = Requests.newTieBreaker();
    private RetransmissionPolicy policy = RetransmissionPolicy.rfc8489();
    private Duration budget = DEFAULT_BUDGET;

    private Builder(InetSocketAddress target) {
      Objects.requireNonNull(target, "target");
      if (target.isUnresolved() || target.getPort() == 0) {
        throw new IllegalArgumentException("target must be an IP address with a port 1..65535 but was " + target);
      }
      this.target = target;
    }

    public Builder id(CheckId id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /** The XCC's ice-ufrag (from its SDP). */
    public Builder remoteUfrag(String ufrag) {
      this.remoteUfrag = requireUfrag(ufrag, "remoteUfrag");
      return this;
    }

    /** The XCC's ice-pwd: keys MESSAGE-INTEGRITY. */
    public Builder remotePassword(Secret password) {
      this.remotePassword = Objects.requireNonNull(password, "remotePassword");
      return this;
    }

    /** Our ice-ufrag; random when not set. */
    public Builder localUfrag(String ufrag) {
      this.localUfrag = requireUfrag(ufrag, "localUfrag");
      return this;
    }

    /** Sends ICE-CONTROLLING (true, the default) or ICE-CONTROLLED. */
    public Builder controlling(boolean controlling) {
      this.controlling = controlling;
      return this;
    }

    /** PRIORITY, 1..2^31-1; a peer-reflexive priority by default. */
    public Builder priority(long priority) {
      if (priority < 1 || priority > 0x7fffffffL) {
        throw new IllegalArgumentException("priority must be 1..2^31-1 but was " + priority);
      }
      this.priority = priority;
      return this;
    }

    /** The tie-breaker; random by default. */
    public Builder tieBreaker(long tieBreaker) {
      this.tieBreaker = tieBreaker;
      return this;
    }

    /** The retransmission schedule; RFC 8489's by default. */
    public Builder policy(RetransmissionPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The budget of the probe, 5 s by default. */
    public Builder budget(Duration budget) {
      this.budget = Durations.requirePositive(budget, "budget");
      return this;
    }

    public IceBindingProbe build() {
      if (remoteUfrag == null || remotePassword == null) {
        throw new IllegalStateException("remoteUfrag and remotePassword must both be set");
      }
      if (localUfrag == null) {
        localUfrag = Long.toString(Requests.newTieBreaker() & 0xffffffffffL, 36);
      }
      return new IceBindingProbe(this);
    }

    static String requireUfrag(String ufrag, String what) {
      Objects.requireNonNull(ufrag, what);
      if (ufrag.isEmpty() || ufrag.length() > 256 || ufrag.indexOf(':') >= 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s must be 1..256 characters without ':' but was '%s'", what, ufrag));
      }
      return ufrag;
    }
  }
}
