package org.xphonediag.webapi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves a host name to its addresses. The default is the system resolver; tests and the
 * testkit lab pass one that maps their names to loopback.
 */
@FunctionalInterface
public interface HostResolver {
  /** Returns every address of {@code host} (at least one) or throws. */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The system resolver. */
  static HostResolver system() {
    return host -> Arrays.asList(InetAddress.getAllByName(host));
  }
}
