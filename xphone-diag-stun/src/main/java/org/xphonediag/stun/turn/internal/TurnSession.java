package org.xphonediag.stun.turn.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.FindingCode;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.AttributeValue;
import org.xphonediag.stun.RetransmissionPolicy;
import org.xphonediag.stun.StunClass;
import org.xphonediag.stun.StunMessage;
import org.xphonediag.stun.internal.Attributes;
import org.xphonediag.stun.internal.MessageWriter;
import org.xphonediag.stun.internal.Requests;
import org.xphonediag.stun.turn.TurnRelay;
import org.xphonediag.stun.turn.TurnUri;

/**
 * One TURN client session against one server URI (RFC 8656 §7, §9, §10, §11): connect, Allocate
 * (unauthenticated, then with the long-term credentials of the 401's REALM and NONCE, one retry on
 * 438 Stale Nonce; REQUESTED-ADDRESS-FAMILY for an IPv6 relay), CreatePermission for the peer, a
 * Send indication answered by a Data indication, optionally ChannelBind and a ChannelData round
 * trip (§12), and Refresh with LIFETIME 0 whenever an allocation exists. Requests over UDP are retransmitted
 * per the policy; over TCP and TLS sent once. Not thread-safe; one session per URI tried.
 */
public final class TurnSession {
  private static final Logger LOG = LoggerFactory.getLogger(TurnSession.class);
  /** The methods of RFC 8656 §17. */
  static final int ALLOCATE = 0x003;
  static final int REFRESH = 0x004;
  static final int SEND = 0x006;
  static final int DATA = 0x007;
  static final int CREATE_PERMISSION = 0x008;
  static final int CHANNEL_BIND = 0x009;
  /** The channel the session binds: the first of 0x4000-0x4FFF (RFC 8656 §12). */
  static final int CHANNEL = 0x4000;
  /** REQUESTED-TRANSPORT UDP: protocol 17 in the first byte (RFC 8656 §18.7). */
  private static final byte[] UDP_TRANSPORT = {17, 0, 0, 0};

  private final TurnUri uri;
  private final String username;
  private final Secret password;
  private final X509TrustManager trust;
  private final InetSocketAddress externalPeer;
  private final RetransmissionPolicy policy;
  private final BooleanSupplier cancelled;
  private final Options options;
  private boolean releasing;
  private Duration channelRtt;

  private TurnConnection connection;
  private TurnWire wire;
  private InetSocketAddress server;
  private String realm;
  private String software;
  private InetSocketAddress relayed;
  private InetSocketAddress mapped;
  private Duration lifetime;
  private Duration allocationRtt;
  private InetSocketAddress peer;
  private Duration dataRtt;
  private EchoPeer echo;
  private boolean released;
  private TurnRelay.Failure failure;

  /**
   * What a session does beyond Allocate, CreatePermission and Send/Data.
   *
   * @param channelBind bind a channel and send ChannelData through it (RFC 8656 §12)
   * @param ipv6 ask for an IPv6 relayed address (REQUESTED-ADDRESS-FAMILY, RFC 8656 §18.10)
   */
  public record Options(boolean channelBind, boolean ipv6) {}

  /**
   * @param trust trust for {@code turns:}; null for the platform's
   * @param externalPeer a peer that echoes; null to run the session's own
   */
  public TurnSession(TurnUri uri, String username, Secret password, X509TrustManager trust,
      InetSocketAddress externalPeer, RetransmissionPolicy policy, BooleanSupplier cancelled, Options options) {
    this.options = options;
    this.uri = uri;
    this.username = username;
    this.password = password;
    this.trust = trust;
    this.externalPeer = externalPeer;
    this.policy = policy;
    this.cancelled = () -> !releasing && cancelled.getAsBoolean();
  }

  /**
   * Runs every step until {@code stepDeadline}; the release (Refresh 0) may use time until
   * {@code releaseDeadline} and is sent also when a step failed or the check was cancelled.
   *
   * @throws InterruptedException when cancelled (after the release)
   */
  public TurnRelay run(long stepDeadline, long releaseDeadline) throws InterruptedException {
    try {
      steps(stepDeadline);
    } catch (InterruptedException e) {
      release(Math.min(releaseDeadline, System.nanoTime() + 500_000_000L));
      close();
      throw e;
    }
    release(Math.max(releaseDeadline, System.nanoTime() + 200_000_000L));
    close();
    return new TurnRelay(uri, Optional.ofNullable(server), Optional.ofNullable(realm), Optional.ofNullable(software),
        Optional.ofNullable(relayed), Optional.ofNullable(mapped), Optional.ofNullable(lifetime),
        Optional.ofNullable(allocationRtt), Optional.ofNullable(peer), Optional.ofNullable(dataRtt),
        Optional.ofNullable(channelRtt),
        echo == null ? -1 : echo.received(), released, Optional.ofNullable(failure));
  }

  private String where() {
    return uri.server() + "/" + uri.transport().jsonName();
  }

  private void fail(FindingCode code, String step, Integer errorCode, String message) {
    failure = new TurnRelay.Failure(code, message, Optional.ofNullable(errorCode), step);
  }

  private void steps(long deadline) throws InterruptedException {
    try {
      server = new InetSocketAddress(InetAddress.getByName(uri.server().host()), uri.server().port());
    } catch (IOException e) {
      fail(FindingCatalog.TURN_UNREACHABLE, "connect", null, "cannot resolve TURN server " + uri.server().host()
          + " of " + uri + ": " + e.getMessage());
      return;
    }
    if (!connect(deadline)) {
      return;
    }
    try {
      boolean allocated = allocate(deadline);
      if (!allocated && allocationMismatch()) {
        // RFC 8656 §7.3: the server still holds an allocation for this 5-tuple (an earlier client on
        // a source port the OS has handed out again); try once more from another client address
        LOG.debug("TURN server {} answered 437 Allocation Mismatch; retrying from a new client port", where());
        TurnConnection mismatched = connection; // closed after the new one is open, so its port is not reused
        failure = null;
        boolean reconnected = connect(deadline);
        mismatched.close();
        if (!reconnected) {
          return;
        }
        allocated = allocate(deadline);
      }
      if (allocated && permit(deadline)) {
        roundTrip(deadline);
        if (failure == null && options.channelBind()) {
          channel(deadline);
        }
      }
    } catch (PortUnreachableException e) {
      fail(FindingCatalog.TURN_UNREACHABLE, relayed == null ? "allocate" : "data", null,
          "ICMP port unreachable from TURN server " + where() + ": nothing listens there");
    } catch (EOFException e) {
      fail(FindingCatalog.TURN_UNREACHABLE, relayed == null ? "allocate" : "data", null,
          "TURN server " + where() + " closed the connection");
    } catch (IOException e) {
      fail(FindingCatalog.TURN_UNREACHABLE, relayed == null ? "allocate" : "data", null,
          "talking to TURN server " + where() + " failed: " + e.getMessage());
    }
  }

  private boolean allocationMismatch() {
    return failure != null && relayed == null && failure.errorCode().equals(Optional.of(437));
  }

  private boolean connect(long deadline) {
    try {
      connection = TurnConnection.open(uri, server, trust, deadline);
      wire = new TurnWire(connection, policy, cancelled, where(), username);
      return true;
    } catch (ConnectException e) {
      fail(FindingCatalog.TURN_UNREACHABLE, "connect", null, "TURN server " + where() + " refused the connection");
    } catch (SocketTimeoutException e) {
      fail(FindingCatalog.TURN_UNREACHABLE, "connect", null, "TURN server " + where()
          + " did not connect (or finish the TLS handshake) within the budget");
    } catch (SSLException e) {
      if (certificateProblem(e)) {
        fail(FindingCatalog.TLS_UNTRUSTED, "connect", null, "the TLS certificate of TURN server " + where()
            + " must be trusted but was not: " + e.getMessage());
      } else {
        fail(FindingCatalog.TURN_UNREACHABLE, "connect", null, "TLS handshake with TURN server " + where()
            + " failed: " + e.getMessage());
      }
    } catch (IOException | GeneralSecurityException e) {
      fail(FindingCatalog.TURN_UNREACHABLE, "connect", null, "cannot connect to TURN server " + where() + ": "
          + e.getMessage());
    }
    return false;
  }

  private static boolean certificateProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException || t instanceof java.security.cert.CertPathValidatorException) {
        return true;
      }
    }
    return false;
  }

  private boolean allocate(long deadline) throws IOException, InterruptedException {
    Consumer<MessageWriter> attrs = w -> {
      w.attribute(Attributes.REQUESTED_TRANSPORT, UDP_TRANSPORT);
      if (options.ipv6()) {
        w.attribute(Attributes.REQUESTED_ADDRESS_FAMILY, new byte[] {2, 0, 0, 0});
      }
    };
    TurnWire.Answer a = wire.transact(ALLOCATE, attrs, false, deadline);
    if (a.message() == null) {
      fail(FindingCatalog.TURN_UNREACHABLE, "allocate", null, "no response to Allocate from TURN server " + where()
          + " " + a.tries());
      return false;
    }
    software = a.message().software().orElse(null);
    if (a.message().messageClass() == StunClass.ERROR_RESPONSE) {
      int code = a.message().errorCode().orElse(0);
      if (code != 401) {
        return allocationError(a.message(), "unauthenticated Allocate");
      }
      realm = TurnWire.text(a.message(), Attributes.REALM);
      String nonce = TurnWire.text(a.message(), Attributes.NONCE);
      if (realm == null || nonce == null) {
        fail(FindingCatalog.TURN_AUTH_FAILED, "allocate", 401, "401 from TURN server " + where()
            + " must carry REALM and NONCE (RFC 8489 §9.2.4) but " + (realm == null ? "REALM" : "NONCE")
            + " was missing");
        return false;
      }
      wire.authenticate(realm, nonce, password);
      a = wire.authenticated(ALLOCATE, attrs, deadline);
      if (a.message() == null) {
        fail(FindingCatalog.TURN_UNREACHABLE, "allocate", null, "no response to the authenticated Allocate from "
            + "TURN server " + where() + " " + a.tries());
        return false;
      }
      if (a.message().messageClass() == StunClass.ERROR_RESPONSE) {
        int c = a.message().errorCode().orElse(0);
        if (c == 401 || c == 438) {
          fail(FindingCatalog.TURN_AUTH_FAILED, "allocate", c, String.format(Locale.ROOT,
              "TURN server %s must accept user '%s' in realm '%s' but answered %d %s", where(), username, realm, c,
              a.message().errorReason().orElse("")).strip());
          return false;
        }
        return allocationError(a.message(), "authenticated Allocate");
      }
    }
    Optional<InetSocketAddress> r = a.message().address(Attributes.XOR_RELAYED_ADDRESS);
    if (r.isEmpty()) {
      fail(FindingCatalog.TURN_ALLOCATION_FAILED, "allocate", null, "the Allocate success from TURN server "
          + where() + " must carry XOR-RELAYED-ADDRESS but had none");
      return false;
    }
    relayed = r.get();
    mapped = a.message().address(Attributes.XOR_MAPPED_ADDRESS).orElse(null);
    lifetime = a.message().value(Attributes.LIFETIME, AttributeValue.Lifetime.class)
        .map(AttributeValue.Lifetime::duration).orElse(null);
    allocationRtt = Duration.ofNanos(a.rttNanos());
    LOG.debug("TURN allocation on {}: relayed {}, mapped {}", where(), relayed, mapped);
    return true;
  }

  private boolean allocationError(StunMessage m, String what) {
    int code = m.errorCode().orElse(0);
    fail(FindingCatalog.TURN_ALLOCATION_FAILED, "allocate", code, String.format(Locale.ROOT,
        "the %s to TURN server %s must succeed but was answered %d %s", what, where(), code,
        m.errorReason().orElse("")).strip());
    return false;
  }

  private boolean permit(long deadline) throws IOException, InterruptedException {
    if (externalPeer != null) {
      peer = externalPeer;
    } else {
      InetAddress local = connection.localAddress().getAddress();
      echo = new EchoPeer(local);
      InetAddress ip = mapped != null && !mapped.getAddress().isAnyLocalAddress() ? mapped.getAddress() : local;
      if (sameFamily(relayed.getAddress(), local) && !sameFamily(relayed.getAddress(), ip)) {
        ip = local;
      }
      if (!sameFamily(relayed.getAddress(), ip)) {
        fail(FindingCatalog.TURN_RELAY_BLOCKED, "create-permission", null, String.format(Locale.ROOT,
            "the check's own peer must be of the relay's address family but relay %s is %s and this machine "
                + "talks to TURN server %s over %s; give an echoing peer of that family", HostAndPort.of(relayed),
            family(relayed.getAddress()), where(), family(local)));
        return false;
      }
      peer = new InetSocketAddress(ip, echo.port());
      echo.punch(relayed);
    }
    TurnWire.Answer a = wire.authenticated(CREATE_PERMISSION, w -> w.address(Attributes.XOR_PEER_ADDRESS, peer), deadline);
    if (a.message() == null || a.message().messageClass() == StunClass.ERROR_RESPONSE) {
      Integer code = a.message() == null ? null : a.message().errorCode().orElse(0);
      fail(FindingCatalog.TURN_RELAY_BLOCKED, "create-permission", code, String.format(Locale.ROOT,
          "CreatePermission for peer %s on TURN server %s must succeed but %s", HostAndPort.of(peer), where(),
          a.message() == null ? "got no response " + a.tries()
              : "was answered " + code + " " + a.message().errorReason().orElse("")).strip());
      return false;
    }
    return true;
  }

  private static boolean sameFamily(InetAddress a, InetAddress b) {
    return (a instanceof java.net.Inet6Address) == (b instanceof java.net.Inet6Address);
  }

  private static String family(InetAddress a) {
    return a instanceof java.net.Inet6Address ? "IPv6" : "IPv4";
  }

  /**
   * ChannelBind to the peer, then one ChannelData round trip through the channel (RFC 8656 §12):
   * 4-byte header (channel number, length), padded to four bytes over TCP and TLS (§12.5).
   */
  private void channel(long deadline) throws IOException, InterruptedException {
    TurnWire.Answer a = wire.authenticated(CHANNEL_BIND, w -> w.u32Attribute(Attributes.CHANNEL_NUMBER, (long) CHANNEL << 16)
        .address(Attributes.XOR_PEER_ADDRESS, peer), deadline);
    if (a.message() == null || a.message().messageClass() == StunClass.ERROR_RESPONSE) {
      Integer code = a.message() == null ? null : a.message().errorCode().orElse(0);
      fail(FindingCatalog.TURN_RELAY_BLOCKED, "channel-bind", code, String.format(Locale.ROOT,
          "ChannelBind of channel 0x%04x to peer %s on TURN server %s must succeed but %s", CHANNEL,
          HostAndPort.of(peer), where(), a.message() == null ? "got no response " + a.tries()
              : "was answered " + code + " " + a.message().errorReason().orElse("")).strip());
      return;
    }
    byte[] payload = payload("XPCH", 17); // odd length on purpose: the padding over TCP is exercised
    int before = echo == null ? -1 : echo.received();
    TurnWire.Echo e = wire.echo(ChannelData.frame(CHANNEL, payload, connection.reliable()),
        in -> ChannelData.carries(in, CHANNEL, payload), deadline);
    if (e.rttNanos() >= 0) {
      channelRtt = Duration.ofNanos(e.rttNanos());
      return;
    }
    String side = echo == null ? "" : echo.received() == before
        ? ": the peer received nothing through the channel" : ": the peer echoed, the relay did not pass the "
        + "answer back as ChannelData";
    fail(FindingCatalog.TURN_RELAY_BLOCKED, "channel-data", null, String.format(Locale.ROOT,
        "ChannelData sent on channel 0x%04x of relay %s (TURN server %s) to peer %s must come back but did not "
            + "after %d transmission(s) in %d ms%s", CHANNEL, HostAndPort.of(relayed), where(), HostAndPort.of(peer),
        e.sent(), e.elapsedNanos() / 1_000_000, side));
  }

  private void roundTrip(long deadline) throws IOException, InterruptedException {
    byte[] payload = payload("XPDG", 16);
    byte[] indication = new MessageWriter(StunClass.INDICATION, SEND, Requests.newTransactionId())
        .address(Attributes.XOR_PEER_ADDRESS, peer).attribute(Attributes.DATA, payload).fingerprint().toBytes();
    TurnWire.Echo e = wire.echo(indication, in -> {
      if (ChannelData.is(in)) {
        return false;
      }
      StunMessage m = wire.decode(in, false);
      return m != null && m.messageClass() == StunClass.INDICATION && m.method() == DATA
          && m.attribute(Attributes.DATA).map(d -> Arrays.equals(d.value(), payload)).orElse(false);
    }, deadline);
    if (e.rttNanos() >= 0) {
      dataRtt = Duration.ofNanos(e.rttNanos());
      return;
    }
    String side = echo == null ? "" : echo.received() == 0
        ? ": the peer received nothing from the relay" : ": the peer received and echoed, the relay did not pass "
        + "the answer back";
    fail(FindingCatalog.TURN_RELAY_BLOCKED, "data", null, String.format(Locale.ROOT,
        "data sent through relay %s of TURN server %s to peer %s must come back but did not after %d Send "
            + "indication(s) in %d ms%s", HostAndPort.of(relayed), where(), HostAndPort.of(peer), e.sent(),
        e.elapsedNanos() / 1_000_000, side));
  }

  /** {@code tag} (four ASCII letters) and random bytes, {@code length} in all. */
  private static byte[] payload(String tag, int length) {
    byte[] payload = new byte[length];
    System.arraycopy(tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, payload, 0, 4);
    System.arraycopy(Requests.newTransactionId(), 0, payload, 4, 12);
    return payload;
  }

  private void release(long deadline) {
    if (relayed == null || connection == null) {
      return;
    }
    releasing = true;
    boolean interrupted = Thread.interrupted();
    try {
      TurnWire.Answer a = wire.authenticated(REFRESH, w -> w.u32Attribute(Attributes.LIFETIME, 0), deadline);
      released = a.message() != null && a.message().messageClass() == StunClass.SUCCESS_RESPONSE;
      if (!released) {
        LOG.debug("Refresh 0 on {} not confirmed: {}", where(), a.message());
      }
    } catch (IOException | InterruptedException e) {
      LOG.debug("Refresh 0 on {} failed: {}", where(), e.toString());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void close() {
    if (echo != null) {
      echo.close();
    }
    if (connection != null) {
      try {
        connection.close();
      } catch (IOException e) {
        LOG.debug("closing the TURN connection to {}: {}", where(), e.toString());
      }
    }
  }
}
