package org.xphonediag.stun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Durations;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Options;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.stun.internal.Requests;
import org.xphonediag.stun.internal.SweepEngine;

/**
 * Sends Binding requests (classic, or ICE checks with credentials) to every port of a UDP range on
 * one host (docs/field-guide.md#media: the XCC's media ports 30000-33000), concurrently, paced to a packets-per-second
 * cap (2000 by default), with per-port retransmissions ({@link RetransmissionPolicy#sweepDefault()})
 * and one overall budget (5 s by default): the sweep takes about one probe budget, not ports x
 * budget. Progress goes to {@link CheckContext#progress}; cancellation stops it. Multicast,
 * broadcast and unspecified targets and port 0 are refused. Immutable and thread-safe.
 *
 * <pre>{@code
 * UdpPortSweepCheck check = UdpPortSweepCheck.builder(InetAddress.getByName("203.0.113.5"), 30000, 33000).build();
 * CheckResult r = check.run(CheckContext.standalone(check.id(), Duration.ofSeconds(10)));
 * PortSweep ports = r.outcome(PortSweep.class).orElseThrow();
 * }</pre>
 */
public final class UdpPortSweepCheck implements Check {
  /** The default packets-per-second cap. */
  public static final int DEFAULT_RATE = 2000;
  /** The default overall budget. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);

  private final CheckId id;
  private final InetAddress host;
  private final int from;
  private final int to;
  private final Requests.IceParameters ice;
  private final double rate;
  private final int maxInFlight;
  private final RetransmissionPolicy policy;
  private final Duration budget;

  private UdpPortSweepCheck(Builder b) {
    this.id = b.id == null ? CheckCatalog.STUN_SWEEP : b.id;
    this.host = b.host;
    this.from = b.from;
    this.to = b.to;
    this.ice = b.remoteUfrag == null ? null : new Requests.IceParameters(b.remoteUfrag, b.localUfrag,
        StunCredentials.shortTerm(b.remotePassword), (110L << 24) | (65535L << 8) | 255, b.controlled == null,
        Requests.newTieBreaker());
    this.rate = b.unpaced != null ? Double.POSITIVE_INFINITY : b.rate == null ? DEFAULT_RATE : b.rate;
    this.maxInFlight = b.maxInFlight == null ? 2048 : b.maxInFlight;
    this.policy = b.policy == null ? RetransmissionPolicy.sweepDefault() : b.policy;
    this.budget = b.budget == null ? DEFAULT_BUDGET : b.budget;
  }

  /** A sweep of {@code host}, ports {@code from..to} (1..65535). */
  public static Builder builder(InetAddress host, int from, int to) {
    return new Builder(host, from, to);
  }

  @Override
  public CheckId id() {
    return id;
  }

  @Override
  public String title() {
    return String.format(Locale.ROOT, "UDP sweep of %s ports %d-%d", IpAddress.of(host), from, to);
  }

  @Override
  public Optional<Duration> budget() {
    return Optional.of(budget.plus(Budgets.GRACE)); // the network budget plus time to build the result
  }

  /** Runs the sweep within the budget and the context's remaining time. */
  public PortSweep sweep(CheckContext context) throws InterruptedException {
    Duration left = Budgets.network(context, budget);
    long deadline = System.nanoTime() + left.toNanos();
    Function<byte[], byte[]> requests = ice == null ? Requests::classic : txid -> Requests.ice(txid, ice);
    SweepEngine engine = new SweepEngine(host, from, to, requests, ice == null ? null : ice.credentials(), policy,
        rate, maxInFlight);
    SweepEngine.Result r;
    try {
      r = engine.run(deadline, context::isCancelled, context::progress);
    } catch (IOException e) {
      throw new UncheckedIOException("UDP sweep of " + IpAddress.of(host) + " could not open sockets", e);
    }
    List<Integer> answered = new ArrayList<>();
    List<Integer> rejected = new ArrayList<>();
    List<Integer> silent = new ArrayList<>();
    List<Integer> unreachable = new ArrayList<>();
    List<Integer> unprobed = new ArrayList<>();
    List<Integer> badIntegrity = new ArrayList<>();
    Map<Integer, Integer> codes = new LinkedHashMap<>();
    byte[] states = r.states();
    for (int i = 0; i < states.length; i++) {
      int port = from + i;
      switch (states[i]) {
        case SweepEngine.ANSWERED:
          answered.add(port);
          if (ice != null && r.integrity()[i] != Verification.VALID) {
            badIntegrity.add(port);
          }
          break;
        case SweepEngine.REJECTED:
          rejected.add(port);
          codes.put(port, r.errorCodes()[i]);
          break;
        case SweepEngine.UNREACHABLE:
          unreachable.add(port);
          break;
        case SweepEngine.SILENT:
          silent.add(port);
          break;
        default:
          unprobed.add(port);
      }
    }
    return new PortSweep(IpAddress.of(host).toString(), answered, rejected, silent, unreachable, unprobed, codes,
        badIntegrity, r.packetsSent(), r.ignored(), Duration.ofNanos(r.elapsedNanos()));
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    PortSweep r = sweep(context);
    String h = r.host();
    CheckResult.Builder b = CheckResult.builder(id).title(title())
        .summary(String.format(Locale.ROOT, "%d of %d ports answered, %d rejected, %d silent, %d unreachable%s",
            r.answered().size(), r.total(), r.rejected().size(), r.silent().size(), r.unreachable().size(),
            r.unprobed().isEmpty() ? "" : ", " + r.unprobed().size() + " not probed within the budget"))
        .outcome(r);
    if (!r.errorCodes().isEmpty()) {
      b.finding(FindingCatalog.MEDIA_BINDING_REJECTED.finding(String.format(Locale.ROOT,
          "%d port(s) of %s answered binding requests with an error (e.g. port %d: %d): %s", r.rejected().size(), h,
          r.rejected().get(0), r.errorCodes().get(r.rejected().get(0)), PortSweep.ranges(r.rejected(), 10)))
          .evidence("ports", PortSweep.ranges(r.rejected(), 50)).build());
    }
    if (!r.integrityInvalid().isEmpty()) {
      b.finding(FindingCatalog.STUN_INTEGRITY_INVALID.finding(String.format(Locale.ROOT,
          "%d answer(s) from %s failed MESSAGE-INTEGRITY with the remote ice-pwd: %s", r.integrityInvalid().size(), h,
          PortSweep.ranges(r.integrityInvalid(), 10))).build());
    }
    if (!r.unreachable().isEmpty()) {
      b.finding(FindingCatalog.MEDIA_PORT_UNREACHABLE.finding(String.format(Locale.ROOT,
          "%d port(s) of %s/udp answered with ICMP port unreachable: %s", r.unreachable().size(), h,
          PortSweep.ranges(r.unreachable(), 10))).evidence("ports", PortSweep.ranges(r.unreachable(), 50)).build());
    }
    if (!r.silent().isEmpty()) {
      b.finding(FindingCatalog.MEDIA_PORT_SILENT.finding(String.format(Locale.ROOT,
          "%d port(s) of %s/udp did not answer within %d transmission(s) each: %s; inconclusive: an XCC only "
              + "answers ports of a live call with matching credentials", r.silent().size(), h,
          policy.maxTransmissions(), PortSweep.ranges(r.silent(), 10)))
          .evidence("ports", PortSweep.ranges(r.silent(), 50)).build());
    }
    return b.build();
  }

  /** Configures a {@link UdpPortSweepCheck}; each option may be set once. Not thread-safe. */
  public static final class Builder {
    private static final String OWNER = "UdpPortSweepCheck";
    private CheckId id;
    private final InetAddress host;
    private final int from;
    private final int to;
    private String remoteUfrag;
    private Secret remotePassword;
    private String localUfrag;
    private Boolean controlled;
    private Integer rate;
    private Boolean unpaced;
    private Integer maxInFlight;
    private RetransmissionPolicy policy;
    private Duration budget;

    private Builder(InetAddress host, int from, int to) {
      this.host = Objects.requireNonNull(host, "host");
      if (host.isMulticastAddress() || host.isAnyLocalAddress()
          || (host instanceof Inet4Address && IpAddress.of(host).toString().equals("255.255.255.255"))) {
        throw new IllegalArgumentException("sweep target must be a unicast address but was "
            + IpAddress.of(host) + " (" + IpAddress.of(host).addressClass() + ")");
      }
      if (from < 1 || to > 65535 || from > to) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "port range must be within 1..65535 with from <= to but was %d-%d", from, to));
      }
      this.from = from;
      this.to = to;
    }

    public Builder id(CheckId id) {
      Objects.requireNonNull(id, "id");
      Options.requireUnset("id", this.id, OWNER);
      this.id = id;
      return this;
    }

    /** Sends ICE checks (USERNAME remoteUfrag:localUfrag, integrity with the remote password). */
    public Builder ice(String remoteUfrag, Secret remotePassword, String localUfrag) {
      IceBindingCheck.Builder.requireUfrag(remoteUfrag, "remoteUfrag");
      Objects.requireNonNull(remotePassword, "remotePassword");
      IceBindingCheck.Builder.requireUfrag(localUfrag, "localUfrag");
      Options.requireUnset("ice", this.remoteUfrag, OWNER);
      this.remoteUfrag = remoteUfrag;
      this.remotePassword = remotePassword;
      this.localUfrag = localUfrag;
      return this;
    }

    /** Sends ICE-CONTROLLED instead of ICE-CONTROLLING. */
    public Builder controlled() {
      Options.requireUnset("controlled", this.controlled, OWNER);
      this.controlled = true;
      return this;
    }

    /** Caps packets per second (retransmissions included), 1..1,000,000. */
    public Builder rate(int packetsPerSecond) {
      if (packetsPerSecond < 1 || packetsPerSecond > 1_000_000) {
        throw new IllegalArgumentException("rate must be 1..1000000 packets/s but was " + packetsPerSecond);
      }
      Options.requireUnset("rate", this.rate, OWNER);
      Options.requireNotBoth("rate", packetsPerSecond, "unpaced", unpaced, OWNER);
      this.rate = packetsPerSecond;
      return this;
    }

    /** No packets-per-second cap (benchmarks, loopback). */
    public Builder unpaced() {
      Options.requireUnset("unpaced", this.unpaced, OWNER);
      Options.requireNotBoth("unpaced", true, "rate", rate, OWNER);
      this.unpaced = true;
      return this;
    }

    /** Ports probed at once (one socket each), 1..16384; 2048 by default. */
    public Builder maxInFlight(int ports) {
      if (ports < 1 || ports > 16384) {
        throw new IllegalArgumentException("maxInFlight must be 1..16384 but was " + ports);
      }
      Options.requireUnset("maxInFlight", this.maxInFlight, OWNER);
      this.maxInFlight = ports;
      return this;
    }

    /** The per-port retransmission schedule. */
    public Builder policy(RetransmissionPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      Options.requireUnset("policy", this.policy, OWNER);
      this.policy = policy;
      return this;
    }

    /** The overall budget, 5 s by default. */
    public Builder budget(Duration budget) {
      Durations.requirePositive(budget, "budget");
      Options.requireUnset("budget", this.budget, OWNER);
      this.budget = budget;
      return this;
    }

    public UdpPortSweepCheck build() {
      return new UdpPortSweepCheck(this);
    }
  }
}
