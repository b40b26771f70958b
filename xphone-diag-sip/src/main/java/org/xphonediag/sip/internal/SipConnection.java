package org.xphonediag.sip.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import org.xphonediag.core.net.Transport;

/**
 * The socket of one SIP probe, to exactly one peer: a connected UDP channel (so that ICMP port
 * unreachable surfaces as {@link java.net.PortUnreachableException}, as in the STUN probes) or a TCP
 * connection, both non-blocking behind a selector of their own, so that every wait ends by the
 * caller's deadline and no thread is started. Messages are framed as RFC 3261 §18.3 says: a
 * datagram is one message, discarded when its Content-Length exceeds its body; on TCP the
 * Content-Length delimits messages. Nothing larger than {@link #MAX_MESSAGE} is read; on TCP a
 * stream that cannot be framed within that cap ends the connection with a {@link ProtocolException}.
 * Not thread-safe.
 */
final class SipConnection implements Closeable {
  /** The largest message read or framed. */
  static final int MAX_MESSAGE = 64 * 1024;
  private static final int READ_CHUNK = 16 * 1024;
  private static final long ABSENT = -2;
  private static final long INVALID = -1;

  private final Transport transport;
  private final InetSocketAddress peer;
  private final SelectableChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  private final ByteBuffer in;
  private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
  /** TCP: bytes read but not yet framed. */
  private byte[] pending = new byte[0];
  private boolean ended;

  private SipConnection(Transport transport, InetSocketAddress peer, SelectableChannel channel, Selector selector)
      throws IOException {
    this.transport = transport;
    this.peer = peer;
    this.channel = channel;
    this.selector = selector;
    SelectionKey connecting = channel.keyFor(selector);
    this.key = connecting != null ? connecting.interestOps(SelectionKey.OP_READ)
        : channel.register(selector, SelectionKey.OP_READ);
    this.in = ByteBuffer.allocate(transport == Transport.UDP ? MAX_MESSAGE + 1 : READ_CHUNK);
  }

  /**
   * Opens a connection to {@code peer} from {@code local} (null: the address the OS routes from).
   *
   * @throws SocketTimeoutException when a TCP connection is not established by {@code untilNanos}
   * @throws IOException when the socket cannot be opened or the connection is refused
   */
  static SipConnection open(Transport transport, InetSocketAddress peer, InetAddress local, long untilNanos)
      throws IOException {
    Selector selector = Selector.open();
    SelectableChannel channel = null;
    try {
      if (transport == Transport.UDP) {
        DatagramChannel udp = DatagramChannel.open(peer.getAddress() instanceof java.net.Inet6Address
            ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
        channel = udp;
        udp.bind(new InetSocketAddress(local, 0));
        udp.connect(peer);
        udp.configureBlocking(false);
      } else {
        SocketChannel tcp = SocketChannel.open();
        channel = tcp;
        tcp.bind(new InetSocketAddress(local, 0));
        tcp.configureBlocking(false);
        if (!tcp.connect(peer)) {
          awaitConnect(tcp, selector, untilNanos);
        }
      }
      return new SipConnection(transport, peer, channel, selector);
    } catch (IOException | RuntimeException e) {
      closeQuietly(selector);
      closeQuietly(channel);
      throw e;
    }
  }

  private static void awaitConnect(SocketChannel tcp, Selector selector, long untilNanos) throws IOException {
    tcp.register(selector, SelectionKey.OP_CONNECT);
    while (!tcp.finishConnect()) {
      long left = untilNanos - System.nanoTime();
      if (left <= 0 || Thread.currentThread().isInterrupted()) {
        throw new SocketTimeoutException("TCP connection to " + where(tcp.getRemoteAddress())
            + " not established in time");
      }
      selector.select(Math.max(1, Math.min(50, left / 1_000_000)));
      selector.selectedKeys().clear();
    }
  }

  /** The local address and port the peer sees. */
  InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) (channel instanceof DatagramChannel d ? d.getLocalAddress()
        : ((SocketChannel) channel).getLocalAddress());
  }

  /**
   * Sends one message whole, waiting at most until {@code untilNanos} for room on a TCP connection.
   *
   * @throws java.net.PortUnreachableException when ICMP reported the peer's UDP port closed
   */
  void send(byte[] message, long untilNanos) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(message);
    write(out);
    if (!out.hasRemaining()) {
      return;
    }
    // a full send buffer: a datagram goes whole or not at all, a stream takes what fits
    key.interestOps(SelectionKey.OP_WRITE); // not OP_READ: unread input would wake the wait at once
    try {
      while (out.hasRemaining()) {
        long left = untilNanos - System.nanoTime();
        if (left <= 0 || Thread.currentThread().isInterrupted()) {
          throw new SocketTimeoutException("the peer " + where(peer) + " took only " + out.position() + " of "
              + message.length + " bytes in time");
        }
        selector.select(Math.max(1, Math.min(50, left / 1_000_000)));
        selector.selectedKeys().clear();
        write(out);
      }
    } finally {
      key.interestOps(SelectionKey.OP_READ);
    }
  }

  private void write(ByteBuffer out) throws IOException {
    if (channel instanceof DatagramChannel d) {
      d.write(out);
    } else {
      ((SocketChannel) channel).write(out);
    }
  }

  /**
   * The next whole message, waiting at most until {@code untilNanos}; null when none came by then or
   * the thread is interrupted (the caller decides what an interrupt means).
   *
   * @throws java.net.PortUnreachableException when ICMP reported the peer's UDP port closed
   * @throws EOFException when the peer closed the TCP connection
   * @throws ProtocolException when the TCP stream cannot be framed as SIP within the cap (the stream
   *     is then unusable)
   */
  byte[] receive(long untilNanos) throws IOException {
    while (ready.isEmpty()) {
      if (ended) {
        throw new EOFException("the peer " + where(peer) + " closed the TCP connection");
      }
      if (!readAvailable()) {
        long left = untilNanos - System.nanoTime();
        if (left <= 0 || Thread.currentThread().isInterrupted()) {
          return null;
        }
        selector.select(Math.max(1, (left + 999_999) / 1_000_000));
        selector.selectedKeys().clear();
      }
    }
    return ready.poll();
  }

  /** Reads what is there without waiting; true when anything was read. */
  private boolean readAvailable() throws IOException {
    if (channel instanceof DatagramChannel d) {
      boolean any = false;
      while (true) {
        in.clear();
        if (d.read(in) <= 0) {
          return any;
        }
        any = true;
        byte[] datagram = Arrays.copyOf(in.array(), in.position());
        int length = frame(datagram, datagram.length, true, where(peer));
        if (length > 0) {
          ready.add(Arrays.copyOf(datagram, length));
        }
      }
    }
    in.clear();
    int n = ((SocketChannel) channel).read(in);
    if (n < 0) {
      ended = true;
      return true;
    }
    if (n == 0) {
      return false;
    }
    byte[] all = Arrays.copyOf(pending, pending.length + n);
    System.arraycopy(in.array(), 0, all, pending.length, n);
    pending = all;
    while (true) {
      int start = 0;
      while (start < pending.length && (pending[start] == '\r' || pending[start] == '\n')) {
        start++; // keep-alive CRLFs between messages (RFC 5626 §3.5.1)
      }
      if (start > 0) {
        pending = Arrays.copyOfRange(pending, start, pending.length);
      }
      int length = frame(pending, pending.length, false, where(peer));
      if (length == 0) {
        if (pending.length > MAX_MESSAGE) {
          throw new ProtocolException("the peer " + where(peer) + " sent " + pending.length
              + " bytes without a complete SIP message within " + MAX_MESSAGE + " bytes");
        }
        return true;
      }
      ready.add(Arrays.copyOf(pending, length));
      pending = Arrays.copyOfRange(pending, length, pending.length);
    }
  }

  /**
   * The length of the message at the start of the first {@code length} bytes of {@code data}: 0 when
   * a stream's message is incomplete, -1 for a datagram to discard.
   *
   * @param from the peer, named in errors
   * @throws ProtocolException for a stream message that can never be framed (its Content-Length is
   *     not a number or exceeds the cap)
   */
  static int frame(byte[] data, int length, boolean datagram, String from) throws ProtocolException {
    int headerEnd = headerEnd(data, Math.min(length, MAX_MESSAGE));
    if (headerEnd < 0) {
      return datagram ? -1 : 0;
    }
    long contentLength = contentLength(data, headerEnd);
    if (contentLength == INVALID && !datagram) {
      throw new ProtocolException("the peer " + from + " sent a SIP message whose Content-Length is not "
          + "a number of 0.." + MAX_MESSAGE + " bytes");
    }
    if (datagram) {
      // no Content-Length: the body is the rest of the datagram (RFC 3261 §18.3)
      long body = contentLength == ABSENT ? length - headerEnd : contentLength;
      return body < 0 || headerEnd + body > length ? -1 : (int) (headerEnd + body);
    }
    long body = contentLength == ABSENT ? 0 : contentLength;
    if (headerEnd + body > MAX_MESSAGE) {
      throw new ProtocolException("the peer " + from + " announced a SIP message of " + (headerEnd + body)
          + " bytes, more than the " + MAX_MESSAGE + " read");
    }
    return headerEnd + body > length ? 0 : (int) (headerEnd + body);
  }

  /** The offset just past the empty line that ends the headers, or -1. */
  private static int headerEnd(byte[] data, int length) {
    for (int i = 0; i + 1 < length; i++) {
      if (data[i] == '\n') {
        if (data[i + 1] == '\n') {
          return i + 2;
        }
        if (data[i + 1] == '\r' && i + 2 < length && data[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  /**
   * The value of the Content-Length header ({@code l} in compact form) in the first {@code headerEnd}
   * bytes: {@link #ABSENT} when there is none, {@link #INVALID} when it is not a number up to the cap.
   */
  private static long contentLength(byte[] data, int headerEnd) {
    String head = new String(data, 0, headerEnd, java.nio.charset.StandardCharsets.ISO_8859_1);
    long found = ABSENT;
    for (String line : head.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      if (name.equals("content-length") || name.equals("l")) {
        String value = line.substring(colon + 1).strip();
        if (value.isEmpty() || value.length() > 6 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
          return INVALID;
        }
        found = Long.parseLong(value);
        if (found > MAX_MESSAGE) {
          return INVALID;
        }
      }
    }
    return found;
  }

  /** {@code ip:port/udp} or {@code [ip]:port/tcp}. */
  String where() {
    return where(peer) + "/" + transport.jsonName();
  }

  private static String where(java.net.SocketAddress address) {
    if (!(address instanceof InetSocketAddress a)) {
      return String.valueOf(address);
    }
    String host = a.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  @Override
  public void close() {
    closeQuietly(selector); // deregisters the channel, whose socket the next line then closes at once
    closeQuietly(channel);
  }

  private static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // nothing left to do with it
      }
    }
  }
}
