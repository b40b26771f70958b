package org.xphonediag.testkit.hostile;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A loopback UDP peer that answers each datagram with scripted replies: garbage, a datagram
 * larger than any STUN message, a right answer with the wrong transaction id, a right answer sent
 * from another port (the wrong source address), a half SIP status line. The replies go to the
 * request's source, from the peer's main socket or from its second socket ({@link
 * Reply#fromOtherPort}). Requests are counted and the first 64 are kept.
 *
 * <p>One daemon receive thread named {@code xphone-diag-hostile-udp-PORT}; {@link #close()} closes
 * both sockets and joins it. A responder that throws ends nothing: that request gets no reply.
 *
 * <pre>{@code
 * try (HostileUdpPeer peer = HostileUdpPeer.start((request, from) ->
 *     List.of(HostileUdpPeer.Reply.of(new byte[65507])))) {
 *   // probe peer.address(): the oversized answer must be ignored or rejected, not trusted
 * }
 * }</pre>
 */
public final class HostileUdpPeer implements AutoCloseable {
  /** The largest UDP payload over IPv4 (65535 minus IP and UDP headers). */
  public static final int MAX_IPV4_PAYLOAD = 65507;
  private static final int KEPT = 64;

  private final DatagramSocket socket;
  private final DatagramSocket other;
  private final Responder responder;
  private final Thread receiver;
  private final List<byte[]> requests = new ArrayList<>();
  private int requestCount;

  private HostileUdpPeer(InetAddress address, Responder responder) throws IOException {
    this.responder = Objects.requireNonNull(responder, "responder");
    this.socket = new DatagramSocket(new InetSocketAddress(address, 0));
    this.other = new DatagramSocket(new InetSocketAddress(address, 0));
    socket.setSendBufferSize(256 * 1024);
    other.setSendBufferSize(256 * 1024);
    this.receiver = new Thread(this::receiveLoop, "xphone-diag-hostile-udp-" + socket.getLocalPort());
    receiver.setDaemon(true);
    receiver.start();
  }

  /** Starts a peer on a free port of the IPv4 loopback address. */
  public static HostileUdpPeer start(Responder responder) throws IOException {
    return new HostileUdpPeer(InetAddress.getLoopbackAddress(), responder);
  }

  /** Starts a peer on a free port of {@code address}. */
  public static HostileUdpPeer start(InetAddress address, Responder responder) throws IOException {
    return new HostileUdpPeer(Objects.requireNonNull(address, "address"), responder);
  }

  /** Where clients send to. */
  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** The port of the second socket, which sends the {@link Reply#fromOtherPort} replies. */
  public InetSocketAddress otherAddress() {
    return (InetSocketAddress) other.getLocalSocketAddress();
  }

  /** How many datagrams arrived. */
  public synchronized int requestCount() {
    return requestCount;
  }

  /** The first 64 datagrams that arrived. */
  public synchronized List<byte[]> requests() {
    return requests.stream().map(byte[]::clone).toList();
  }

  /** Waits until at least {@code n} datagrams arrived; false after {@code timeout}. */
  public synchronized boolean awaitRequests(int n, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (requestCount < n) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private void receiveLoop() {
    byte[] buf = new byte[65536];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      byte[] data = Arrays.copyOf(p.getData(), p.getLength());
      InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
      synchronized (this) {
        requestCount++;
        if (requests.size() < KEPT) {
          requests.add(data);
        }
        notifyAll();
      }
      List<Reply> replies;
      try {
        replies = responder.answer(data.clone(), from);
      } catch (RuntimeException e) {
        continue;
      }
      for (Reply r : replies) {
        try {
          (r.fromOtherPort() ? other : socket).send(new DatagramPacket(r.data(), r.data().length, from));
        } catch (IOException e) {
          // the client's port may be gone already; the next request gets its replies
        }
      }
    }
  }

  /** Closes both sockets and joins the receive thread; idempotent. */
  @Override
  public void close() throws InterruptedException {
    socket.close();
    other.close();
    receiver.join(2000);
  }

  /** Picks the replies to one datagram. */
  @FunctionalInterface
  public interface Responder {
    /** The replies to {@code request} from {@code from}, sent in order; empty for silence. */
    List<Reply> answer(byte[] request, InetSocketAddress from);
  }

  /**
   * One reply datagram.
   *
   * @param data the payload (at most {@link #MAX_IPV4_PAYLOAD} bytes over IPv4)
   * @param fromOtherPort send it from the peer's second socket, so it comes from the wrong source
   */
  public record Reply(byte[] data, boolean fromOtherPort) {
    public Reply {
      Objects.requireNonNull(data, "data");
      data = data.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] data() {
      return data.clone();
    }

    /** {@code data} from the address the request went to. */
    public static Reply of(byte[] data) {
      return new Reply(data, false);
    }

    /** {@code data} from the peer's second port: a wrong source address. */
    public static Reply fromOtherPort(byte[] data) {
      return new Reply(data, true);
    }
  }
}
