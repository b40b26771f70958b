package org.xphonediag.stun.turn.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.core.Secret;
import org.xphonediag.stun.AttributeValue;
import org.xphonediag.stun.RetransmissionPolicy;
import org.xphonediag.stun.StunClass;
import org.xphonediag.stun.StunCredentials;
import org.xphonediag.stun.StunFormatException;
import org.xphonediag.stun.StunMessage;
import org.xphonediag.stun.Verification;
import org.xphonediag.stun.internal.Attributes;
import org.xphonediag.stun.internal.Codec;
import org.xphonediag.stun.internal.MessageWriter;
import org.xphonediag.stun.internal.Requests;

/**
 * The wire side of a TURN session (RFC 8489 §6.2, §9.2; RFC 8656): transactions retransmitted per
 * the policy over UDP and sent once over TCP and TLS, long-term credentials with one retry on 438
 * Stale Nonce, and echo round trips (Send/Data, ChannelData). Every wait ends at its deadline or on
 * cancellation. Not thread-safe; one per session.
 */
final class TurnWire {
  private static final Logger LOG = LoggerFactory.getLogger(TurnWire.class);

  private final TurnConnection connection;
  private final RetransmissionPolicy policy;
  private final BooleanSupplier cancelled;
  private final String where;
  private final String username;
  private StunCredentials credentials;
  private String realm;
  private String nonce;

  TurnWire(TurnConnection connection, RetransmissionPolicy policy, BooleanSupplier cancelled, String where,
      String username) {
    this.connection = connection;
    this.policy = policy;
    this.cancelled = cancelled;
    this.where = where;
    this.username = username;
  }

  /** From now on requests carry USERNAME, REALM, NONCE and MESSAGE-INTEGRITY with this key. */
  void authenticate(String realm, String nonce, Secret password) {
    this.realm = realm;
    this.nonce = nonce;
    this.credentials = StunCredentials.longTerm(username, realm, password);
  }

  boolean reliable() {
    return connection.reliable();
  }

  /** An authenticated transaction with one retry on 438 Stale Nonce (RFC 8489 §9.2.5). */
  Answer authenticated(int method, Consumer<MessageWriter> attrs, long deadline) throws IOException,
      InterruptedException {
    boolean withCredentials = credentials != null;
    Answer a = transact(method, attrs, withCredentials, deadline);
    if (withCredentials && a.message != null && a.message.messageClass() == StunClass.ERROR_RESPONSE
        && a.message.errorCode().orElse(0) == 438) {
      String fresh = text(a.message, Attributes.NONCE);
      if (fresh != null) {
        nonce = fresh;
        a = transact(method, attrs, true, deadline);
      }
    }
    return a;
  }

  Answer transact(int method, Consumer<MessageWriter> attrs, boolean auth, long deadline)
      throws IOException, InterruptedException {
    byte[] txid = Requests.newTransactionId();
    MessageWriter w = new MessageWriter(StunClass.REQUEST, method, txid);
    attrs.accept(w);
    if (auth) {
      w.text(Attributes.USERNAME, username).text(Attributes.REALM, realm).text(Attributes.NONCE, nonce)
          .integrity(credentials);
    }
    byte[] request = w.fingerprint().toBytes();
    long start = System.nanoTime();
    long lastSend = start;
    long giveUp = Long.MAX_VALUE;
    int sent = 0;
    while (true) {
      long now = System.nanoTime();
      if (now - deadline >= 0 || now - giveUp >= 0) {
        return new Answer(null, 0, sent, now - start);
      }
      if (sent == 0 || (!connection.reliable() && sent < policy.maxTransmissions()
          && now - (start + policy.offsetNanos(sent)) >= 0)) {
        connection.send(request);
        lastSend = now;
        sent++;
        if (connection.reliable() || sent == policy.maxTransmissions()) {
          giveUp = connection.reliable() ? Long.MAX_VALUE : start + policy.giveUpNanos();
        }
      }
      long next = Math.min(deadline, giveUp);
      if (!connection.reliable() && sent < policy.maxTransmissions()) {
        next = Math.min(next, start + policy.offsetNanos(sent));
      }
      byte[] in = connection.receive(next, cancelled);
      if (in == null || ChannelData.is(in) || !Arrays.equals(in, 8, 20, txid, 0, 12)) {
        continue;
      }
      StunMessage m = decode(in, auth);
      if (m != null && m.messageClass().isResponse() && m.method() == method) {
        return new Answer(m, System.nanoTime() - lastSend, sent, System.nanoTime() - start);
      }
    }
  }

  /** Decodes; null for malformed messages, a bad FINGERPRINT or a bad MESSAGE-INTEGRITY. */
  StunMessage decode(byte[] in, boolean auth) {
    try {
      StunMessage m = Codec.decode(in, auth ? credentials : null);
      if (m.fingerprint() == Verification.INVALID || m.integrity() == Verification.INVALID) {
        LOG.debug("ignored {} from {}: fingerprint {}, integrity {}", m.methodName(), where, m.fingerprint(),
            m.integrity());
        return null;
      }
      return m;
    } catch (StunFormatException e) {
      LOG.debug("ignored malformed message from {}: {}", where, e.getMessage());
      return null;
    }
  }

  /**
   * Sends {@code out} (again per the policy over UDP) until a message {@code back} accepts arrives
   * or the deadline passes; the RTT is from the last transmission, -1 when nothing came back.
   */
  Echo echo(byte[] out, Predicate<byte[]> back, long deadline) throws IOException,
      InterruptedException {
    long start = System.nanoTime();
    long lastSend = 0;
    int sent = 0;
    while (System.nanoTime() - deadline < 0) {
      long now = System.nanoTime();
      if (sent == 0 || (!connection.reliable() && sent < policy.maxTransmissions()
          && now - (start + policy.offsetNanos(sent)) >= 0)) {
        connection.send(out);
        lastSend = now;
        sent++;
      }
      long next = !connection.reliable() && sent < policy.maxTransmissions()
          ? Math.min(deadline, start + policy.offsetNanos(sent)) : deadline;
      byte[] in = connection.receive(next, cancelled);
      if (in != null && back.test(in)) {
        return new Echo(System.nanoTime() - lastSend, sent, System.nanoTime() - start);
      }
    }
    return new Echo(-1, sent, System.nanoTime() - start);
  }

  /** An echo's end: RTT (-1: none), transmissions, time spent. */
  record Echo(long rttNanos, int sent, long elapsedNanos) {}

  static String text(StunMessage m, int type) {
    return m.value(type, AttributeValue.Text.class).map(AttributeValue.Text::text).orElse(null);
  }

  /** A transaction's end: the response (null at the deadline), its RTT, transmissions and time. */
  record Answer(StunMessage message, long rttNanos, int transmissions, long elapsedNanos) {
    String tries() {
      return String.format(Locale.ROOT, "after %d transmission%s in %d ms", transmissions,
          transmissions == 1 ? "" : "s", elapsedNanos / 1_000_000);
    }
  }
}
