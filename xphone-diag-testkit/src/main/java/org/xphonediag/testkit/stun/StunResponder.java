package org.xphonediag.testkit.stun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.core.Options;
import org.xphonediag.core.Secret;

/**
 * A STUN responder on loopback for tests and the testkit lab: a classic Binding server (RFC 8489
 * §6.3) or, with credentials, the ICE agent side of a connectivity check (RFC 8445 §7.3), with a
 * behaviour per port: answer, stay silent, answer with an error code, or answer signed with the
 * wrong password. Ports are bound at {@link Builder#start()} (port 0 picks a free one); one daemon
 * thread serves them all until {@link #close()}, which is idempotent and joins the thread.
 *
 * <p>The wire format (header, XOR-MAPPED-ADDRESS, ERROR-CODE, MESSAGE-INTEGRITY with HMAC-SHA1 and
 * a short-term key, FINGERPRINT; RFC 8489 §5, §14; OTHER-ADDRESS, RESPONSE-ORIGIN and
 * CHANGE-REQUEST of RFC 5780 §7) is written here from the RFCs, apart from the stun module's codec,
 * so that the fake checks the codec rather than repeating it.
 *
 * <pre>{@code
 * try (StunResponder r = StunResponder.builder().ice("xccUfrag", Secret.of("xccPwd")).start()) {
 *   InetSocketAddress target = r.address();
 * }
 * }</pre>
 */
public final class StunResponder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StunResponder.class);

  /** What the responder does with a binding request on a port. */
  public enum Behavior {
    /** A success response (signed with the ICE password when credentials are set). */
    ANSWER,
    /** Nothing. */
    SILENT,
    /** An error response with the builder's error code (signed when credentials are set). */
    ERROR,
    /** A success response whose MESSAGE-INTEGRITY uses another key. */
    WRONGLY_SIGNED
  }

  private final Selector selector;
  private final Map<DatagramChannel, Behavior> channels;
  private final List<InetSocketAddress> addresses;
  private final String ufrag;
  private final byte[] key;
  private final int errorCode;
  private final String software;
  private final boolean strayFirst;
  private final InetSocketAddress reportedAddress;
  private final InetAddress primaryIp;
  private final InetAddress alternateIp;
  private final boolean ignoreChangeRequests;
  private final Map<InetSocketAddress, DatagramChannel> byAddress = new LinkedHashMap<>();
  private int primaryPort;
  private int alternatePort;
  private final AtomicInteger requests = new AtomicInteger();
  private final Thread thread;
  private volatile boolean closed;

  private StunResponder(Builder b) throws IOException {
    this.ufrag = b.ufrag;
    this.key = b.password == null ? null : b.password.apply(StunWire::shortTermKey);
    this.errorCode = b.errorCode == null ? 401 : b.errorCode;
    this.software = b.software;
    this.strayFirst = Boolean.TRUE.equals(b.strayFirst);
    this.reportedAddress = b.reportedAddress;
    InetAddress host = b.host == null ? InetAddress.getLoopbackAddress() : b.host;
    this.primaryIp = host;
    this.alternateIp = b.alternateIp;
    this.ignoreChangeRequests = Boolean.TRUE.equals(b.ignoreChangeRequests);
    Behavior behavior = b.behavior == null ? Behavior.ANSWER : b.behavior;
    this.selector = Selector.open();
    this.channels = new LinkedHashMap<>();
    List<InetSocketAddress> bound = new ArrayList<>();
    try {
      if (alternateIp != null) {
        primaryPort = bind(host, 0, behavior, bound);
        alternatePort = bind(host, 0, behavior, bound);
        bind(alternateIp, primaryPort, behavior, bound);
        bind(alternateIp, alternatePort, behavior, bound);
      } else {
        if (b.ports.isEmpty()) {
          bind(host, 0, behavior, bound);
        }
        for (Map.Entry<Integer, Behavior> e : b.ports.entrySet()) {
          bind(host, e.getKey(), e.getValue() == null ? behavior : e.getValue(), bound);
        }
      }
    } catch (IOException | RuntimeException e) {
      closeChannels();
      throw e;
    }
    this.addresses = List.copyOf(bound);
    this.thread = new Thread(this::serve, "stun-responder-" + addresses.get(0).getPort());
    thread.setDaemon(true);
    thread.start();
  }

  private int bind(InetAddress ip, int port, Behavior behavior, List<InetSocketAddress> bound) throws IOException {
    DatagramChannel ch = DatagramChannel.open();
    channels.put(ch, behavior);
    ch.bind(new InetSocketAddress(ip, port));
    ch.configureBlocking(false);
    ch.register(selector, SelectionKey.OP_READ);
    InetSocketAddress a = (InetSocketAddress) ch.getLocalAddress();
    bound.add(a);
    byAddress.put(a, ch);
    return a.getPort();
  }

  /** A builder: one port on 127.0.0.1 picked by the system, classic server, answering. */
  public static Builder builder() {
    return new Builder();
  }

  /** The first bound address. */
  public InetSocketAddress address() {
    return addresses.get(0);
  }

  /** Every bound address, in the order the ports were given. */
  public List<InetSocketAddress> addresses() {
    return addresses;
  }

  /** Binding requests received so far (all ports, every behaviour). */
  public int requestsReceived() {
    return requests.get();
  }

  private void serve() {
    ByteBuffer in = ByteBuffer.allocate(StunWire.MAX_MESSAGE);
    try {
      while (!closed) {
        selector.select(200);
        for (SelectionKey key : selector.selectedKeys()) {
          DatagramChannel ch = (DatagramChannel) key.channel();
          while (true) {
            in.clear();
            InetSocketAddress from;
            try {
              from = (InetSocketAddress) ch.receive(in);
            } catch (IOException e) {
              LOG.debug("responder receive failed: {}", e.toString());
              break;
            }
            if (from == null) {
              break;
            }
            handle(ch, channels.get(ch), from, Arrays.copyOf(in.array(), in.position()));
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!closed) {
        LOG.debug("responder stopped: {}", e.toString());
      }
    }
  }

  private void handle(DatagramChannel ch, Behavior behavior, InetSocketAddress from, byte[] data) {
    StunWire.Request req = StunWire.read(data, key);
    if (req == null) {
      LOG.debug("responder ignored a datagram from {} that is no STUN message", from);
      return;
    }
    if (req.type() != StunWire.BINDING_REQUEST) {
      return;
    }
    requests.incrementAndGet();
    if (behavior == Behavior.SILENT) {
      return;
    }
    byte[] txid = req.transactionId();
    DatagramChannel out = ch;
    InetSocketAddress other = null;
    if (alternateIp != null) {
      InetSocketAddress here = localAddress(ch);
      boolean primary = here.getAddress().equals(primaryIp);
      InetAddress otherIp = primary ? alternateIp : primaryIp;
      int otherPort = here.getPort() == primaryPort ? alternatePort : primaryPort;
      other = new InetSocketAddress(otherIp, otherPort);
      if (req.changeFlags() != null) {
        if (ignoreChangeRequests) {
          return;
        }
        boolean changeIp = (req.changeFlags() & 0x04) != 0;
        boolean changePort = (req.changeFlags() & 0x02) != 0;
        out = byAddress.get(new InetSocketAddress(changeIp ? otherIp : here.getAddress(),
            changePort ? otherPort : here.getPort()));
      }
    }
    byte[] answer;
    if (key != null && !authorised(req)) {
      answer = new StunWire.Writer(StunWire.BINDING_ERROR, txid).errorCode(401, "Unauthorized").fingerprint()
          .toBytes();
    } else if (behavior == Behavior.ERROR) {
      StunWire.Writer w = new StunWire.Writer(StunWire.BINDING_ERROR, txid).errorCode(errorCode, reason(errorCode));
      answer = sign(w, false).fingerprint().toBytes();
    } else {
      StunWire.Writer w = new StunWire.Writer(StunWire.BINDING_SUCCESS, txid)
          .address(StunWire.XOR_MAPPED_ADDRESS, reportedAddress == null ? from
              : reportedAddress.getPort() == 0 ? new InetSocketAddress(reportedAddress.getAddress(), from.getPort())
              : reportedAddress);
      if (software != null) {
        w.text(StunWire.SOFTWARE, software);
      }
      w.address(StunWire.RESPONSE_ORIGIN, localAddress(out));
      if (other != null) {
        w.address(StunWire.OTHER_ADDRESS, other);
      }
      answer = sign(w, behavior == Behavior.WRONGLY_SIGNED).fingerprint().toBytes();
    }
    try {
      if (strayFirst) {
        byte[] otherTxid = txid.clone();
        otherTxid[11] ^= 0x5a;
        ch.send(ByteBuffer.wrap(new StunWire.Writer(StunWire.BINDING_SUCCESS, otherTxid)
            .address(StunWire.XOR_MAPPED_ADDRESS, from).fingerprint().toBytes()), from);
      }
      out.send(ByteBuffer.wrap(answer), from);
    } catch (IOException e) {
      LOG.debug("responder send to {} failed: {}", from, e.toString());
    }
  }

  private static InetSocketAddress localAddress(DatagramChannel ch) {
    try {
      return (InetSocketAddress) ch.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private StunWire.Writer sign(StunWire.Writer w, boolean wrongly) {
    if (wrongly) {
      return w.integrity("not-the-ice-password".getBytes(StandardCharsets.UTF_8));
    }
    return key == null ? w : w.integrity(key);
  }

  /** RFC 8445 §7.3: USERNAME is {@code ourUfrag:peerUfrag} and MESSAGE-INTEGRITY verifies with our password. */
  private boolean authorised(StunWire.Request req) {
    String user = req.username() == null ? "" : req.username();
    return req.integrityValid() && user.startsWith(ufrag + ":");
  }

  private static String reason(int code) {
    switch (code) {
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 420: return "Unknown Attribute";
      case 487: return "Role Conflict";
      case 500: return "Server Error";
      default: return "Error";
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    selector.wakeup();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeChannels();
  }

  private void closeChannels() {
    for (DatagramChannel ch : channels.keySet()) {
      try {
        ch.close();
      } catch (IOException e) {
        LOG.debug("closing responder channel failed: {}", e.toString());
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("closing responder selector failed: {}", e.toString());
    }
  }

  /**
   * Configures a {@link StunResponder}; not thread-safe. Each option may be set once (a port once per
   * number); {@link #rfc5780} and {@link #port} exclude each other.
   */
  public static final class Builder {
    private static final String OWNER = "StunResponder.Builder";
    private InetAddress host;
    private final Map<Integer, Behavior> ports = new LinkedHashMap<>();
    private Behavior behavior;
    private String ufrag;
    private Secret password;
    private Integer errorCode;
    private String software = "xphone-diag responder";
    private boolean softwareSet;
    private Boolean strayFirst;
    private InetSocketAddress reportedAddress;
    private InetAddress alternateIp;
    private Boolean ignoreChangeRequests;

    private Builder() {}

    /**
     * Reports this address in XOR-MAPPED-ADDRESS instead of the request's source, as if a NAT sat
     * between prober and responder (to test public-address and port-preservation findings). Port 0
     * keeps the request's source port: a NAT that preserves ports.
     */
    public Builder reportedAddress(InetSocketAddress address) {
      Options.requireUnset("reportedAddress", reportedAddress, OWNER);
      this.reportedAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Acts as an RFC 5780 server: binds two ports on the host and the same two on
     * {@code alternateIp} (e.g. 127.0.0.2), offers OTHER-ADDRESS and honours CHANGE-REQUEST.
     */
    public Builder rfc5780(InetAddress alternateIp) {
      Options.requireUnset("rfc5780", this.alternateIp, OWNER);
      Options.requireNotBoth("rfc5780", alternateIp, "port", ports.isEmpty() ? null : ports, OWNER);
      this.alternateIp = Objects.requireNonNull(alternateIp, "alternateIp");
      return this;
    }

    /** Leaves CHANGE-REQUEST requests unanswered, as a NAT with address-and-port-dependent filtering would. */
    public Builder ignoreChangeRequests(boolean ignore) {
      Options.requireUnset("ignoreChangeRequests", ignoreChangeRequests, OWNER);
      this.ignoreChangeRequests = ignore;
      return this;
    }

    /** The loopback address to bind (127.0.0.1 by default; {@code ::1} for IPv6). */
    public Builder host(InetAddress host) {
      Options.requireUnset("host", this.host, OWNER);
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The behaviour of ports added without one (and of the single default port); ANSWER by default. */
    public Builder behavior(Behavior behavior) {
      Options.requireUnset("behavior", this.behavior, OWNER);
      this.behavior = Objects.requireNonNull(behavior, "behavior");
      return this;
    }

    /** Binds {@code port} (0 for a free one, once) with the default behaviour. */
    public Builder port(int port) {
      return addPort(port, null);
    }

    /** Binds {@code port} (0 for a free one, once) with {@code behavior}. */
    public Builder port(int port, Behavior behavior) {
      return addPort(port, Objects.requireNonNull(behavior, "behavior"));
    }

    private Builder addPort(int port, Behavior behavior) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535 but was " + port);
      }
      Options.requireUnset("port " + port, ports.containsKey(port) ? port : null, OWNER);
      Options.requireNotBoth("port", port, "rfc5780", alternateIp, OWNER);
      ports.put(port, behavior);
      return this;
    }

    /**
     * Acts as an ICE agent with this ufrag and password: requests must carry USERNAME
     * {@code ufrag:peer} and MESSAGE-INTEGRITY keyed with {@code password} or get 401; answers are
     * signed with it.
     */
    public Builder ice(String ufrag, Secret password) {
      Options.requireUnset("ice", this.ufrag, OWNER);
      this.ufrag = Objects.requireNonNull(ufrag, "ufrag");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The code of {@link Behavior#ERROR} answers, 300..699 (401 by default). */
    public Builder errorCode(int code) {
      Options.requireUnset("errorCode", errorCode, OWNER);
      if (code < 300 || code > 699) {
        throw new IllegalArgumentException("error code must be 300..699 but was " + code);
      }
      this.errorCode = code;
      return this;
    }

    /** The SOFTWARE attribute of success answers ({@code xphone-diag responder} by default); null for none. */
    public Builder software(String software) {
      Options.requireUnset("software", softwareSet ? Boolean.TRUE : null, OWNER);
      this.softwareSet = true;
      this.software = software;
      return this;
    }

    /** Sends a response with another transaction id before each real answer (to test stray counting). */
    public Builder strayFirst(boolean strayFirst) {
      Options.requireUnset("strayFirst", this.strayFirst, OWNER);
      this.strayFirst = strayFirst;
      return this;
    }

    /** Binds the ports and starts serving. */
    public StunResponder start() throws IOException {
      return new StunResponder(this);
    }
  }
}
