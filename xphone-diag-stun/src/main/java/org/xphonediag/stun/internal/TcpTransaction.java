package org.xphonediag.stun.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.xphonediag.stun.StunMessage;

/**
 * One STUN transaction over TCP (RFC 8489 §6.2.2): connect, send once, read one framed response
 * (20-byte header, then the length it announces, at most 65535 bytes) before the deadline. A refused
 * connection is {@link UdpTransaction.Kind#UNREACHABLE}. Not thread-safe; one call per transaction.
 */
public final class TcpTransaction {
  private TcpTransaction() {}

  /** Runs the transaction; the outcome's transmissions are 1 once the request was written. */
  public static UdpTransaction.Outcome run(InetSocketAddress target, byte[] request, byte[] txid, long deadlineNanos,
      BooleanSupplier cancelled) throws IOException, InterruptedException {
    long start = System.nanoTime();
    int sent = 0;
    int strays = 0;
    try (SocketChannel ch = SocketChannel.open(); Selector selector = Selector.open()) {
      ch.configureBlocking(false);
      try {
        if (!ch.connect(target)) {
          ch.register(selector, SelectionKey.OP_CONNECT);
          while (!ch.finishConnect()) {
            if (!waitFor(selector, deadlineNanos, cancelled, target)) {
              return new UdpTransaction.Outcome(UdpTransaction.Kind.TIMEOUT, null, null, 0, 0,
                  System.nanoTime() - start, 0, null);
            }
          }
        }
      } catch (ConnectException e) {
        return new UdpTransaction.Outcome(UdpTransaction.Kind.UNREACHABLE, null, null, 0, 0,
            System.nanoTime() - start, 0, "connection refused");
      }
      ByteBuffer out = ByteBuffer.wrap(request);
      SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);
      long sentAt = System.nanoTime();
      while (out.hasRemaining()) {
        ch.write(out);
        if (out.hasRemaining() && !waitFor(selector, deadlineNanos, cancelled, target)) {
          return new UdpTransaction.Outcome(UdpTransaction.Kind.TIMEOUT, null, null, 0, 0,
              System.nanoTime() - start, 0, null);
        }
      }
      sent = 1;
      key.interestOps(SelectionKey.OP_READ);
      while (true) {
        // a peer that never stops sending strays must not keep the transaction past its deadline
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("STUN transaction to " + target + "/tcp was cancelled");
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
          return new UdpTransaction.Outcome(UdpTransaction.Kind.TIMEOUT, null, null, 0, sent,
              System.nanoTime() - start, strays, null);
        }
        ByteBuffer header = ByteBuffer.allocate(20);
        if (!fill(ch, header, selector, deadlineNanos, cancelled, target)) {
          return new UdpTransaction.Outcome(UdpTransaction.Kind.TIMEOUT, null, null, 0, sent,
              System.nanoTime() - start, strays, null);
        }
        int length = ((header.get(2) & 0xff) << 8) | (header.get(3) & 0xff);
        ByteBuffer body = ByteBuffer.allocate(20 + length);
        body.put(header.array());
        if (!fill(ch, body, selector, deadlineNanos, cancelled, target)) {
          return new UdpTransaction.Outcome(UdpTransaction.Kind.TIMEOUT, null, null, 0, sent,
              System.nanoTime() - start, strays, null);
        }
        long at = System.nanoTime();
        byte[] data = Arrays.copyOf(body.array(), body.position());
        StunMessage m = UdpTransaction.match(data, txid, null);
        if (m == null) {
          strays++;
          continue;
        }
        return new UdpTransaction.Outcome(UdpTransaction.Kind.RESPONSE, m, target, at - sentAt, sent, at - start,
            strays, null);
      }
    }
  }

  /** Reads until {@code buf} is full; false at the deadline (also while data keeps arriving) or end of stream. */
  private static boolean fill(SocketChannel ch, ByteBuffer buf, Selector selector, long deadlineNanos,
      BooleanSupplier cancelled, InetSocketAddress target) throws IOException, InterruptedException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf);
      if (n < 0 || n > 0 && System.nanoTime() - deadlineNanos >= 0) {
        return false;
      }
      if (n == 0 && !waitFor(selector, deadlineNanos, cancelled, target)) {
        return false;
      }
    }
    return true;
  }

  private static boolean waitFor(Selector selector, long deadlineNanos, BooleanSupplier cancelled,
      InetSocketAddress target) throws IOException, InterruptedException {
    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("STUN transaction to " + target + "/tcp was cancelled");
    }
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      return false;
    }
    selector.select(Math.max(1, Math.min(50, left / 1_000_000)));
    selector.selectedKeys().clear();
    return true;
  }
}
