package org.xphonediag.sip;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.xphonediag.core.Options;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.core.net.Transport;
import org.xphonediag.sip.internal.ClientTransaction;
import org.xphonediag.sip.internal.OfferGenerator;

/**
 * A SIP client that sends one OPTIONS or INVITE to a {@code sip:} URI over UDP or TCP and reports the answer
 * (docs/field-guide.md#xcc-acls, #failure-patterns: 403 means the source address is denied by the
 * XCC's ACL, 488 the offered candidates); {@link SipRequestCheck} runs it as a check, within a
 * context's deadline and cancellation. Immutable and thread-safe; each {@link #run()} works on
 * the calling thread with a socket of its own, closed before it returns, and shares nothing with
 * other runs, so any number of requests may run at once, each to its own deadline. Over UDP the
 * socket is connected: a port that answers with ICMP port unreachable ends the exchange at once as a
 * transport error ({@code network.port-closed}), as TCP's connection refused does.
 *
 * <p>Defaults: a 5 s deadline (not the 32 s of RFC 3261 Timer F; over UDP the request is resent on
 * RFC 3261's schedule until then), the URI's transport or UDP,
 * for INVITE a generated SDP offering a private host and a public srflx candidate. An INVITE
 * never leaves a call behind: it sends CANCEL after a provisional answer when the deadline
 * passes, ACKs every non-2xx final answer, and ACKs a 2xx and ends its call with BYE; this
 * clean-up has its own grace period (default 2 s) after the deadline. A request that got no
 * answer at all by its deadline is not cancelled (RFC 3261 §9.1: CANCEL only after a provisional
 * answer); when the client is interrupted or cancelled before any answer, it waits up to the grace
 * period for the first one and then cancels or ends the call. Every message goes to the target's
 * address, also the ACK and BYE of a call whose answer names another Contact.
 *
 * <pre>{@code
 * SipAnswer r = SipClient.builder(SipUri.parse("sip:10.0.0.5:5060"))
 *     .method(SipMethod.INVITE).timeout(Duration.ofSeconds(3)).build().run();
 * r.statusCode();                               // e.g. 403
 * r.toResult(CheckCatalog.SIP_PROBE);           // sip.forbidden
 * }</pre>
 */
public final class SipClient {
  /** The default deadline for an answer. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** The default grace for CANCEL/ACK/BYE after the deadline. */
  public static final Duration DEFAULT_CLEANUP_GRACE = Duration.ofSeconds(2);
  private static final int MAX_BODY = 64 * 1024;

  private final SipUri target;
  private final SipMethod method;
  private final Transport transport;
  private final Duration timeout;
  private final Duration cleanupGrace;
  private final byte[] sdp;
  private final HostAndPort hostCandidate;
  private final HostAndPort srflxCandidate;
  private final InetAddress localAddress;

  private SipClient(Builder b) {
    this.target = b.target;
    this.method = b.method == null ? SipMethod.OPTIONS : b.method;
    this.transport = b.transport != null ? b.transport : b.target.transport().orElse(Transport.UDP);
    this.timeout = b.timeout == null ? DEFAULT_TIMEOUT : b.timeout;
    this.cleanupGrace = b.cleanupGrace == null ? DEFAULT_CLEANUP_GRACE : b.cleanupGrace;
    this.sdp = b.sdp;
    this.hostCandidate = b.hostCandidate;
    this.srflxCandidate = b.srflxCandidate;
    this.localAddress = b.localAddress;
  }

  /** A builder for a client of {@code target}. */
  public static Builder builder(SipUri target) {
    return new Builder(target);
  }

  public SipUri target() {
    return target;
  }

  public SipMethod method() {
    return method;
  }

  public Transport transport() {
    return transport;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The clean-up grace after the deadline; a request takes at most {@code timeout + cleanupGrace}. */
  public Duration cleanupGrace() {
    return cleanupGrace;
  }

  /**
   * Sends the request and waits at most {@link #timeout()} for a final answer. To run within a
   * deadline and with cancellation, run a {@link SipRequestCheck} with a context.
   *
   * @throws InterruptedException when interrupted; the stack is stopped and a started INVITE cancelled first
   */
  public SipAnswer run() throws InterruptedException {
    return exchange(timeout, () -> false);
  }

  /** {@link #run()} with a deadline of at most {@code budget} and the context's cancellation flag. */
  SipAnswer exchange(Duration budget, BooleanSupplier cancelled) throws InterruptedException {
    Duration effective = budget.compareTo(timeout) < 0 ? budget : timeout;
    IpAddress ip = target.target().ipAddress().orElseThrow(() -> new IllegalStateException(
        "the SIP probe needs an IP address in the URI but the host was '" + target.target().host() + "'"));
    byte[] body = null;
    if (method == SipMethod.INVITE) {
      if (sdp != null) {
        body = sdp.clone();
      } else {
        InetAddress local = localAddress != null ? localAddress : ClientTransaction.localAddressTowards(ip.toInetAddress());
        HostAndPort host = hostCandidate != null ? hostCandidate : new HostAndPort(IpAddress.of(local).toString(), 50000);
        HostAndPort srflx = srflxCandidate != null ? srflxCandidate : new HostAndPort("198.51.100.1", 50000);
        body = OfferGenerator.offer(host, srflx).getBytes(StandardCharsets.US_ASCII);
      }
    }
    ClientTransaction.Spec spec = new ClientTransaction.Spec(ip.toInetAddress(), target.target().port(),
        target.user().orElse(null), transport, method, body, effective, cleanupGrace, localAddress, cancelled);
    ClientTransaction.Raw raw = ClientTransaction.run(spec);
    return new SipAnswer(method, target, transport, raw.kind(), raw.statusCode(), raw.reason(),
        raw.provisional(), raw.elapsed(), effective, raw.cleanup(), raw.error());
  }

  @Override
  public String toString() {
    return "SipClient[" + method + " " + target + " over " + transport.jsonName() + ", timeout " + timeout + "]";
  }

  /** Builds a {@link SipClient}; each option may be set once. Not thread-safe. */
  public static final class Builder {
    private static final String OWNER = "SipClient";
    private final SipUri target;
    private SipMethod method;
    private Transport transport;
    private Duration timeout;
    private Duration cleanupGrace;
    private byte[] sdp;
    private HostAndPort hostCandidate;
    private HostAndPort srflxCandidate;
    private InetAddress localAddress;

    private Builder(SipUri target) {
      this.target = Objects.requireNonNull(target, "target");
      if (target.target().ipAddress().isEmpty()) {
        throw new IllegalArgumentException("SIP probe target must be an IP address (no DNS lookups) but was '"
            + target.target().host() + "'");
      }
    }

    /** OPTIONS (default) or INVITE. */
    public Builder method(SipMethod method) {
      Objects.requireNonNull(method, "method");
      Options.requireUnset("method", this.method, OWNER);
      this.method = method;
      return this;
    }

    /** Overrides the URI's transport parameter (default: the URI's, else UDP); UDP or TCP. */
    public Builder transport(Transport transport) {
      Objects.requireNonNull(transport, "transport");
      if (transport != Transport.UDP && transport != Transport.TCP) {
        throw new IllegalArgumentException("SIP transport must be udp or tcp but was '" + transport.jsonName() + "'");
      }
      Options.requireUnset("transport", this.transport, OWNER);
      this.transport = transport;
      return this;
    }

    /** The deadline for a final answer, 1 ms to 5 min (default 5 s). */
    public Builder timeout(Duration timeout) {
      checkDuration(timeout, "timeout");
      Options.requireUnset("timeout", this.timeout, OWNER);
      this.timeout = timeout;
      return this;
    }

    /** The grace for CANCEL, ACK and BYE after the deadline (default 2 s). */
    public Builder cleanupGrace(Duration grace) {
      checkDuration(grace, "cleanupGrace");
      Options.requireUnset("cleanupGrace", this.cleanupGrace, OWNER);
      this.cleanupGrace = grace;
      return this;
    }

    /** The SDP an INVITE carries, sent byte for byte (at most 64 KiB); conflicts with {@link #generatedOffer}. */
    public Builder sdp(byte[] sdp) {
      Objects.requireNonNull(sdp, "sdp");
      if (sdp.length == 0 || sdp.length > MAX_BODY) {
        throw new IllegalArgumentException("sdp must be 1.." + MAX_BODY + " bytes but was " + sdp.length);
      }
      Options.requireUnset("sdp", this.sdp, OWNER);
      Options.requireNotBoth("sdp", sdp, "generatedOffer", hostCandidate, OWNER);
      this.sdp = sdp.clone();
      return this;
    }

    /**
     * The candidates of the generated INVITE offer: a private host and a public srflx (defaults: the
     * local address towards the target, port 50000, and 198.51.100.1:50000).
     */
    public Builder generatedOffer(HostAndPort host, HostAndPort srflx) {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(srflx, "srflx");
      Options.requireUnset("generatedOffer", this.hostCandidate, OWNER);
      Options.requireNotBoth("generatedOffer", host, "sdp", sdp, OWNER);
      if (host.ipAddress().isEmpty() || srflx.ipAddress().isEmpty()) {
        throw new IllegalArgumentException("generated candidates need IP addresses but were " + host + " and " + srflx);
      }
      this.hostCandidate = host;
      this.srflxCandidate = srflx;
      return this;
    }

    /** The local address to send from (default: the one the OS routes towards the target). */
    public Builder localAddress(InetAddress local) {
      Objects.requireNonNull(local, "local");
      Options.requireUnset("localAddress", this.localAddress, OWNER);
      this.localAddress = local;
      return this;
    }

    public SipClient build() {
      if (method != SipMethod.INVITE && sdp != null) {
        throw new IllegalStateException("sdp(...) is for INVITE but method is OPTIONS");
      }
      return new SipClient(this);
    }

    private static Duration checkDuration(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException(name + " must be 1 ms..5 min but was " + d);
      }
      return d;
    }
  }
}
