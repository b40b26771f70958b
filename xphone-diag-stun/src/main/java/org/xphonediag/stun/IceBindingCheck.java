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
import org.xphonediag.core.Options;
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
 * FINGERPRINT fails are ignored and counted ({@link IceAnswer#ignored()}), never accepted. The
 * channel is connected (for ICMP), so the kernel already drops datagrams from any other address
 * before they reach the probe.
 *
 * <pre>{@code
 * IceBindingCheck check = IceBindingCheck.builder(new InetSocketAddress("203.0.113.5", 30000))
 *     .remoteUfrag("xccUfrag").remotePassword(Secret.of(pwd)).build();
 * CheckResult r = check.run(CheckContext.standalone(check.id(), Duration.ofSeconds(5)));
 * IceAnswer answer = r.outcome(IceAnswer.class).orElseThrow();
 * }</pre>
 */
public final class IceBindingCheck implements Check {
  /** The default budget per probe. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);
  /** A peer-reflexive priority, component 1 (RFC 8445 §5.1.2). */
  private static final long DEFAULT_PRIORITY = (110L << 24) | (65535L << 8) | 255;

  private final CheckId id;
  private final InetSocketAddress target;
  private final Requests.IceParameters ice;
  private final RetransmissionPolicy policy;
  private final Duration budget;

  private IceBindingCheck(Builder b) {
    this.id = b.id == null ? CheckCatalog.STUN_ICE_PROBE : b.id;
    this.target = b.target;
    this.ice = new Requests.IceParameters(b.remoteUfrag,
        b.localUfrag != null ? b.localUfrag : Long.toString(Requests.newTieBreaker() & 0xffffffffffL, 36),
        StunCredentials.shortTerm(b.remotePassword), b.priority == null ? DEFAULT_PRIORITY : b.priority,
        b.controlling == null || b.controlling, b.tieBreaker == null ? Requests.newTieBreaker() : b.tieBreaker);
    this.policy = b.policy == null ? RetransmissionPolicy.rfc8489() : b.policy;
    this.budget = b.budget == null ? DEFAULT_BUDGET : b.budget;
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
  public IceAnswer probe(CheckContext context) throws InterruptedException {
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
      return new IceAnswer(IceAnswer.Kind.UNREACHABLE, target, Optional.empty(), Optional.empty(),
          Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()), Verification.ABSENT, Optional.empty(), 0,
          Duration.ZERO, 0);
    }
    return IceOutcomes.toResult(target, o);
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    IceAnswer r = probe(context);
    CheckResult.Builder b = CheckResult.builder(id).title(title());
    IceOutcomes.describe(r, b);
    return b.build();
  }

  /** Configures an {@link IceBindingCheck}; each option may be set once. Not thread-safe. */
  public static final class Builder {
    private static final String OWNER = "IceBindingCheck";
    private CheckId id;
    private final InetSocketAddress target;
    private String remoteUfrag;
    private Secret remotePassword;
    private String localUfrag;
    private Boolean controlling;
    private Long priority;
    private Long tieBreaker;
    private RetransmissionPolicy policy;
    private Duration budget;

    private Builder(InetSocketAddress target) {
      Objects.requireNonNull(target, "target");
      if (target.isUnresolved() || target.getPort() == 0) {
        throw new IllegalArgumentException("target must be an IP address with a port 1..65535 but was " + target);
      }
      this.target = target;
    }

    public Builder id(CheckId id) {
      Objects.requireNonNull(id, "id");
      Options.requireUnset("id", this.id, OWNER);
      this.id = id;
      return this;
    }

    /** The XCC's ice-ufrag (from its SDP). */
    public Builder remoteUfrag(String ufrag) {
      requireUfrag(ufrag, "remoteUfrag");
      Options.requireUnset("remoteUfrag", this.remoteUfrag, OWNER);
      this.remoteUfrag = ufrag;
      return this;
    }

    /** The XCC's ice-pwd: keys MESSAGE-INTEGRITY. */
    public Builder remotePassword(Secret password) {
      Objects.requireNonNull(password, "remotePassword");
      Options.requireUnset("remotePassword", this.remotePassword, OWNER);
      this.remotePassword = password;
      return this;
    }

    /** Our ice-ufrag; random when not set. */
    public Builder localUfrag(String ufrag) {
      requireUfrag(ufrag, "localUfrag");
      Options.requireUnset("localUfrag", this.localUfrag, OWNER);
      this.localUfrag = ufrag;
      return this;
    }

    /** Sends ICE-CONTROLLING (true, the default) or ICE-CONTROLLED. */
    public Builder controlling(boolean controlling) {
      Options.requireUnset("controlling", this.controlling, OWNER);
      this.controlling = controlling;
      return this;
    }

    /** PRIORITY, 1..2^31-1; a peer-reflexive priority by default. */
    public Builder priority(long priority) {
      if (priority < 1 || priority > 0x7fffffffL) {
        throw new IllegalArgumentException("priority must be 1..2^31-1 but was " + priority);
      }
      Options.requireUnset("priority", this.priority, OWNER);
      this.priority = priority;
      return this;
    }

    /** The tie-breaker; random by default. */
    public Builder tieBreaker(long tieBreaker) {
      Options.requireUnset("tieBreaker", this.tieBreaker, OWNER);
      this.tieBreaker = tieBreaker;
      return this;
    }

    /** The retransmission schedule; RFC 8489's by default. */
    public Builder policy(RetransmissionPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      Options.requireUnset("policy", this.policy, OWNER);
      this.policy = policy;
      return this;
    }

    /** The budget of the probe, 5 s by default. */
    public Builder budget(Duration budget) {
      Durations.requirePositive(budget, "budget");
      Options.requireUnset("budget", this.budget, OWNER);
      this.budget = budget;
      return this;
    }

    public IceBindingCheck build() {
      if (remoteUfrag == null || remotePassword == null) {
        throw new IllegalStateException("remoteUfrag and remotePassword must both be set");
      }
      return new IceBindingCheck(this);
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
