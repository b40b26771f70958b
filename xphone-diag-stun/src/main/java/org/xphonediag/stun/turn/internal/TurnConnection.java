package org.xphonediag.stun.turn.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.xphonediag.core.net.Transport;
import org.xphonediag.stun.internal.Codec;
import org.xphonediag.stun.turn.TurnUri;

/**
 * A message-oriented path to a TURN server (RFC 8656 §3.1, §12): one datagram per message over
 * UDP; over TCP and TLS a byte stream that STUN frames by its own length field (RFC 8489 §6.2.2)
 * and ChannelData messages by theirs, padded to four bytes (RFC 8656 §12.5). Reads are cut into slices of
 * at most 50 ms so that deadlines and cancellation are honoured. Not thread-safe.
 */
public abstract class TurnConnection implements Closeable {
  static final int SLICE_MS = 50;

  /** Sends one STUN or ChannelData message. */
  public abstract void send(byte[] message) throws IOException;

  /**
   * The next STUN or ChannelData message (RFC 8656 §12.4; over TCP and TLS with its padding), or
   * null when the deadline passed first.
   *
   * @throws java.net.PortUnreachableException when ICMP reports the UDP port closed
   * @throws EOFException when the server closed the stream
   * @throws InterruptedException when {@code cancelled} turns true
   */
  public abstract byte[] receive(long deadlineNanos, BooleanSupplier cancelled) throws IOException,
      InterruptedException;

  /** True over TCP and TLS: requests are sent once (RFC 8489 §6.2.2). */
  public abstract boolean reliable();

  /** The local address of the client side. */
  public abstract InetSocketAddress localAddress();

  static int sliceMs(long deadlineNanos, BooleanSupplier cancelled) throws InterruptedException {
    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("TURN check was cancelled");
    }
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      return 0;
    }
    return (int) Math.max(1, Math.min(SLICE_MS, left / 1_000_000));
  }

  /**
   * Opens the path for {@code uri} to {@code server}: a connected UDP socket, a TCP connection, or
   * TLS over TCP with host name verification against the URI's host ({@code trust} null: the
   * platform's); connect and handshake end by {@code deadlineNanos}.
   */
  public static TurnConnection open(TurnUri uri, InetSocketAddress server, X509TrustManager trust,
      long deadlineNanos) throws IOException, GeneralSecurityException {
    if (uri.transport() == Transport.UDP) {
      return udp(server);
    }
    Socket raw = new Socket();
    try {
      raw.connect(server, (int) Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
      raw.setTcpNoDelay(true);
      if (uri.transport() == Transport.TCP) {
        return stream(raw);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, trust == null ? null : new TrustManager[] {trust}, null);
      SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, uri.server().host(), server.getPort(), true);
      SSLParameters params = tls.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(params);
      tls.setSoTimeout((int) Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
      tls.startHandshake();
      return stream(tls);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** A connected UDP socket. */
  public static TurnConnection udp(InetSocketAddress server) throws IOException {
    return new Udp(server);
  }

  /** A connected TCP or TLS socket (handshake done). */
  public static TurnConnection stream(Socket socket) throws IOException {
    return new Stream(socket);
  }

  private static final class Udp extends TurnConnection {
    private final DatagramSocket socket;
    private final byte[] buffer = new byte[Codec.MAX_MESSAGE];

    Udp(InetSocketAddress server) throws IOException {
      socket = new DatagramSocket();
      socket.connect(server);
    }

    @Override
    public void send(byte[] message) throws IOException {
      socket.send(new DatagramPacket(message, message.length));
    }

    @Override
    public byte[] receive(long deadlineNanos, BooleanSupplier cancelled) throws IOException, InterruptedException {
      while (true) {
        int ms = sliceMs(deadlineNanos, cancelled);
        if (ms == 0) {
          return null;
        }
        socket.setSoTimeout(ms);
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(p);
        } catch (SocketTimeoutException e) {
          continue;
        }
        if (Codec.looksLikeStun(buffer, p.getLength()) || (p.getLength() >= 4 && (buffer[0] & 0xC0) == 0x40)) {
          return Arrays.copyOf(buffer, p.getLength());
        }
      }
    }

    @Override
    public boolean reliable() {
      return false;
    }

    @Override
    public InetSocketAddress localAddress() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  private static final class Stream extends TurnConnection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] frame = new byte[4];
    private int filled;
    private int need = 4;

    Stream(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    @Override
    public void send(byte[] message) throws IOException {
      out.write(message);
      out.flush();
    }

    @Override
    public byte[] receive(long deadlineNanos, BooleanSupplier cancelled) throws IOException, InterruptedException {
      while (true) {
        while (filled < need) {
          int ms = sliceMs(deadlineNanos, cancelled);
          if (ms == 0) {
            return null;
          }
          socket.setSoTimeout(ms);
          int n;
          try {
            n = in.read(frame, filled, need - filled);
          } catch (SocketTimeoutException e) {
            continue;
          }
          if (n < 0) {
            throw new EOFException("the TURN server closed the connection");
          }
          filled += n;
        }
        if (need == 4) {
          int length = ((frame[2] & 0xff) << 8) | (frame[3] & 0xff);
          boolean channelData = (frame[0] & 0xC0) == 0x40;
          if ((frame[0] & 0xC0) != 0 && !channelData) {
            throw new IOException("the TURN stream is out of frame: first byte 0x"
                + Integer.toHexString(frame[0] & 0xff) + " starts neither STUN nor ChannelData");
          }
          need = channelData ? 4 + ((length + 3) & ~3) : 20 + length;
          frame = Arrays.copyOf(frame, need);
          continue;
        }
        byte[] message = frame;
        frame = new byte[4];
        filled = 0;
        need = 4;
        return message;
      }
    }

    @Override
    public boolean reliable() {
      return true;
    }

    @Override
    public InetSocketAddress localAddress() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
