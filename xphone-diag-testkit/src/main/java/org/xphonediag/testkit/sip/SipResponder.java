package org.xphonediag.testkit.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.core.Options;

/**
 * A loopback SIP peer for tests and the testkit lab: it listens on one port for UDP and TCP and
 * answers OPTIONS and INVITE with configured codes, like an XCC that accepts (200 with an SDP
 * answer carrying XCC-style candidates), rejects (403 ACL, 488 candidates; docs/field-guide.md#failure-patterns), only rings,
 * or stays silent. ACK is taken, BYE gets 200, CANCEL gets 200 and the INVITE 487. Plain sockets
 * and the text of RFC 3261 read and written here, no SIP stack and nothing of the sip module (a
 * parser bug there cannot hide behind its own fake); thread-safe; {@link #close()} stops every
 * thread it started.
 *
 * <pre>{@code
 * try (SipResponder xcc = SipResponder.builder().inviteStatus(488).start()) {
 *   SipClient.builder(SipUri.parse(xcc.uri("udp"))).method(SipMethod.INVITE).build().run();
 *   xcc.awaitRequest("ACK", Duration.ofSeconds(2));   // true
 * }
 * }</pre>
 */
public final class SipResponder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SipResponder.class);
  private static final int SILENT = -1;
  private static final int MAX_CONNECTIONS = 16;

  private final InetAddress address;
  private final int optionsStatus;
  private final int inviteStatus;
  private final boolean ringFirst;
  private final String answerSdp;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final Map<String, String> toTags = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private final AtomicInteger tags = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private DatagramSocket udp;
  private ServerSocket tcp;
  private ExecutorService threads;
  private volatile boolean closed;

  private SipResponder(InetAddress address, int optionsStatus, int inviteStatus, boolean ringFirst, String answerSdp) {
    this.address = address;
    this.optionsStatus = optionsStatus;
    this.inviteStatus = inviteStatus;
    this.ringFirst = ringFirst;
    this.answerSdp = answerSdp;
  }

  /** A builder: OPTIONS 200, INVITE 100 then 200 with an XCC-style SDP, on 127.0.0.1. */
  public static Builder builder() {
    return new Builder();
  }

  /** Binds UDP and TCP on one free port of the loopback address and starts answering. */
  private synchronized SipResponder bind() throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 10 && tcp == null; attempt++) {
      DatagramSocket u = new DatagramSocket(new InetSocketAddress(address, 0));
      try {
        ServerSocket t = new ServerSocket();
        t.bind(new InetSocketAddress(address, u.getLocalPort()), 8);
        udp = u;
        tcp = t;
      } catch (IOException e) {
        u.close();
        last = e;
      }
    }
    if (tcp == null) {
      throw new IOException("no loopback port free for both UDP and TCP on " + address.getHostAddress(), last);
    }
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sip-responder-" + udp.getLocalPort());
      t.setDaemon(true);
      return t;
    });
    threads.execute(this::udpLoop);
    threads.execute(this::acceptLoop);
    return this;
  }

  /** The port answering on UDP and TCP. */
  public int port() {
    return udp.getLocalPort();
  }

  /** The bound address and port (UDP and TCP). */
  public InetSocketAddress address() {
    return new InetSocketAddress(address, port());
  }

  /** {@code sip:xcc@ADDRESS:PORT}, the URI of the UDP side. */
  public String uri() {
    return uri("udp");
  }

  /**
   * {@code sip:xcc@ADDRESS:PORT} for {@code transport} {@code udp}, with {@code ;transport=tcp} for
   * {@code tcp} (case-insensitive); IPv6 addresses in brackets.
   *
   * @throws IllegalArgumentException for another transport
   */
  public String uri(String transport) {
    String t = transport.toLowerCase(Locale.ROOT);
    if (!t.equals("udp") && !t.equals("tcp")) {
      throw new IllegalArgumentException("the responder answers on udp and tcp, not on " + transport);
    }
    String host = address.getHostAddress();
    host = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "sip:xcc@" + host + ":" + port() + (t.equals("tcp") ? ";transport=tcp" : "");
  }

  /** The methods of every request received, in arrival order (retransmissions included). */
  public List<String> received() {
    return List.copyOf(received);
  }

  /** Waits up to {@code max} until a request with {@code method} has arrived. */
  public boolean awaitRequest(String method, Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    synchronized (signal) {
      while (!received.contains(method.toUpperCase(Locale.ROOT))) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(signal, left);
      }
      return true;
    }
  }

  /** Closes the sockets and stops every thread; idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (udp != null) {
      udp.close();
    }
    if (tcp != null) {
      try {
        tcp.close();
      } catch (IOException e) {
        LOG.debug("closing the responder's TCP socket failed: {}", e.toString());
      }
    }
    if (threads != null) {
      threads.shutdownNow();
      try {
        threads.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void udpLoop() {
    byte[] buf = new byte[SipRequest.MAX_MESSAGE];
    while (!closed) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
      } catch (IOException e) {
        return;
      }
      SocketAddress from = p.getSocketAddress();
      SipRequest.parse(p.getData(), p.getLength()).ifPresent(req -> handle(req, "UDP", bytes -> {
        try {
          udp.send(new DatagramPacket(bytes, bytes.length, from));
        } catch (IOException e) {
          LOG.debug("responder could not answer {}: {}", from, e.toString());
        }
      }));
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = tcp.accept();
      } catch (IOException e) {
        return;
      }
      if (connections.incrementAndGet() > MAX_CONNECTIONS) {
        connections.decrementAndGet();
        closeQuietly(s);
        continue;
      }
      threads.execute(() -> serve(s));
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(30_000);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (!closed) {
        Optional<SipRequest> req = SipRequest.read(in);
        if (req.isEmpty()) {
          return;
        }
        handle(req.get(), "TCP", bytes -> {
          try {
            synchronized (out) {
              out.write(bytes);
              out.flush();
            }
          } catch (IOException e) {
            LOG.debug("responder could not answer over TCP: {}", e.toString());
          }
        });
      }
    } catch (IOException e) {
      LOG.debug("responder connection ended: {}", e.toString());
    } finally {
      connections.decrementAndGet();
    }
  }

  private interface Sender {
    void send(byte[] bytes);
  }

  private void handle(SipRequest req, String transport, Sender out) {
    String m = req.method();
    received.add(m);
    synchronized (signal) {
      signal.notifyAll();
    }
    switch (m) {
      case "OPTIONS":
        if (optionsStatus != SILENT) {
          out.send(response(req, optionsStatus, null, null, transport));
        }
        break;
      case "INVITE":
        if (inviteStatus == SILENT) {
          break;
        }
        out.send(response(req, 100, null, null, transport));
        if (ringFirst || inviteStatus == 180) {
          out.send(response(req, 180, null, null, transport));
        }
        if (inviteStatus >= 200) {
          boolean ok = inviteStatus < 300;
          out.send(response(req, inviteStatus, null, ok ? answerSdp : null, transport));
        }
        break;
      case "CANCEL":
        out.send(response(req, 200, null, null, transport));
        String cseq = req.first("cseq").orElse("1 CANCEL").split("\\s+")[0];
        out.send(response(req, 487, cseq + " INVITE", null, transport));
        break;
      case "BYE":
        out.send(response(req, 200, null, null, transport));
        break;
      case "ACK":
        break;
      default:
        out.send(response(req, 405, null, null, transport));
        break;
    }
  }

  private byte[] response(SipRequest req, int code, String cseqOverride, String sdp, String transport) {
    StringBuilder sb = new StringBuilder(512);
    sb.append("SIP/2.0 ").append(code).append(' ').append(reason(code)).append("\r\n");
    for (String via : req.all("via")) {
      sb.append("Via: ").append(via).append("\r\n");
    }
    sb.append("From: ").append(req.first("from").orElse("<sip:unknown@invalid>")).append("\r\n");
    String to = req.first("to").orElse("<sip:unknown@invalid>");
    if (code > 100 && !to.toLowerCase(Locale.ROOT).contains(";tag=")) {
      String callId = req.first("call-id").orElse("");
      to = to + ";tag=" + toTags.computeIfAbsent(callId, k -> "xr" + tags.incrementAndGet());
    }
    sb.append("To: ").append(to).append("\r\n");
    sb.append("Call-ID: ").append(req.first("call-id").orElse("")).append("\r\n");
    sb.append("CSeq: ").append(cseqOverride != null ? cseqOverride : req.first("cseq").orElse("1 " + req.method()))
        .append("\r\n");
    if (req.method().equals("INVITE") && code > 100 && code < 300) {
      String host = address.getHostAddress();
      host = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      sb.append("Contact: <sip:xcc@").append(host).append(':').append(port())
          .append(transport.equals("TCP") ? ";transport=tcp" : "").append(">\r\n");
    }
    sb.append("Server: xphone-diag-responder\r\n");
    byte[] body = sdp == null ? new byte[0] : sdp.getBytes(StandardCharsets.UTF_8);
    if (sdp != null) {
      sb.append("Content-Type: application/sdp\r\n");
    }
    sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private static String reason(int code) {
    switch (code) {
      case 100:
        return "Trying";
      case 180:
        return "Ringing";
      case 183:
        return "Session Progress";
      case 200:
        return "OK";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 486:
        return "Busy Here";
      case 487:
        return "Request Terminated";
      case 488:
        return "Not Acceptable Here";
      case 503:
        return "Service Unavailable";
      default:
        return code < 300 ? "OK" : "Error";
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  /** The default SDP answer: FreeSWITCH origin, a host candidate on {@code host} and a public srflx. */
  private static String xccAnswer(String host) {
    String ip = host.indexOf(':') >= 0 ? "IP6" : "IP4";
    return "v=0\r\n"
        + "o=FreeSWITCH 1674745457 1674745458 IN " + ip + " " + host + "\r\n"
        + "s=FreeSWITCH\r\n"
        + "c=IN IP4 198.51.100.20\r\n"
        + "t=0 0\r\n"
        + "m=audio 31234 UDP/TLS/RTP/SAVPF 0 101\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\n"
        + "a=setup:active\r\n"
        + "a=rtcp-mux\r\n"
        + "a=ice-ufrag:8b708ebc\r\n"
        + "a=ice-pwd:Jx3kP0w9ZqVt6LmN2bYc8RsD\r\n"
        + "a=candidate:0560693492 1 udp 659136 " + host + " 31234 typ host generation 0\r\n"
        + "a=candidate:3849213741 1 udp 659136 198.51.100.20 31234 typ srflx raddr " + host
        + " rport 31234 generation 0\r\n"
        + "a=end-of-candidates\r\n";
  }

  /** Builds a {@link SipResponder}; not thread-safe; each option may be set once. */
  public static final class Builder {
    private static final String OWNER = "SipResponder.Builder";
    private InetAddress address;
    private Integer optionsStatus;
    private Integer inviteStatus;
    private Boolean ringFirst;
    private String answerSdp;

    private Builder() {}

    /** The loopback address to bind (default 127.0.0.1; {@code ::1} for IPv6). */
    public Builder address(InetAddress address) {
      Objects.requireNonNull(address, "address");
      if (!address.isLoopbackAddress()) {
        throw new IllegalArgumentException("SipResponder binds loopback only but was " + address.getHostAddress());
      }
      Options.requireUnset("address", this.address, OWNER);
      this.address = address;
      return this;
    }

    /** The answer to OPTIONS, 200..699 (default 200). */
    public Builder optionsStatus(int code) {
      Options.requireUnset("optionsStatus", optionsStatus == null || optionsStatus == SILENT ? null : optionsStatus,
          OWNER);
      Options.requireNotBoth("optionsStatus", code, "optionsSilent", optionsStatus, OWNER);
      this.optionsStatus = finalCode(code);
      return this;
    }

    /** OPTIONS get no answer at all. */
    public Builder optionsSilent() {
      Options.requireUnset("optionsSilent", optionsStatus == null || optionsStatus != SILENT ? null : optionsStatus,
          OWNER);
      Options.requireNotBoth("optionsSilent", true, "optionsStatus", optionsStatus, OWNER);
      this.optionsStatus = SILENT;
      return this;
    }

    /**
     * The final answer to INVITE, 200..699 (default 200 with the SDP answer), or 180 to ring and never
     * answer (until CANCEL).
     */
    public Builder inviteStatus(int code) {
      Options.requireUnset("inviteStatus", inviteStatus == null || inviteStatus == SILENT ? null : inviteStatus, OWNER);
      Options.requireNotBoth("inviteStatus", code, "inviteSilent", inviteStatus, OWNER);
      this.inviteStatus = code == 180 ? 180 : finalCode(code);
      return this;
    }

    /** INVITEs get no answer at all (not even 100 Trying). */
    public Builder inviteSilent() {
      Options.requireUnset("inviteSilent", inviteStatus == null || inviteStatus != SILENT ? null : inviteStatus, OWNER);
      Options.requireNotBoth("inviteSilent", true, "inviteStatus", inviteStatus, OWNER);
      this.inviteStatus = SILENT;
      return this;
    }

    /** Sends 180 Ringing before the final answer. */
    public Builder ringFirst(boolean ring) {
      Options.requireUnset("ringFirst", ringFirst, OWNER);
      this.ringFirst = ring;
      return this;
    }

    /** The SDP of a 2xx answer (default: XCC-style, origin FreeSWITCH, a host and a srflx candidate). */
    public Builder answerSdp(String sdp) {
      Options.requireUnset("answerSdp", answerSdp, OWNER);
      this.answerSdp = Objects.requireNonNull(sdp, "sdp");
      return this;
    }

    /**
     * Binds UDP and TCP on one free port of the loopback address and starts answering.
     *
     * @throws IOException when no port could be bound
     */
    public SipResponder start() throws IOException {
      InetAddress a = address == null ? InetAddress.getLoopbackAddress() : address;
      return new SipResponder(a, optionsStatus == null ? 200 : optionsStatus, inviteStatus == null ? 200 : inviteStatus,
          Boolean.TRUE.equals(ringFirst), answerSdp == null ? xccAnswer(a.getHostAddress()) : answerSdp).bind();
    }

    private static int finalCode(int code) {
      if (code < 200 || code > 699) {
        throw new IllegalArgumentException("a final SIP status must be 200..699 but was " + code);
      }
      return code;
    }
  }

  @Override
  public String toString() {
    return "SipResponder[" + address.getHostAddress() + (udp == null ? "" : ":" + udp.getLocalPort())
        + ", OPTIONS " + (optionsStatus == SILENT ? "silent" : optionsStatus) + ", INVITE "
        + (inviteStatus == SILENT ? "silent" : inviteStatus) + ", received " + new ArrayList<>(received) + "]";
  }
}
