package org.xphonediag.testkit.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP server that treats every accepted connection with one scripted {@link Behavior}:
 * the misbehaving peer for deadline tests (a black hole, a TLS server that stalls mid-handshake, a
 * SIP peer that sends an endless header line). It counts connections and the bytes it sent, and
 * keeps (up to 1 MiB) what clients sent, so a test can assert both that the check ended in time
 * and what the hostile side saw.
 *
 * <p>Threads: one daemon accept thread plus one daemon thread per connection, all named {@code
 * xphone-diag-hostile-tcp-PORT-*}; {@link #close()} closes every socket, wakes every stalled
 * behaviour and joins the threads. Binds to port 0 on the loopback address (or the one given).
 *
 * <pre>{@code
 * try (HostileTcpServer tls = HostileTcpServer.start(Behavior.readAtLeast(1).then(Behavior.stall()))) {
 *   TlsInspection t = TlsInspector.builder().timeout(Duration.ofSeconds(1)).build()
 *       .inspect("127.0.0.1", tls.port(), ctx);   // webapi.unreachable after about 1 s
 * }
 * }</pre>
 */
public final class HostileTcpServer implements AutoCloseable {
  private static final int RECEIVED_CAP = 1024 * 1024;

  private final ServerSocket server;
  private final Behavior behavior;
  private final Thread acceptor;
  private final List<Socket> sockets = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicInteger finished = new AtomicInteger();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  private HostileTcpServer(InetAddress address, Behavior behavior) throws IOException {
    this.behavior = Objects.requireNonNull(behavior, "behavior");
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(address, 0), 50);
    this.acceptor = new Thread(this::acceptLoop, name("accept"));
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a server on a free port of the IPv4 loopback address. */
  public static HostileTcpServer start(Behavior behavior) throws IOException {
    return new HostileTcpServer(InetAddress.getLoopbackAddress(), behavior);
  }

  /** Starts a server on a free port of {@code address} (a loopback address in tests). */
  public static HostileTcpServer start(InetAddress address, Behavior behavior) throws IOException {
    return new HostileTcpServer(Objects.requireNonNull(address, "address"), behavior);
  }

  /** The address and port clients connect to. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** The port. */
  public int port() {
    return server.getLocalPort();
  }

  /** How many connections were accepted. */
  public int connections() {
    return connections.get();
  }

  /** How many bytes the behaviours wrote to clients in all. */
  public long bytesSent() {
    return bytesSent.get();
  }

  /** How many connections' behaviours have ended (the client closed, or the script ran out). */
  public int finished() {
    return finished.get();
  }

  /** What clients sent, in arrival order over all connections, up to 1 MiB. */
  public byte[] received() {
    synchronized (received) {
      return received.toByteArray();
    }
  }

  /** Waits until at least {@code n} connections were accepted; false after {@code timeout}. */
  public boolean awaitConnections(int n, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    synchronized (connections) {
      while (connections.get() < n) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(connections, left);
      }
    }
    return true;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return;
      }
      int n;
      synchronized (connections) {
        n = connections.incrementAndGet();
        connections.notifyAll();
      }
      Thread t = new Thread(() -> serve(s), name("conn-" + n));
      t.setDaemon(true);
      synchronized (sockets) {
        if (closing.getCount() == 0) {
          closeQuietly(s);
          return;
        }
        sockets.add(s);
        threads.add(t);
      }
      t.start();
    }
  }

  private void serve(Socket s) {
    try {
      behavior.serve(new Connection(s, this));
    } catch (IOException | InterruptedException e) {
      // the client went away or the server is closing: both end the script
    } finally {
      finished.incrementAndGet();
      closeQuietly(s);
    }
  }

  private String name(String what) {
    return "xphone-diag-hostile-tcp-" + server.getLocalPort() + "-" + what;
  }

  void countSent(int n) {
    bytesSent.addAndGet(n);
  }

  void keep(byte[] data, int off, int len) {
    synchronized (received) {
      int room = RECEIVED_CAP - received.size();
      if (room > 0) {
        received.write(data, off, Math.min(room, len));
      }
    }
  }

  CountDownLatch closing() {
    return closing;
  }

  /** Closes the listening socket and every connection, wakes stalled behaviours and joins the threads; idempotent. */
  @Override
  public void close() throws InterruptedException {
    closing.countDown();
    closeQuietly(server);
    List<Thread> joining;
    synchronized (sockets) {
      sockets.forEach(HostileTcpServer::closeQuietly);
      joining = new ArrayList<>(threads);
    }
    acceptor.join(2000);
    for (Thread t : joining) {
      t.interrupt();
      t.join(2000);
    }
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }

  /** A script for one connection. */
  @FunctionalInterface
  public interface Behavior {
    /** Plays the script on {@code c}; returning (or throwing) closes the connection. */
    void serve(Connection c) throws IOException, InterruptedException;

    /** This script, then {@code next}. */
    default Behavior then(Behavior next) {
      Objects.requireNonNull(next, "next");
      return c -> {
        serve(c);
        next.serve(c);
      };
    }

    /** Accepts and never sends a byte until the server closes (reads are not drained). */
    static Behavior stall() {
      return Connection::stall;
    }

    /** Reads at least {@code n} bytes (e.g. 1: the start of a TLS ClientHello), or until the client closes. */
    static Behavior readAtLeast(int n) {
      return c -> c.readAtLeast(n);
    }

    /** Reads an HTTP or SIP head: up to and including the first empty line (at most 64 KiB). */
    static Behavior readHead() {
      return Connection::readHead;
    }

    /** Sends {@code bytes}. */
    static Behavior send(byte[] bytes) {
      byte[] copy = bytes.clone();
      return c -> c.write(copy);
    }

    /** Sends {@code bytes} one byte every {@code interval}, then keeps sending {@code fill} at that pace forever. */
    static Behavior drip(byte[] bytes, byte fill, Duration interval) {
      byte[] copy = bytes.clone();
      return c -> c.drip(copy, fill, interval);
    }

    /** Sends {@code fill} as fast as the client reads until it closes: an unbounded stream. */
    static Behavior flood(byte fill) {
      return c -> c.flood(fill);
    }
  }

  /** One accepted connection as seen by a {@link Behavior}. */
  public static final class Connection {
    private final Socket socket;
    private final HostileTcpServer server;
    private final byte[] buffer = new byte[8192];

    Connection(Socket socket, HostileTcpServer server) {
      this.socket = socket;
      this.server = server;
    }

    /** The socket, for behaviours of one's own. */
    public Socket socket() {
      return socket;
    }

    /** Reads at least {@code n} bytes; returns what was read (fewer when the client closed). */
    public byte[] readAtLeast(int n) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (out.size() < n) {
        int r = socket.getInputStream().read(buffer);
        if (r < 0) {
          break;
        }
        server.keep(buffer, 0, r);
        out.write(buffer, 0, r);
      }
      return out.toByteArray();
    }

    /** Reads up to and including the first empty line (CRLF CRLF), at most 64 KiB; byte by byte, so nothing after it is consumed. */
    public byte[] readHead() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      var in = socket.getInputStream();
      int last4 = 0;
      while (out.size() < 64 * 1024) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("client closed before the end of the head");
        }
        out.write(b);
        last4 = (last4 << 8) | b;
        if (last4 == 0x0d0a0d0a) {
          break;
        }
      }
      byte[] head = out.toByteArray();
      server.keep(head, 0, head.length);
      return head;
    }

    /** Reads exactly {@code n} bytes (a request body). */
    public byte[] readExactly(int n) throws IOException {
      byte[] data = socket.getInputStream().readNBytes(n);
      server.keep(data, 0, data.length);
      return data;
    }

    /** Writes and flushes {@code bytes}. */
    public void write(byte[] bytes) throws IOException {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      server.countSent(bytes.length);
    }

    /** Sends nothing until the server closes. */
    public void stall() throws InterruptedException {
      server.closing().await();
    }

    /** Sends {@code bytes} then {@code fill} forever, one byte per {@code interval}, until the client or server closes. */
    public void drip(byte[] bytes, byte fill, Duration interval) throws IOException, InterruptedException {
      for (int i = 0; ; i++) {
        write(new byte[] {i < bytes.length ? bytes[i] : fill});
        if (server.closing().await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
          return;
        }
      }
    }

    /** Sends {@code fill} in 8 KiB writes until the client closes (then an IOException ends the script). */
    public void flood(byte fill) throws IOException {
      byte[] chunk = new byte[8192];
      java.util.Arrays.fill(chunk, fill);
      while (server.closing().getCount() > 0) {
        write(chunk);
      }
    }
  }
}
