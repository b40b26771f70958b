package org.xphonediag.trace.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.Transport;
import org.xphonediag.stun.AttributeValue;
import org.xphonediag.stun.StunClass;
import org.xphonediag.stun.StunDecoder;
import org.xphonediag.stun.StunFormatException;
import org.xphonediag.stun.StunMessage;
import org.xphonediag.trace.BindingDirection;
import org.xphonediag.trace.BindingPair;
import org.xphonediag.trace.StunPacket;

/**
 * STUN binding transactions of a capture (RFC 8445 §7.2, docs/field-guide.md#media, #reading-a-trace): every STUN packet decoded
 * with the stun module, requests matched with success and error responses by transaction id, and
 * requests mapped to a call and a direction through the USERNAME ufrags ({@code receiver:sender})
 * or, without a match, through the offered candidate addresses; UDP and TCP (ICE-TCP, RFC 6544)
 * bindings alike, each pair recording its transport. Requests without USERNAME that no
 * candidate names are classic STUN (a STUN server query), counted but not paired. Bounded by the
 * STUN messages the analyser keeps. Not thread-safe; one instance per analysis.
 */
final class Bindings {
  /** USERNAME (RFC 8489 §14.3). */
  static final int USERNAME = 0x0006;
  /** Evidence frames kept per pair. */
  static final int MAX_FRAMES = 10;

  /** The requests from one source to one destination in one call, and their answers. */
  static final class Pair {
    final int call;
    final HostAndPort source;
    final HostAndPort destination;
    final BindingDirection direction;
    final String username;
    final Transport transport;
    int requests;
    int successes;
    int errors;
    long firstRequestFrame = -1;
    long firstRequestNanos;
    long firstSuccessFrame = -1;
    long firstSuccessNanos;
    final List<Long> requestFrames = new ArrayList<>();
    final List<Long> responseFrames = new ArrayList<>();
    final List<Integer> errorCodes = new ArrayList<>();
    /** Successes answered from another IP than the request went to: {@code frame} -> responder. */
    final Map<Long, HostAndPort> unexpectedResponders = new LinkedHashMap<>();

    Pair(int call, HostAndPort source, HostAndPort destination, BindingDirection direction, String username,
        Transport transport) {
      this.transport = transport;
      this.call = call;
      this.source = source;
      this.destination = destination;
      this.direction = direction;
      this.username = username;
    }

    /** Milliseconds from the first request to the first success, or -1. */
    double firstSuccessMs() {
      return firstSuccessFrame < 0 ? -1 : (firstSuccessNanos - firstRequestNanos) / 1_000_000.0;
    }

    /** The pair as a value. */
    BindingPair toBindingPair() {
      return new BindingPair(source, destination, direction, transport, username, requests, successes, errors,
          errorCodes, firstRequestFrame, firstSuccessFrame >= 0 ? OptionalLong.of(firstSuccessFrame) : OptionalLong.empty(),
          firstSuccessFrame >= 0 ? OptionalDouble.of(Math.round(firstSuccessMs() * 1000) / 1000.0) : OptionalDouble.empty(),
          requestFrames, responseFrames);
    }
  }

  private record Pending(Pair pair, HostAndPort destination) {}

  private final Map<String, List<CallSdp>> xccUfrags = new HashMap<>();
  private final Map<String, List<CallSdp>> clientUfrags = new HashMap<>();
  private final Map<String, CallSdp> xccEndpoints = new HashMap<>();
  private final Map<String, CallSdp> clientEndpoints = new HashMap<>();
  private final Map<String, Pair> pairs = new LinkedHashMap<>();
  private final Map<String, Pending> byTransaction = new HashMap<>();
  private int undecodable;
  private int classic;
  private int unmatchedResponses;

  Bindings(List<CallSdp> calls) {
    for (CallSdp c : calls) {
      c.xcc().flatMap(CallSdp.Side::ufrag).ifPresent(u -> xccUfrags.computeIfAbsent(u, k -> new ArrayList<>()).add(c));
      c.client().flatMap(CallSdp.Side::ufrag).ifPresent(u -> clientUfrags.computeIfAbsent(u, k -> new ArrayList<>())
          .add(c));
      c.xcc().ifPresent(s -> s.endpoints().forEach(e -> xccEndpoints.putIfAbsent(e, c)));
      c.client().ifPresent(s -> s.endpoints().forEach(e -> clientEndpoints.putIfAbsent(e, c)));
    }
  }

  /**
   * The call whose side named {@code receiver} as its ufrag and whose other side's ufrag is {@code
   * sender} (or unknown: no SDP for that side).
   */
  private static Optional<CallSdp> byUfrag(Map<String, List<CallSdp>> index, String receiver, String sender,
      java.util.function.Function<CallSdp, Optional<CallSdp.Side>> other) {
    List<CallSdp> named = index.getOrDefault(receiver, List.of());
    Optional<CallSdp> exact = named.stream().filter(c -> other.apply(c).flatMap(CallSdp.Side::ufrag)
        .map(sender::equals).orElse(false)).findFirst();
    return exact.isPresent() ? exact : named.stream().filter(c -> other.apply(c).flatMap(CallSdp.Side::ufrag)
        .isEmpty()).findFirst();
  }

  /** Reads all packets. */
  Bindings addAll(List<StunPacket> packets) {
    for (StunPacket p : packets) {
      add(p);
    }
    return this;
  }

  void add(StunPacket p) {
    StunMessage m;
    try {
      m = StunDecoder.decode(p.bytes());
    } catch (StunFormatException e) {
      undecodable++;
      return;
    }
    if (m.method() != StunMessage.BINDING) {
      return;
    }
    if (m.messageClass() == StunClass.REQUEST) {
      request(p, m);
    } else if (m.messageClass().isResponse()) {
      response(p, m);
    }
  }

  private void request(StunPacket p, StunMessage m) {
    String user = m.value(USERNAME, AttributeValue.Text.class).map(AttributeValue.Text::text).orElse("");
    int call = 0;
    BindingDirection dir = BindingDirection.UNKNOWN;
    int colon = user.indexOf(':');
    if (colon > 0) {
      String receiver = user.substring(0, colon);
      String sender = user.substring(colon + 1);
      Optional<CallSdp> c = byUfrag(xccUfrags, receiver, sender, CallSdp::client);
      if (c.isPresent()) {
        call = c.get().call();
        dir = BindingDirection.CLIENT_TO_XCC;
      } else if ((c = byUfrag(clientUfrags, receiver, sender, CallSdp::xcc)).isPresent()) {
        call = c.get().call();
        dir = BindingDirection.XCC_TO_CLIENT;
      }
    }
    if (call == 0) {
      String src = CallSdp.endpoint(p.source());
      String dst = CallSdp.endpoint(p.destination());
      CallSdp toXcc = xccEndpoints.getOrDefault(dst, clientEndpoints.get(src));
      CallSdp toClient = clientEndpoints.getOrDefault(dst, xccEndpoints.get(src));
      if (toXcc != null && toClient == null) {
        call = toXcc.call();
        dir = BindingDirection.CLIENT_TO_XCC;
      } else if (toClient != null && toXcc == null) {
        call = toClient.call();
        dir = BindingDirection.XCC_TO_CLIENT;
      }
    }
    if (call == 0 && colon <= 0) {
      classic++;
      return;
    }
    int fc = call;
    BindingDirection fd = dir;
    Pair pair = pairs.computeIfAbsent(fc + " " + p.transport() + " " + p.source() + " " + p.destination(),
        k -> new Pair(fc, p.source(), p.destination(), fd, user, p.transport()));
    pair.requests++;
    if (pair.firstRequestFrame < 0) {
      pair.firstRequestFrame = p.frame();
      pair.firstRequestNanos = p.epochNanos();
    }
    if (pair.requestFrames.size() < MAX_FRAMES) {
      pair.requestFrames.add(p.frame());
    }
    byTransaction.put(p.transactionId(), new Pending(pair, p.destination()));
  }

  private void response(StunPacket p, StunMessage m) {
    Pending pending = byTransaction.get(p.transactionId());
    if (pending == null) {
      unmatchedResponses++;
      return;
    }
    Pair pair = pending.pair();
    if (pair.responseFrames.size() < MAX_FRAMES) {
      pair.responseFrames.add(p.frame());
    }
    if (m.messageClass() == StunClass.ERROR_RESPONSE) {
      pair.errors++;
      m.errorCode().filter(c -> !pair.errorCodes.contains(c)).ifPresent(pair.errorCodes::add);
      return;
    }
    pair.successes++;
    if (pair.firstSuccessFrame < 0) {
      pair.firstSuccessFrame = p.frame();
      pair.firstSuccessNanos = p.epochNanos();
    }
    boolean sameIp = p.source().ipAddress().flatMap(a -> pending.destination().ipAddress()
        .map(b -> a.unmapped().equals(b.unmapped()))).orElse(p.source().host().equals(pending.destination().host()));
    if (!sameIp && pair.unexpectedResponders.size() < MAX_FRAMES) {
      pair.unexpectedResponders.put(p.frame(), p.source());
    }
  }

  /** The pairs in order of their first request. */
  List<Pair> pairs() {
    return List.copyOf(pairs.values());
  }

  /** The pairs of one call (0 = requests no call's ufrags or candidates name). */
  List<Pair> pairs(int call) {
    return pairs.values().stream().filter(p -> p.call == call).toList();
  }

  int undecodable() {
    return undecodable;
  }

  int classic() {
    return classic;
  }

  int unmatchedResponses() {
    return unmatchedResponses;
  }
}
