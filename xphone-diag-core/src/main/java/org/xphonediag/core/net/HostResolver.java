package org.xphonediag.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves a host name to every address (A and AAAA), the one resolver every check that looks up a
 * name takes. The default is the system resolver; tests and the testkit lab pass one that maps
 * their names to loopback.
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
