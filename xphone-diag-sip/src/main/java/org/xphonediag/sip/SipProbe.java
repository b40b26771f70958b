package org.xphonediag.sip;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.sip.internal.OfferGenerator;
import org.xphonediag.sip.internal.ProbeClient;

/**
 * Sends one SIP OPTIONS or INVITE to a {@code sip:} URI over UDP or TCP and reports the answer
 * (docs/field-guide.md#xcc-acls, #failure-patterns: 403 means the source address is denied by the
 * XCC's ACL, 488 the offered candidates). Immutable and thread-safe; each {@link #run()} works on
 * the calling thread with a socket of its own, closed before it returns, and shares nothing with
 * other runs, so any number of probes may run at once, each to its own deadline. Over UDP the
 * socket is connected: a port that answers with ICMP port unreachable ends the probe at once as a
 * transport error ({@code network.port-closed}), as TCP's connection refused does.
 *
 * <p>Defaults: a 5 s deadline (not the 32 s of RFC 3261 Timer F; over UDP the request is resent on
 * RFC 3261's schedule until then), the URI's transport or UDP,
 * for INVITE a generated SDP offering a private host and a public srflx candidate. An INVITE
 * probe never leaves a call behind: it sends CANCEL after a provisional answer when the deadline
 * passes, ACKs every non-2xx final answer, and ACKs a 2xx and ends its call with BYE; this
 * clean-up has its own grace period (default 2 s) after the deadline. A request that got no
 * answer at all by its deadline is not cancelled (RFC 3261 §9.1: CANCEL only after a provisional
 * answer); when the probe is interrupted or cancelled before any answer, it waits up to the grace
 * period for the first one and then cancels or ends the call. Every message goes to the target's
 * address, also the ACK and BYE of a call whose answer names another Contact.
 *
 * <pre>{@code
 * SipProbeResult r = SipProbe.builder(SipUri.parse("sip:10.0.0.5:5060"))
 *     .method(SipMethod.INVITE).timeout(Duration.ofSeconds(3)).build().run();
 * r.statusCode();                               // e.g. 403
 * r.toResult(CheckCatalog.SIP_PROBE);          // sip.forbidden
 * }</pre>
 */
public final class SipProbe {
  /** The default deadline for an answer. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** The default grace for CANCEL/ACK/BYE after the deadline. */
  public static final Duration DEFAULT_CLEANUP_GRACE = Duration.ofSeconds(2);
  private static final int MAX_BODY = 64 * 1024;

  private final SipUri target;
  private final SipMethod method;
  private final SipTransport transport;
  private final Duration timeout;
  private final Duration cleanupGrace;
  private final byte[] sdp;
  private final HostAndPort hostCandidate;
  private final HostAndPort srflxCandidate;
  private final InetAddress localAddress;

  private SipProbe(Builder b) {
    this.target = b.target;
    this.method = b.method;
    this.transport = b.transport != null ? b.transport : b.target.transport().orElse(SipTransport.UDP);
    this.timeout = b.timeout;
    this.cleanupGrace = b.cleanupGrace;
    this.sdp = b.sdp;
    this.hostCandidate = b.hostCandidate;
    this.srflxCandidate = b.srflxCandidate;
    this.localAddress = b.localAddress;
  }

  /** A builder for a probe of {@code target}. */
  public static Builder builder(SipUri target) {
    return new Builder(target);
  }

  public SipUri target() {
    return target;
  }

  public SipMethod method() {
    return method;
  }

  public SipTransport transport() {
    return transport;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The clean-up grace after the deadline; a probe takes at most {@code timeout + cleanupGrace}. */
  public Duration cleanupGrace() {
    return cleanupGrace;
  }

  /**
   * Sends the request and waits at most {@link #timeout()} for a final answer.
   *
   * @throws InterruptedException when interrupted; the stack is stopped and a started INVITE cancelled first
   */
  public SipProbeResult run() throws InterruptedException {
    return run(timeout, () -> false);
  }

  /**
   * Like {@link #run()}, with a deadline of at most {@code budget} and a cancellation flag that is
   * polled while waiting (used by {@link SipProbeCheck}).
   */
  public SipProbeResult run(Duration budget, BooleanSupplier cancelled) throws InterruptedException {
    Duration effective = budget.compareTo(timeout) < 0 ? budget : timeout;
    IpAddress ip = target.target().ipAddress().orElseThrow(() -> new IllegalStateException(
        "the SIP probe needs an IP address in the URI but the host was '" + target.target().host() + "'"));
    byte[] body = null;
    if (method == SipMethod.INVITE) {
      if (sdp != null) {
        body = sdp.clone();
      } else {
        InetAddress local = localAddress != null ? localAddress : ProbeClient.localAddressTowards(ip.toInetAddress());
        HostAndPort host = hostCandidate != null ? hostCandidate : new HostAndPort(IpAddress.of(local).toString(), 50000);
        HostAndPort srflx = srflxCandidate != null ? srflxCandidate : new HostAndPort("198.51.100.1", 50000);
        body = OfferGenerator.offer(host, srflx).getBytes(StandardCharsets.US_ASCII);
      }
    }
    ProbeClient.Spec spec = new ProbeClient.Spec(ip.toInetAddress(), target.target().port(),
        target.user().orElse(null), transport, method, body, effective, cleanupGrace, localAddress, cancelled);
    ProbeClient.Raw raw = ProbeClient.run(spec);
    return new SipProbeResult(method, target, transport, raw.outcome(), raw.statusCode(), raw.reason(),
        raw.provisional(), raw.elapsed(), effective, raw.cleanup(), raw.error());
  }

  @Override
  public String toString() {
    return "SipProbe[" + method + " " + target + " over " + transport.jsonName() + ", timeout " + timeout + "]";
  }

  /** Builds a {@link SipProbe}; not thread-safe. */
  public static final class Builder {
    private final SipUri target;
    private SipMethod method = SipMethod.OPTIONS;
    private SipTransport transport;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration cleanupGrace = DEFAULT_CLEANUP_GRACE;
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
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /** Overrides the URI's transport parameter (default: the URI's, else UDP). */
    public Builder transport(SipTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** The deadline for a final answer, 1 ms to 5 min (default 5 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = checkDuration(timeout, "timeout");
      return this;
    }

    /** The grace for CANCEL, ACK and BYE after the deadline (default 2 s). */
    public Builder cleanupGrace(Duration grace) {
      this.cleanupGrace = checkDuration(grace, "cleanupGrace");
      return this;
    }

    /** The SDP an INVITE carries, sent byte for byte (at most 64 KiB); conflicts with {@link #generatedOffer}. */
    public Builder sdp(byte[] sdp) {
      Objects.requireNonNull(sdp, "sdp");
      if (sdp.length == 0 || sdp.length > MAX_BODY) {
        throw new IllegalArgumentException("sdp must be 1.." + MAX_BODY + " bytes but was " + sdp.length);
      }
      if (hostCandidate != null) {
        throw new IllegalStateException("sdp(...) conflicts with generatedOffer(...): give one of them");
      }
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
      if (sdp != null) {
        throw new IllegalStateException("generatedOffer(...) conflicts with sdp(...): give one of them");
      }
      if (host.ipAddress().isEmpty() || srflx.ipAddress().isEmpty()) {
        throw new IllegalArgumentException("generated candidates need IP addresses but were " + host + " and " + srflx);
      }
      this.hostCandidate = host;
      this.srflxCandidate = srflx;
      return this;
    }

    /** The local address to send from (default: the one the OS routes towards the target). */
    public Builder localAddress(InetAddress local) {
      this.localAddress = Objects.requireNonNull(local, "local");
      return this;
    }

    public SipProbe build() {
      if (method == SipMethod.OPTIONS && sdp != null) {
        throw new IllegalStateException("sdp(...) is for INVITE but method is OPTIONS");
      }
      return new SipProbe(this);
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
