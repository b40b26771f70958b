package org.xphonediag.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.turn.TurnCheck;
import org.xphonediag.stun.turn.TurnRelay;
import org.xphonediag.stun.turn.TurnRelays;
import org.xphonediag.stun.turn.TurnUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xphone-diag turn URI...}: allocate a TURN relay with long-term credentials and send data
 * through it (RFC 8656, docs/field-guide.md#connection-test). The data of the first URI is at the top of {@code data}
 * ({@code relayedAddress}, {@code mappedAddress} as {@code ip:port}, {@code transport},
 * {@code allocationRttMs}, {@code dataRttMs}, with {@code --channel} {@code channelRttMs}); every URI is
 * in {@code data.relays}. {@code --ipv6} asks for an IPv6 relay.
 */
@Command(name = "turn", mixinStandardHelpOptions = true,
    description = "Allocate a relay on a TURN server (turn:/turns: URI, RFC 7065) with long-term credentials, send "
        + "data through it to an echoing peer, release it, and report addresses and round-trip times.")
final class TurnCommand extends ReportCommand {
  @Parameters(arity = "1..*", paramLabel = "URI",
      description = "TURN server, e.g. turn:turn.example.com, turn:10.0.0.5:3478?transport=tcp, turns:turn.example.com.")
  List<String> uris;

  @Option(names = "--user", required = true, paramLabel = "U", description = "TURN user name.")
  String user;

  @Option(names = "--password-env", required = true, paramLabel = "VAR",
      description = "Environment variable holding the TURN password.")
  String passwordEnv;

  @Option(names = "--peer", paramLabel = "HOST:PORT",
      description = "A UDP peer that echoes what it receives (default: the check's own echo socket).")
  String peer;

  @Option(names = "--trust", paramLabel = "FILE",
      description = "PEM or DER root certificate(s) to trust for turns: instead of the platform trust store.")
  Path trust;

  @Option(names = "--channel",
      description = "Also bind a channel (ChannelBind, RFC 8656 §12) and send ChannelData through it; adds channelRttMs.")
  boolean channel;

  @Option(names = "--ipv6",
      description = "Ask for an IPv6 relayed address (REQUESTED-ADDRESS-FAMILY, RFC 8656 §18.10); --peer must be IPv6.")
  boolean ipv6;

  @Option(names = "--budget", paramLabel = "D", converter = Inputs.DurationConverter.class,
      description = "Budget of the whole check, e.g. 10s (default: 10s).")
  Duration budget = Duration.ofSeconds(10);

  @Override
  protected Report produce(Terminal terminal) throws Exception {
    List<TurnUri> parsed = new ArrayList<>();
    for (String u : uris) {
      try {
        parsed.add(TurnUri.parse(u));
      } catch (IllegalArgumentException e) {
        throw new UsageException("turn: " + e.getMessage(), e);
      }
    }
    Secret password = Secret.fromEnvironment(passwordEnv).orElseThrow(() -> new UsageException(
        "turn: --password-env " + passwordEnv + " must name a set environment variable but it is not set"));
    TurnCheck check;
    try {
      TurnCheck.Builder b = TurnCheck.builder(parsed, user, password).budget(budget).channelBind(channel);
      if (ipv6) {
        b.family(java.net.StandardProtocolFamily.INET6);
      }
      if (peer != null) {
        b.peer(resolvePeer(peer));
      }
      if (trust != null) {
        b.trust(TrustFile.load(trust).trustManager());
      }
      check = b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("turn: " + e.getMessage(), e);
    }
    try (DiagRunner runner = DiagRunner.builder().listener(terminal.progress())
        .defaultBudget(budget.plusSeconds(2)).build()) {
      Report report = runChecks(runner, "turn", List.of(check));
      Optional<TurnRelays> relays = report.outcome(check.id(), TurnRelays.class);
      Report.Builder out = report.toBuilder();
      relays.flatMap(r -> r.relays().stream().findFirst()).ifPresent(first -> first(first, out));
      out.data("relays", relays.map(r -> r.relays().stream().map(TurnRelay::toDetails).toList()).orElse(List.of()));
      relays.ifPresent(r -> out.data("transports", Details.copyOf(r.transports())));
      return out.build();
    }
  }

  /** The first URI's relay at the top of {@code data}, with the keys and values of {@code data.relays}. */
  private static void first(TurnRelay r, Report.Builder out) {
    out.data("uri", r.uri().toString()).data("transport", r.uri().transport().jsonName());
    r.server().ifPresent(s -> out.data("server", HostAndPort.of(s).toString()));
    r.relayedAddress().ifPresent(a -> out.data("relayedAddress", HostAndPort.of(a).toString()));
    r.mappedAddress().ifPresent(a -> out.data("mappedAddress", HostAndPort.of(a).toString()));
    r.lifetime().ifPresent(l -> out.data("lifetimeSeconds", l.toSeconds()));
    r.allocationRtt().ifPresent(d -> out.data("allocationRttMs", TurnRelay.millis(d)));
    r.dataRtt().ifPresent(d -> out.data("dataRttMs", TurnRelay.millis(d)));
    r.channelRtt().ifPresent(d -> out.data("channelRttMs", TurnRelay.millis(d)));
    if (r.allocated()) {
      out.data("released", r.released());
    }
    out.data("works", r.works());
  }

  /** --peer HOST:PORT with a required port; a host name is resolved (first address). */
  private static InetSocketAddress resolvePeer(String text) {
    HostAndPort hp;
    try {
      hp = HostAndPort.parse(text, -1);
    } catch (IllegalArgumentException e) { // AddressFormatException, or no port given
      throw new UsageException("turn: --peer must be HOST:PORT with a port 1..65535 but was '" + text + "'", e);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port());
    } catch (UnknownHostException e) {
      throw new UsageException("turn: cannot resolve --peer host " + hp.host(), e);
    }
  }
}
