package org.xphonediag.stun.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.stun.RetransmissionPolicy;
import org.xphonediag.stun.StunCredentials;
import org.xphonediag.stun.StunFormatException;
import org.xphonediag.stun.StunMessage;
import org.xphonediag.stun.Verification;

/**
 * One STUN client transaction over UDP (RFC 8489 §6.2.1, §6.3): sends with retransmissions until a
 * matching response, ICMP port unreachable (connected channels), the policy's give-up time or the
 * deadline. Datagrams that are not STUN, not a response, carry another transaction id, fail the
 * FINGERPRINT or come from another address are ignored and counted. Not thread-safe; one call per
 * transaction.
 */
public final class UdpTransaction {
  private static final Logger LOG = LoggerFactory.getLogger(UdpTransaction.class);
  private static final long MAX_SELECT_MS = 50;

  /** How a transaction ended. */
  public enum Kind { RESPONSE, TIMEOUT, UNREACHABLE, NETWORK_ERROR }

  /**
   * The end of a transaction.
   *
   * @param kind how it ended
   * @param response the matching response, for {@link Kind#RESPONSE}
   * @param from where the response came from
   * @param rttNanos from the last transmission before the response to the response
   * @param transmissions how many requests were sent
   * @param elapsedNanos from the first transmission to the end
   * @param strays datagrams ignored (foreign source, other transaction id, not a response, bad fingerprint)
   * @param error the I/O problem, for {@link Kind#NETWORK_ERROR}
   */
  public record Outcome(Kind kind, StunMessage response, InetSocketAddress from, long rttNanos, int transmissions,
      long elapsedNanos, int strays, String error) {}

  private UdpTransaction() {}

  /**
   * Runs a transaction on a non-blocking channel (connected or not).
   *
   * @param acceptAnySource accept a response from any address (RFC 5780 CHANGE-REQUEST answers)
   * @param credentials verifies the response's MESSAGE-INTEGRITY; may be null
   * @param deadlineNanos a {@link System#nanoTime()} value after which the transaction stops
   * @throws InterruptedException when {@code cancelled} turns true or the thread is interrupted
   */
  public static Outcome run(DatagramChannel channel, InetSocketAddress target, byte[] request, byte[] txid,
      RetransmissionPolicy policy, long deadlineNanos, BooleanSupplier cancelled, StunCredentials credentials,
      boolean acceptAnySource) throws IOException, InterruptedException {
    ByteBuffer in = ByteBuffer.allocate(Codec.MAX_MESSAGE);
    int sent = 0;
    int strays = 0;
    long start = System.nanoTime();
    long lastSend = start;
    long giveUp = Long.MAX_VALUE;
    try (Selector selector = Selector.open()) {
      channel.register(selector, SelectionKey.OP_READ);
      while (true) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("STUN transaction to " + target + " was cancelled");
        }
        long now = System.nanoTime();
        if (now - deadlineNanos >= 0 || now - giveUp >= 0) {
          return new Outcome(Kind.TIMEOUT, null, null, 0, sent, now - start, strays, null);
        }
        if (sent < policy.maxTransmissions() && now - (start + policy.offsetNanos(sent)) >= 0) {
          try {
            send(channel, target, request);
          } catch (PortUnreachableException e) {
            return new Outcome(Kind.UNREACHABLE, null, null, 0, sent, now - start, strays, null);
          } catch (IOException e) {
            return new Outcome(Kind.NETWORK_ERROR, null, null, 0, sent, now - start, strays,
                e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
          }
          sent++;
          lastSend = now;
          LOG.debug("STUN request {} to {} (transmission {})", Codec.hex(txid), target, sent);
          if (sent == policy.maxTransmissions()) {
            giveUp = start + policy.giveUpNanos();
          }
          continue;
        }
        long next = sent < policy.maxTransmissions() ? start + policy.offsetNanos(sent) : giveUp;
        long wait = Math.min(next - now, deadlineNanos - now);
        long waitMs = Math.max(1, Math.min(MAX_SELECT_MS, (wait + 999_999) / 1_000_000));
        selector.select(waitMs);
        selector.selectedKeys().clear();
        while (true) {
          in.clear();
          SocketAddress src;
          try {
            src = channel.isConnected() ? (channel.read(in) > 0 ? target : null) : channel.receive(in);
          } catch (PortUnreachableException e) {
            return new Outcome(Kind.UNREACHABLE, null, null, 0, sent, System.nanoTime() - start, strays, null);
          }
          if (src == null) {
            break;
          }
          long at = System.nanoTime();
          byte[] data = Arrays.copyOf(in.array(), in.position());
          StunMessage m = match(data, txid, credentials);
          if (m == null || (!acceptAnySource && !target.equals(src))) {
            strays++;
            LOG.debug("ignored datagram from {} ({} bytes) while waiting for {}", src, data.length, Codec.hex(txid));
            continue;
          }
          return new Outcome(Kind.RESPONSE, m, (InetSocketAddress) src, at - lastSend, sent, at - start, strays, null);
        }
      }
    }
  }

  private static void send(DatagramChannel channel, InetSocketAddress target, byte[] request) throws IOException {
    if (channel.isConnected()) {
      channel.write(ByteBuffer.wrap(request));
    } else {
      channel.send(ByteBuffer.wrap(request), target);
    }
  }

  /** The decoded response when {@code data} answers {@code txid}; null for anything else. */
  static StunMessage match(byte[] data, byte[] txid, StunCredentials credentials) {
    if (!Codec.looksLikeStun(data, data.length) || !Arrays.equals(data, 8, 20, txid, 0, 12)) {
      return null;
    }
    try {
      StunMessage m = Codec.decode(data, credentials);
      if (!m.messageClass().isResponse() || m.fingerprint() == Verification.INVALID) {
        return null;
      }
      return m;
    } catch (StunFormatException e) {
      LOG.debug("ignored malformed response: {}", e.getMessage());
      return null;
    }
  }
}
