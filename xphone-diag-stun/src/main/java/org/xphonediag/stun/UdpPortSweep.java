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
import org.xphonediag.core.Details;
import org.xphonediag.core.Durations;
import org.xphonediag.core.FindingCatalog;
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
 * UdpPortSweep sweep = UdpPortSweep.builder(InetAddress.getByName("203.0.113.5"), 30000, 33000).build();
 * SweepResult r = sweep.sweep(CheckContext.standalone(sweep.id(), Duration.ofSeconds(10)));
 * }</pre>
 */
public final class UdpPortSweep implements Check {
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

  private UdpPortSweep(Builder b) {
    this.id = b.id;
    this.host = b.host;
    this.from = b.from;
    this.to = b.to;
    this.ice = b.remoteUfrag == null ? null : new Requests.IceParameters(b.remoteUfrag, b.localUfrag,
        StunCredentials.shortTerm(b.remotePassword), (110L << 24) | (65535L << 8) | 255, b.controlling,
        Requests.newTieBreaker());
    this.rate = b.rate;
    this.maxInFlight = b.maxInFlight;
    this.policy = b.policy;
    this.budget = b.budget;
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
  public SweepResult sweep(CheckContext context) throws InterruptedException {
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
    return new SweepResult(IpAddress.of(host).toString(), answered, rejected, silent, unreachable, unprobed, codes,
        badIntegrity, r.packetsSent(), r.ignored(), Duration.ofNanos(r.elapsedNanos()));
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    SweepResult r = sweep(context);
    String h = r.host();
    CheckResult.Builder b = CheckResult.builder(id).title(title())
        .summary(String.format(Locale.ROOT, "%d of %d ports answered, %d rejected, %d silent, %d unreachable%s",
            r.answered().size(), r.total(), r.rejected().size(), r.silent().size(), r.unreachable().size(),
            r.unprobed().isEmpty() ? "" : ", " + r.unprobed().size() + " not probed within the budget"))
        .detail("host", h).detail("ports", r.toDetails()).detail("packetsSent", r.packetsSent())
        .detail("ignored", r.ignored()).detail("elapsedMs", r.elapsed().toMillis());
    if (!r.errorCodes().isEmpty()) {
      List<Details> codes = new ArrayList<>();
      r.errorCodes().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> codes.add(Details.of("port", e.getKey(), "errorCode", e.getValue())));
      b.detail("errorCodes", codes);
      b.finding(FindingCatalog.MEDIA_BINDING_REJECTED.finding(String.format(Locale.ROOT,
          "%d port(s) of %s answered binding requests with an error (e.g. port %d: %d): %s", r.rejected().size(), h,
          r.rejected().get(0), r.errorCodes().get(r.rejected().get(0)), SweepResult.ranges(r.rejected(), 10)))
          .evidence("ports", SweepResult.ranges(r.rejected(), 50)).build());
    }
    if (!r.integrityInvalid().isEmpty()) {
      b.finding(FindingCatalog.STUN_INTEGRITY_INVALID.finding(String.format(Locale.ROOT,
          "%d answer(s) from %s failed MESSAGE-INTEGRITY with the remote ice-pwd: %s", r.integrityInvalid().size(), h,
          SweepResult.ranges(r.integrityInvalid(), 10))).build());
    }
    if (!r.unreachable().isEmpty()) {
      b.finding(FindingCatalog.MEDIA_PORT_UNREACHABLE.finding(String.format(Locale.ROOT,
          "%d port(s) of %s/udp answered with ICMP port unreachable: %s", r.unreachable().size(), h,
          SweepResult.ranges(r.unreachable(), 10))).evidence("ports", SweepResult.ranges(r.unreachable(), 50)).build());
    }
    if (!r.silent().isEmpty()) {
      b.finding(FindingCatalog.MEDIA_PORT_SILENT.finding(String.format(Locale.ROOT,
          "%d port(s) of %s/udp did not answer within %d transmission(s) each: %s; inconclusive: an XCC only "
              + "answers ports of a live call with matching credentials", r.silent().size(), h,
          policy.maxTransmissions(), SweepResult.ranges(r.silent(), 10)))
          .evidence("ports", SweepResult.ranges(r.silent(), 50)).build());
    }
    return b.build();
  }

  /** Configures a {@link UdpPortSweep}; not thread-safe. */
  public static final class Builder {
    private CheckId id = CheckCatalog.STUN_SWEEP;
    private final InetAddress host;
    private final int from;
    private final int to;
    private String remoteUfrag;
    private Secret remotePassword;
    private String localUfrag = "xphonediag";
    private boolean controlling = true;
    private double rate = DEFAULT_RATE;
    private int maxInFlight = 2048;
    private RetransmissionPolicy policy = RetransmissionPolicy.sweepDefault();
    private Duration budget = DEFAULT_BUDGET;

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
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Sends ICE checks (USERNAME remoteUfrag:localUfrag, integrity with the remote password). */
    public Builder ice(String remoteUfrag, Secret remotePassword, String localUfrag) {
      this.remoteUfrag = IceBindingProbe.Builder.requireUfrag(remoteUfrag, "remoteUfrag");
      this.remotePassword = Objects.requireNonNull(remotePassword, "remotePassword");
      this.localUfrag = IceBindingProbe.Builder.requireUfrag(localUfrag, "localUfrag");
      return this;
    }

    /** Sends ICE-CONTROLLED instead of ICE-CONTROLLING. */
    public Builder controlled() {
      this.controlling = false;
      return this;
    }

    /** Caps packets per second (retransmissions included), 1..1,000,000. */
    public Builder rate(int packetsPerSecond) {
      if (packetsPerSecond < 1 || packetsPerSecond > 1_000_000) {
        throw new IllegalArgumentException("rate must be 1..1000000 packets/s but was " + packetsPerSecond);
      }
      this.rate = packetsPerSecond;
      return this;
    }

    /** No packets-per-second cap (benchmarks, loopback). */
    public Builder unpaced() {
      this.rate = Double.POSITIVE_INFINITY;
      return this;
    }

    /** Ports probed at once (one socket each), 1..16384; 2048 by default. */
    public Builder maxInFlight(int ports) {
      if (ports < 1 || ports > 16384) {
        throw new IllegalArgumentException("maxInFlight must be 1..16384 but was " + ports);
      }
      this.maxInFlight = ports;
      return this;
    }

    /** The per-port retransmission schedule. */
    public Builder policy(RetransmissionPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The overall budget, 5 s by default. */
    public Builder budget(Duration budget) {
      this.budget = Durations.requirePositive(budget, "budget");
      return this;
    }

    public UdpPortSweep build() {
      return new UdpPortSweep(this);
    }
  }
}
