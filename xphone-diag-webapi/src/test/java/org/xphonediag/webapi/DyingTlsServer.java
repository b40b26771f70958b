package org.xphonediag.webapi;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A loopback TLS server that dies at a chosen point of the handshake (RFC 8446 §4, RFC 5246 §7),
 * for the interrupted-handshake tests. The points are reached with raw records where the server
 * only has to read the ClientHello, and with a relay in front of a real JSSE server where part of
 * the server's flight must arrive first. {@link Death#JSSE_CLOSED_MID_HANDSHAKE} closes a real
 * JSSE server socket from another thread at a random moment of its handshake: depending on that
 * moment the client sees a finished handshake, an end of stream, or {@code user_canceled} plus
 * {@code close_notify}.
 */
final class DyingTlsServer implements AutoCloseable {
  /** TLS alert records (RFC 8446 §6): level warning (1), description user_canceled (90) / close_notify (0). */
  private static final byte[] USER_CANCELED = {0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 90};
  private static final byte[] CLOSE_NOTIFY = {0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00};

  /** Where and how the server dies. */
  enum Death {
    /** Closes (FIN) as soon as the connection is accepted. */
    CLOSE_AT_ACCEPT,
    /** Resets (RST, SO_LINGER 0) as soon as the connection is accepted. */
    RESET_AT_ACCEPT,
    /** Reads the ClientHello record, then closes. */
    CLOSE_AFTER_CLIENT_HELLO,
    /** Reads the ClientHello record, then resets. */
    RESET_AFTER_CLIENT_HELLO,
    /** Reads the ClientHello, answers user_canceled plus close_notify (a JSSE server closed mid-handshake). */
    CANCEL_AFTER_CLIENT_HELLO,
    /** Reads the ClientHello, answers close_notify alone, then closes. */
    CLOSE_NOTIFY_AFTER_CLIENT_HELLO,
    /** Relays the first 5 bytes of a real server's flight (a record header), then closes. */
    CLOSE_IN_SERVER_HELLO_HEADER,
    /** Relays the first 60 bytes of a real server's flight (inside the ServerHello), then resets. */
    RESET_IN_SERVER_HELLO,
    /** Relays the first 300 bytes of a real server's flight (inside the certificate), then closes. */
    CLOSE_IN_CERTIFICATE,
    /** Relays the first 300 bytes of a real server's flight, then resets. */
    RESET_IN_CERTIFICATE,
    /** A real JSSE server whose socket is closed at a random moment (0-3 ms) of its handshake. */
    JSSE_CLOSED_MID_HANDSHAKE
  }

  private final Death death;
  private final ServerSocket listener;
  private final SSLServerSocket real;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "dying-tls-server");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger connections = new AtomicInteger();
  private final HeldCertificate root;

  private DyingTlsServer(Death death) throws IOException {
    this.death = death;
    Instant now = Instant.now();
    long day = Duration.ofDays(1).toMillis();
    this.root = new HeldCertificate.Builder().commonName("dying root").certificateAuthority(0)
        .validityInterval(now.toEpochMilli() - day, now.toEpochMilli() + 30 * day).build();
    HeldCertificate leaf = new HeldCertificate.Builder().signedBy(root).commonName("localhost")
        .addSubjectAlternativeName("localhost").validityInterval(now.toEpochMilli() - day,
            now.toEpochMilli() + 30 * day).build();
    HandshakeCertificates server = new HandshakeCertificates.Builder().heldCertificate(leaf, root.certificate())
        .build();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    this.real = (SSLServerSocket) server.sslContext().getServerSocketFactory().createServerSocket(0, 50, loopback);
    this.listener = death == Death.JSSE_CLOSED_MID_HANDSHAKE ? real : new ServerSocket(0, 50, loopback);
    threads.execute(this::acceptLoop);
    if (listener != real) {
      threads.execute(this::realServerLoop);
    }
  }

  static DyingTlsServer start(Death death) throws IOException {
    return new DyingTlsServer(death);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The root that signed the server's certificate (a finished handshake is then trusted). */
  TrustMaterial trust() {
    return TrustMaterial.of(java.util.List.of(root.certificate()));
  }

  int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        connections.incrementAndGet();
        threads.execute(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void realServerLoop() {
    while (!real.isClosed()) {
      try {
        SSLSocket s = (SSLSocket) real.accept();
        threads.execute(() -> {
          try (s) {
            s.setSoTimeout(3000);
            s.startHandshake();
            s.getInputStream().read();
          } catch (IOException e) {
            // the relay cut the connection: expected
          }
        });
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try {
      s.setSoTimeout(3000);
      switch (death) {
        case CLOSE_AT_ACCEPT -> s.close();
        case RESET_AT_ACCEPT -> reset(s);
        case CLOSE_AFTER_CLIENT_HELLO -> {
          readRecord(s.getInputStream());
          s.close();
        }
        case RESET_AFTER_CLIENT_HELLO -> {
          readRecord(s.getInputStream());
          reset(s);
        }
        case CANCEL_AFTER_CLIENT_HELLO -> {
          readRecord(s.getInputStream());
          OutputStream out = s.getOutputStream();
          out.write(USER_CANCELED);
          out.write(CLOSE_NOTIFY);
          out.flush();
          s.shutdownOutput();
          drainAndClose(s);
        }
        case CLOSE_NOTIFY_AFTER_CLIENT_HELLO -> {
          readRecord(s.getInputStream());
          s.getOutputStream().write(CLOSE_NOTIFY);
          s.getOutputStream().flush();
          s.shutdownOutput();
          drainAndClose(s);
        }
        case CLOSE_IN_SERVER_HELLO_HEADER -> relay(s, 5, false);
        case RESET_IN_SERVER_HELLO -> relay(s, 60, true);
        case CLOSE_IN_CERTIFICATE -> relay(s, 300, false);
        case RESET_IN_CERTIFICATE -> relay(s, 300, true);
        case JSSE_CLOSED_MID_HANDSHAKE -> {
          SSLSocket ssl = (SSLSocket) s;
          threads.execute(() -> {
            try {
              ssl.startHandshake();
            } catch (IOException e) {
              // closed under it: the point of this death
            }
          });
          TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextInt(3000));
          s.close();
        }
        default -> throw new IllegalStateException("unknown death " + death);
      }
    } catch (IOException | InterruptedException e) {
      closeQuietly(s);
    }
  }

  /** Relays the client to the real server and the first {@code bytes} of the answer back, then dies. */
  private void relay(Socket client, int bytes, boolean reset) throws IOException {
    try (Socket up = new Socket(InetAddress.getLoopbackAddress(), real.getLocalPort())) {
      up.setSoTimeout(3000);
      threads.execute(() -> {
        try {
          client.getInputStream().transferTo(up.getOutputStream());
        } catch (IOException e) {
          // one side died
        }
      });
      InputStream in = up.getInputStream();
      OutputStream out = client.getOutputStream();
      byte[] buf = new byte[bytes];
      int n = 0;
      while (n < bytes) {
        int r = in.read(buf, n, bytes - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      out.write(buf, 0, n);
      out.flush();
      if (reset) {
        reset(client);
      } else {
        client.close();
      }
    }
  }

  private static void readRecord(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    byte[] header = new byte[5];
    d.readFully(header);
    int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
    d.readFully(new byte[length]);
  }

  private static void drainAndClose(Socket s) {
    try (s) {
      s.getInputStream().transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client went away first
    }
  }

  private static void reset(Socket s) throws SocketException {
    s.setSoLinger(true, 0);
    closeQuietly(s);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing a test socket
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    real.close();
    threads.shutdownNow();
  }
}
