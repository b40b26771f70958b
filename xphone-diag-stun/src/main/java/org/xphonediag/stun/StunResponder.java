package org.xphonediag.stun;

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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.core.Secret;
import org.xphonediag.stun.internal.Attributes;
import org.xphonediag.stun.internal.Codec;
import org.xphonediag.stun.internal.MessageWriter;

/**
 * A STUN responder on loopback for tests and the testkit: a classic Binding server (RFC 8489
 * §6.3) or, with credentials, the ICE agent side of a connectivity check (RFC 8445 §7.3), with a
 * behaviour per port: answer, stay silent, answer with an error code, or answer signed with the
 * wrong password. Ports are bound at {@link Builder#start()} (port 0 picks a free one); one daemon
 * thread serves them all until {@link #close()}, which is idempotent and joins the thread.
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
  private final StunCredentials credentials;
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
    this.credentials = b.password == null ? null : StunCredentials.shortTerm(b.password);
    this.errorCode = b.errorCode;
    this.software = b.software;
    this.strayFirst = b.strayFirst;
    this.reportedAddress = b.reportedAddress;
    this.primaryIp = b.host;
    this.alternateIp = b.alternateIp;
    this.ignoreChangeRequests = b.ignoreChangeRequests;
    this.selector = Selector.open();
    this.channels = new LinkedHashMap<>();
    List<InetSocketAddress> bound = new ArrayList<>();
    try {
      if (alternateIp != null) {
        primaryPort = bind(b.host, 0, b.behavior, bound);
        alternatePort = bind(b.host, 0, b.behavior, bound);
        bind(alternateIp, primaryPort, b.behavior, bound);
        bind(alternateIp, alternatePort, b.behavior, bound);
      } else {
        Map<Integer, Behavior> ports = b.ports.isEmpty() ? Map.of(0, b.behavior) : b.ports;
        for (Map.Entry<Integer, Behavior> e : ports.entrySet()) {
          bind(b.host, e.getKey(), e.getValue(), bound);
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
    ByteBuffer in = ByteBuffer.allocate(Codec.MAX_MESSAGE);
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
    StunMessage req;
    try {
      req = Codec.decode(data, credentials);
    } catch (StunFormatException e) {
      LOG.debug("responder ignored malformed datagram from {}: {}", from, e.getMessage());
      return;
    }
    if (req.messageClass() != StunClass.REQUEST || req.method() != StunMessage.BINDING) {
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
      Optional<StunAttribute> change = req.attribute(Attributes.CHANGE_REQUEST);
      if (change.isPresent()) {
        if (ignoreChangeRequests) {
          return;
        }
        boolean changeIp = change.get().decoded() instanceof AttributeValue.ChangeRequest c && c.changeIp();
        boolean changePort = change.get().decoded() instanceof AttributeValue.ChangeRequest c && c.changePort();
        out = byAddress.get(new InetSocketAddress(changeIp ? otherIp : here.getAddress(),
            changePort ? otherPort : here.getPort()));
      }
    }
    byte[] answer;
    if (credentials != null && !authorised(req)) {
      answer = new MessageWriter(StunClass.ERROR_RESPONSE, StunMessage.BINDING, txid)
          .errorCode(401, "Unauthorized").fingerprint().toBytes();
    } else if (behavior == Behavior.ERROR) {
      MessageWriter w = new MessageWriter(StunClass.ERROR_RESPONSE, StunMessage.BINDING, txid)
          .errorCode(errorCode, reason(errorCode));
      answer = sign(w, false).fingerprint().toBytes();
    } else {
      MessageWriter w = new MessageWriter(StunClass.SUCCESS_RESPONSE, StunMessage.BINDING, txid)
          .address(Attributes.XOR_MAPPED_ADDRESS, reportedAddress == null ? from
              : reportedAddress.getPort() == 0 ? new InetSocketAddress(reportedAddress.getAddress(), from.getPort())
              : reportedAddress);
      if (software != null) {
        w.text(Attributes.SOFTWARE, software);
      }
      w.address(Attributes.RESPONSE_ORIGIN, localAddress(out));
      if (other != null) {
        w.address(Attributes.OTHER_ADDRESS, other);
      }
      answer = sign(w, behavior == Behavior.WRONGLY_SIGNED).fingerprint().toBytes();
    }
    try {
      if (strayFirst) {
        byte[] otherTxid = txid.clone();
        otherTxid[11] ^= 0x5a;
        ch.send(ByteBuffer.wrap(new MessageWriter(StunClass.SUCCESS_RESPONSE, StunMessage.BINDING, otherTxid)
            .address(Attributes.XOR_MAPPED_ADDRESS, from).fingerprint().toBytes()), from);
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

  private MessageWriter sign(MessageWriter w, boolean wrongly) {
    if (wrongly) {
      return w.integrity("not-the-ice-password".getBytes(StandardCharsets.UTF_8));
    }
    return credentials == null ? w : w.integrity(credentials);
  }

  private boolean authorised(StunMessage req) {
    String user = req.value(Attributes.USERNAME, AttributeValue.Text.class).map(AttributeValue.Text::text)
        .orElse("");
    return req.integrity() == Verification.VALID && user.startsWith(ufrag + ":");
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

  /** Configures a {@link StunResponder}; not thread-safe. */
  public static final class Builder {
    private InetAddress host = InetAddress.getLoopbackAddress();
    private final Map<Integer, Behavior> ports = new LinkedHashMap<>();
    private Behavior behavior = Behavior.ANSWER;
    private String ufrag;
    private Secret password;
    private int errorCode = 401;
    private String software = "xphone-diag responder";
    private boolean strayFirst;
    private InetSocketAddress reportedAddress;
    private InetAddress alternateIp;
    private boolean ignoreChangeRequests;

    private Builder() {}

    /**
     * Reports this address in XOR-MAPPED-ADDRESS instead of the request's source, as if a NAT sat
     * between prober and responder (to test public-address and port-preservation findings). Port 0
     * keeps the request's source port: a NAT that preserves ports.
     */
    public Builder reportedAddress(InetSocketAddress address) {
      this.reportedAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Acts as an RFC 5780 server: binds two ports on the host and the same two on
     * {@code alternateIp} (e.g. 127.0.0.2), offers OTHER-ADDRESS and honours CHANGE-REQUEST.
     * Replaces {@link #port(int)} settings.
     */
    public Builder rfc5780(InetAddress alternateIp) {
      this.alternateIp = Objects.requireNonNull(alternateIp, "alternateIp");
      return this;
    }

    /** Leaves CHANGE-REQUEST requests unanswered, as a NAT with address-and-port-dependent filtering would. */
    public Builder ignoreChangeRequests(boolean ignore) {
      this.ignoreChangeRequests = ignore;
      return this;
    }

    /** The loopback address to bind (127.0.0.1 by default; {@code ::1} for IPv6). */
    public Builder host(InetAddress host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The behaviour of ports added without one (and of the single default port). */
    public Builder behavior(Behavior behavior) {
      this.behavior = Objects.requireNonNull(behavior, "behavior");
      return this;
    }

    /** Binds {@code port} (0 for a free one) with the default behaviour. */
    public Builder port(int port) {
      return port(port, behavior);
    }

    /** Binds {@code port} with {@code behavior}. */
    public Builder port(int port, Behavior behavior) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535 but was " + port);
      }
      ports.put(port, Objects.requireNonNull(behavior, "behavior"));
      return this;
    }

    /**
     * Acts as an ICE agent with this ufrag and password: requests must carry USERNAME
     * {@code ufrag:peer} and MESSAGE-INTEGRITY keyed with {@code password} or get 401; answers are
     * signed with it.
     */
    public Builder ice(String ufrag, Secret password) {
      this.ufrag = Objects.requireNonNull(ufrag, "ufrag");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The code of {@link Behavior#ERROR} answers, 300..699 (401 by default). */
    public Builder errorCode(int code) {
      if (code < 300 || code > 699) {
        throw new IllegalArgumentException("error code must be 300..699 but was " + code);
      }
      this.errorCode = code;
      return this;
    }

    /** The SOFTWARE attribute of success answers; null for none. */
    public Builder software(String software) {
      this.software = software;
      return this;
    }

    /** Sends a response with another transaction id before each real answer (to test stray counting). */
    public Builder strayFirst(boolean strayFirst) {
      this.strayFirst = strayFirst;
      return this;
    }

    /** Binds the ports and starts serving. */
    public StunResponder start() throws IOException {
      return new StunResponder(this);
    }
  }
}
