package org.xphonediag.stun.turn.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check's own peer behind the relay (RFC 8656 §2): a UDP socket that echoes every datagram
 * (at most 1500 bytes) to its sender, on a daemon thread until closed. Counts what it received so
 * that a failed round trip can say which direction broke. Thread-safe.
 */
public final class EchoPeer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(EchoPeer.class);
  private final DatagramSocket socket;
  private final AtomicInteger received = new AtomicInteger();
  private final Thread thread;

  /** Binds to {@code address} on a free port and starts echoing. */
  public EchoPeer(InetAddress address) throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(address, 0));
    thread = new Thread(this::loop, "turn-echo-peer");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    byte[] buf = new byte[1500];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
        received.incrementAndGet();
        socket.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
      } catch (IOException e) {
        if (!socket.isClosed()) {
          LOG.debug("echo peer: {}", e.toString());
        }
      }
    }
  }

  /** Sends one datagram from the peer's socket (opens a NAT binding towards the relay). */
  public void punch(InetSocketAddress to) {
    try {
      socket.send(new DatagramPacket(new byte[] {0}, 1, to));
    } catch (IOException e) {
      LOG.debug("echo peer punch to {}: {}", to, e.toString());
    }
  }

  /** The bound port. */
  public int port() {
    return socket.getLocalPort();
  }

  /** Datagrams received so far. */
  public int received() {
    return received.get();
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
