package org.xphonediag.benchmarks.fleet;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.PortRange;
import org.xphonediag.doctor.DeploymentProfile;
import org.xphonediag.doctor.Doctor;
import org.xphonediag.core.net.Transport;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.Scenario;
import org.xphonediag.testkit.sip.SipResponder;
import org.xphonediag.testkit.stun.StunResponder;

/**
 * One deployment of the fleet on loopback: a testkit {@link Lab} in one web {@link Scenario}, a
 * STUN server mapping to a public address, an XCC media port (answering or silent) and the XCC's
 * SIP side (answering OPTIONS with a code, silent, or a closed UDP port that answers with ICMP), plus
 * the profile the doctor walks. {@link #close()} stops every server.
 */
final class FleetSite implements AutoCloseable {
  /** What the XCC's SIP port does with OPTIONS. */
  enum Sip {
    OK, UNAVAILABLE, SILENT, CLOSED
  }

  /**
   * A named state of a site: the web scenario, the SIP behaviour and whether the media port stays
   * silent. Sites of the same kind must give the same report.
   */
  record Kind(Scenario web, Sip sip, boolean mediaSilent) {
    String name() {
      return web.cliName() + "/sip-" + sip.name().toLowerCase(Locale.ROOT) + (mediaSilent ? "/media-silent" : "");
    }

    /** The scenarios that differ in their web side only; the SIP and media behaviours are varied here. */
    private static final List<Scenario> WEB_SCENARIOS = List.of(Scenario.HEALTHY, Scenario.WEBSOCKET_BLOCKED,
        Scenario.INCOMPLETE_CHAIN, Scenario.EXPIRED, Scenario.WRONG_HOST, Scenario.SUB_SUBDOMAIN_WILDCARD,
        Scenario.WRONG_PASSWORD, Scenario.BACKEND_DOWN, Scenario.NO_DEVICES, Scenario.OLD_VERSION,
        Scenario.PROXY_PATH_CASE_MISMATCH, Scenario.BLACK_HOLE);

    /** One kind per web scenario, the SIP and media behaviours varied along. */
    static List<Kind> all() {
      List<Kind> kinds = new ArrayList<>();
      Sip[] sips = Sip.values();
      for (int i = 0; i < WEB_SCENARIOS.size(); i++) {
        kinds.add(new Kind(WEB_SCENARIOS.get(i), sips[i % sips.length], i % 3 == 1));
      }
      return kinds;
    }
  }

  private final Kind kind;
  private final List<AutoCloseable> servers;
  private final Lab web;
  private final DeploymentProfile profile;

  private FleetSite(Kind kind, List<AutoCloseable> servers, Lab web, DeploymentProfile profile) {
    this.kind = kind;
    this.servers = servers;
    this.web = web;
    this.profile = profile;
  }

  static FleetSite start(Kind kind) throws IOException {
    List<AutoCloseable> servers = new ArrayList<>();
    try {
      Lab web = Lab.start(kind.web());
      servers.add(web);
      InetAddress loopback = InetAddress.getLoopbackAddress();
      StunResponder stun = StunResponder.builder().host(loopback)
          .reportedAddress(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 0)).start();
      servers.add(stun);
      StunResponder media = StunResponder.builder().host(loopback)
          .behavior(kind.mediaSilent() ? StunResponder.Behavior.SILENT : StunResponder.Behavior.ANSWER).start();
      servers.add(media);
      String sipUri;
      if (kind.sip() == Sip.CLOSED) {
        sipUri = "sip:xcc@127.0.0.1:" + closedUdpPort(loopback);
      } else {
        SipResponder.Builder sb = SipResponder.builder().address(loopback);
        if (kind.sip() == Sip.SILENT) {
          sb.optionsSilent();
        } else {
          sb.optionsStatus(kind.sip() == Sip.OK ? 200 : 503);
        }
        SipResponder sip = sb.start();
        servers.add(sip);
        sipUri = sip.uri("udp");
      }
      int mediaPort = media.address().getPort();
      DeploymentProfile profile = DeploymentProfile.builder().name("fleet " + kind.name())
          .webApiUrl(URI.create(web.webApiUrl())).mobileUrl(URI.create(web.mobileUrl())).user(web.user())
          .stunServer(HostAndPort.of(stun.address()))
          .xccAddress(loopback.getHostAddress()).xccMediaPorts(new PortRange(mediaPort, mediaPort))
          .xccSipUri(sipUri).build();
      return new FleetSite(kind, servers, web, profile);
    } catch (IOException | RuntimeException e) {
      closeAll(servers);
      throw e;
    }
  }

  /**
   * A UDP port nothing listens on, which the kernel answers with ICMP port unreachable: free when
   * tried, and below the ephemeral range (32768 and up on Linux), so that no other site's server is
   * handed it later.
   */
  private static int closedUdpPort(InetAddress address) throws IOException {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = random.nextInt(20000, 30000);
      try (DatagramSocket s = new DatagramSocket(port, address)) {
        return s.getLocalPort();
      } catch (java.net.BindException e) {
        // in use: try another
      }
    }
    throw new IOException("no free UDP port in 20000-29999 on " + address.getHostAddress());
  }

  Kind kind() {
    return kind;
  }

  /** The doctor for this site, with the lab's password, resolver and trust. */
  Doctor doctor() {
    return Doctor.builder(profile).password(Secret.of(web.password())).resolver(web.resolver()).trust(web.trust())
        .build();
  }

  @Override
  public void close() {
    closeAll(servers);
  }

  private static void closeAll(List<AutoCloseable> servers) {
    for (AutoCloseable c : servers) {
      try {
        c.close();
      } catch (Exception e) {
        // best effort: the benchmark counts what is left afterwards
      }
    }
  }
}
