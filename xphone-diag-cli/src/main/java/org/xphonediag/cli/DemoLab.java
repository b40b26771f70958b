package org.xphonediag.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.doctor.DeploymentProfile;
import org.xphonediag.doctor.Doctor;
import org.xphonediag.core.net.PortRange;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.sip.SipResponder;
import org.xphonediag.testkit.stun.StunResponder;

/**
 * Everything {@code doctor --demo} runs against, on loopback: the testkit's web lab, a STUN server
 * that answers as if a NAT mapped this machine to the public 203.0.113.7, an XCC media port, a SIP
 * responder standing in for the XCC's SIP side, and the
 * deployment's files (web.config, appsettings.json, acl.conf.xml) written to a temporary folder. The
 * doctor under test is the real one; only the XPhone side is simulated. {@link #close()} stops
 * every server and deletes the folder.
 */
final class DemoLab implements AutoCloseable {
  /** The public address the simulated NAT maps to (RFC 5737 documentation range). */
  static final String PUBLIC_IP = "203.0.113.7";
  static final String SERVER_IP = "10.0.0.5";

  private final DemoScenario scenario;
  private final Lab web;
  private final StunResponder stun;
  private final StunResponder xccMedia;
  private final SipResponder xccSip;
  private final Path dir;
  private final DeploymentProfile profile;

  private DemoLab(DemoScenario scenario, Lab web, StunResponder stun, StunResponder xccMedia, SipResponder xccSip,
      Path dir, DeploymentProfile profile) {
    this.scenario = scenario;
    this.web = web;
    this.stun = stun;
    this.xccMedia = xccMedia;
    this.xccSip = xccSip;
    this.dir = dir;
    this.profile = profile;
  }

  /**
   * MockWebServer logs dropped connections through java.util.logging; the checks report them. The
   * testkit carries it relocated (its jar's META-INF/xphone-diag/THIRD-PARTY.txt), under the second
   * name.
   */
  private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("mockwebserver3");
  private static final java.util.logging.Logger RELOCATED_MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("org.xphonediag.testkit.internal.shaded.mockwebserver3");

  static DemoLab start(DemoScenario scenario) throws IOException {
    return start(scenario, web -> { }, profile -> { });
  }

  /**
   * A demo lab whose web lab and profile the caller adjusts, e.g. to hand out a TURN server from the
   * STUN/TURN route ({@link Lab.Builder#turnServer}) or to name TURN servers in the profile.
   */
  static DemoLab start(DemoScenario scenario, java.util.function.Consumer<Lab.Builder> webOptions,
      java.util.function.Consumer<DeploymentProfile.Builder> profileOptions) throws IOException {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.OFF);
    RELOCATED_MOCK_SERVER_LOG.setLevel(java.util.logging.Level.OFF);
    Lab web = null;
    StunResponder stun = null;
    StunResponder media = null;
    SipResponder sip = null;
    Path dir = null;
    try {
      Lab.Builder wb = Lab.builder(scenario.web);
      webOptions.accept(wb);
      web = wb.start();
      InetAddress loopback = InetAddress.getLoopbackAddress();
      stun = StunResponder.builder().host(loopback).software("xphone-diag demo STUN")
          .reportedAddress(new InetSocketAddress(InetAddress.getByName(PUBLIC_IP), 0)).start();
      media = StunResponder.builder().host(loopback)
          .behavior(scenario.mediaSilent ? StunResponder.Behavior.SILENT : StunResponder.Behavior.ANSWER).start();
      sip = SipResponder.builder().address(loopback).optionsStatus(200).start();
      dir = Files.createTempDirectory("xphone-diag-demo");
      Path webConfig = write(dir.resolve("web.config"), webConfig());
      Path appSettings = write(dir.resolve("appsettings.json"), appSettings(scenario.dmzLocalhost));
      Path acl = write(dir.resolve("acl.conf.xml"), acl(scenario.publicCandidateDenied));
      int mediaPort = media.address().getPort();
      DeploymentProfile.Builder p = DeploymentProfile.builder().name("xphone-diag demo (" + scenario.optionName() + ")")
          .webApiUrl(URI.create(web.webApiUrl())).mobileUrl(URI.create(web.mobileUrl()))
          .user(web.user()).passwordEnv("XPHONE_DIAG_DEMO_PASSWORD")
          .stunServer(HostAndPort.of(stun.address()))
          .xccAddress(media.address().getAddress().getHostAddress())
          .xccMediaPorts(new PortRange(mediaPort, mediaPort))
          .xccPlacement(DeploymentProfile.Placement.LOCAL)
          .xccSipUri(sip.uri("udp"))
          .serverAddress(SERVER_IP)
          .iis(scenario.dmzLocalhost ? DeploymentProfile.Placement.DMZ : DeploymentProfile.Placement.LOCAL)
          .webConfig(webConfig).appSettings(appSettings).aclFile(acl)
          .inboundList("xcc_localnet").candidateList("xcc_candidates")
          .localNetwork(Cidr.parse("10.0.0.0/16"));
      if (scenario.web == org.xphonediag.testkit.Scenario.WEBSOCKET_BLOCKED) {
        p.proxy("netscaler");
      }
      profileOptions.accept(p);
      return new DemoLab(scenario, web, stun, media, sip, dir, p.build());
    } catch (IOException | RuntimeException e) {
      closeQuietly(web, stun, media, sip);
      delete(dir);
      throw e;
    }
  }

  DeploymentProfile profile() {
    return profile;
  }

  /** The doctor for this lab: the lab's resolver, trust material and password. */
  Doctor.Builder doctor() {
    return Doctor.builder(profile).password(Secret.of(web.password())).resolver(web.resolver()).trust(web.trust());
  }

  DemoScenario scenario() {
    return scenario;
  }

  /** The web lab, e.g. for the tokens it issued. */
  Lab web() {
    return web;
  }

  /** The files written for the deployment (web.config, appsettings.json, acl.conf.xml). */
  Path folder() {
    return dir;
  }

  @Override
  public void close() {
    closeQuietly(web, stun, xccMedia, xccSip);
    delete(dir);
  }

  /** WcfIPEndPoint stays localhost: right with IIS on the server, the classic mistake in the DMZ. */
  private static String webConfig() {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <appSettings>\n"
        + "    <add key=\"WcfIPEndPoint\" value=\"localhost\" />\n"
        + "    <add key=\"PatternNamesUnavailable\" value=\"Away;Holiday\" />\n"
        + "  </appSettings>\n</configuration>\n";
  }

  private static String appSettings(boolean dmz) {
    byte[] key = new byte[36];
    new SecureRandom().nextBytes(key);
    return "{\n  // written by xphone-diag doctor --demo\n  \"AppSettings\": {\n"
        + "    \"Secret\": \"" + Base64.getEncoder().encodeToString(key) + "\",\n"
        + "    \"JwtTokenLifetimeInMinutes\": 30,\n    \"RefreshTokenLifetimeInHours\": 96,\n"
        + "    \"SignalRLongPolling\": false,\n"
        + "    \"XPhoneServerHost\": \"" + (dmz ? SERVER_IP : "") + "\",\n"
        + "    \"XPhoneServerUnifiedPort\": \"\"\n  },\n"
        + "  \"FeatureManagement\": { \"V9\": true },\n  \"AllowedHosts\": \"*\"\n}\n";
  }

  private static String acl(boolean publicCandidateDenied) {
    return "<configuration name=\"acl.conf\" description=\"Network Lists\">\n  <network-lists>\n"
        + "    <list name=\"xcc_localnet\" default=\"deny\">\n"
        + "      <node type=\"allow\" cidr=\"127.0.0.1/32\"/>\n"
        + "      <node type=\"allow\" cidr=\"" + SERVER_IP + "/32\"/>\n"
        + "    </list>\n"
        + "    <list name=\"xcc_candidates\" default=\"deny\">\n"
        + "      <node type=\"allow\" cidr=\"127.0.0.0/8\"/>\n"
        + "      <node type=\"allow\" cidr=\"10.0.0.0/8\"/>\n"
        + "      <node type=\"allow\" cidr=\"192.168.0.0/16\"/>\n"
        + (publicCandidateDenied ? "" : "      <node type=\"allow\" cidr=\"203.0.113.0/24\"/>\n")
        + "    </list>\n  </network-lists>\n</configuration>\n";
  }

  private static Path write(Path p, String text) throws IOException {
    Files.writeString(p, text);
    return p;
  }

  private static void closeQuietly(AutoCloseable... all) {
    for (AutoCloseable c : all) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception ignored) {
          // best effort while shutting the demo down
        }
      }
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
