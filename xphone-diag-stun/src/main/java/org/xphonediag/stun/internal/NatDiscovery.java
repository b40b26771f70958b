package org.xphonediag.stun.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.function.BooleanSupplier;
import org.xphonediag.stun.NatBehavior;
import org.xphonediag.stun.NatBehavior.Kind;
import org.xphonediag.stun.RetransmissionPolicy;

/**
 * RFC 5780 §4.3 (mapping) and §4.4 (filtering) behaviour discovery against a server that offers
 * OTHER-ADDRESS, on one unconnected channel bound to the local IP the first binding used. A test
 * that gets no answer leaves its behaviour {@code unknown}, except the filtering tests, whose
 * silence is the finding. Not thread-safe.
 */
public final class NatDiscovery {
  private NatDiscovery() {}

  /**
   * Runs the tests.
   *
   * @param localIp the local IP the first binding left from
   * @param primary the server's address as used for the first binding
   * @param other the server's OTHER-ADDRESS
   */
  public static NatBehavior discover(InetAddress localIp, InetSocketAddress primary, InetSocketAddress other,
      RetransmissionPolicy policy, long deadlineNanos, BooleanSupplier cancelled)
      throws IOException, InterruptedException {
    try (DatagramChannel ch = DatagramChannel.open(primary.getAddress() instanceof Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)) {
      ch.bind(new InetSocketAddress(localIp, 0));
      ch.configureBlocking(false);
      InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
      InetSocketAddress m1 = mapped(ch, primary, Requests::classic, policy, share(deadlineNanos, 5), cancelled, false);
      if (m1 == null) {
        return NatBehavior.unknown();
      }
      Kind mapping;
      if (m1.equals(local)) {
        mapping = Kind.NO_NAT;
      } else {
        InetSocketAddress m2 = mapped(ch, new InetSocketAddress(other.getAddress(), primary.getPort()),
            Requests::classic, policy, share(deadlineNanos, 4), cancelled, false);
        if (m2 == null) {
          mapping = Kind.UNKNOWN;
        } else if (m2.equals(m1)) {
          mapping = Kind.ENDPOINT_INDEPENDENT;
        } else {
          InetSocketAddress m3 = mapped(ch, other, Requests::classic, policy, share(deadlineNanos, 3), cancelled, false);
          mapping = m3 == null ? Kind.UNKNOWN : m3.equals(m2) ? Kind.ADDRESS_DEPENDENT : Kind.ADDRESS_AND_PORT_DEPENDENT;
        }
      }
      Kind filtering;
      UdpTransaction.Outcome f2 = exchange(ch, primary, txid -> Requests.changeRequest(txid, true, true), policy,
          share(deadlineNanos, 2), cancelled);
      if (f2.kind() == UdpTransaction.Kind.RESPONSE) {
        filtering = f2.from().equals(primary) ? Kind.UNKNOWN : Kind.ENDPOINT_INDEPENDENT;
      } else {
        UdpTransaction.Outcome f3 = exchange(ch, primary, txid -> Requests.changeRequest(txid, false, true), policy,
            deadlineNanos, cancelled);
        if (f3.kind() == UdpTransaction.Kind.RESPONSE) {
          filtering = f3.from().equals(primary) ? Kind.UNKNOWN : Kind.ADDRESS_DEPENDENT;
        } else {
          filtering = f3.kind() == UdpTransaction.Kind.TIMEOUT ? Kind.ADDRESS_AND_PORT_DEPENDENT : Kind.UNKNOWN;
        }
      }
      return new NatBehavior(mapping, filtering);
    }
  }

  /** A deadline that leaves the rest of the time to {@code parts - 1} later tests. */
  private static long share(long deadlineNanos, int parts) {
    long now = System.nanoTime();
    return now + Math.max(0, deadlineNanos - now) / parts;
  }

  private static InetSocketAddress mapped(DatagramChannel ch, InetSocketAddress target,
      java.util.function.Function<byte[], byte[]> request, RetransmissionPolicy policy, long deadline,
      BooleanSupplier cancelled, boolean anySource) throws IOException, InterruptedException {
    UdpTransaction.Outcome o = exchange(ch, target, request, policy, deadline, cancelled);
    return o.kind() == UdpTransaction.Kind.RESPONSE ? o.response().mappedAddress().orElse(null) : null;
  }

  private static UdpTransaction.Outcome exchange(DatagramChannel ch, InetSocketAddress target,
      java.util.function.Function<byte[], byte[]> request, RetransmissionPolicy policy, long deadline,
      BooleanSupplier cancelled) throws IOException, InterruptedException {
    byte[] txid = Requests.newTransactionId();
    return UdpTransaction.run(ch, target, request.apply(txid), txid, policy, deadline, cancelled, null, true);
  }
}
