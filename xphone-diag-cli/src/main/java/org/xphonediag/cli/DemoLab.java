package org.xphonediag.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.PortRange;
import org.xphonediag.doctor.DeploymentProfile;
import org.xphonediag.doctor.Doctor;
import org.xphonediag.core.net.PortRange;
import org.xphonediag.core.net.Transport;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.Scenario;

/**
 * Everything {@code doctor --demo} runs against: the testkit's lab in a {@link Scenario} with its
 * STUN server, XCC (media port and SIP) and deployment files, and the deployment profile that
 * describes it to the doctor. The doctor under test is the real one; only the XPhone side is
 * simulated. {@link #close()} stops every server and deletes the files.
 */
final class DemoLab implements AutoCloseable {
  private final Scenario scenario;
  private final Lab lab;
  private final DeploymentProfile profile;

  private DemoLab(Scenario scenario, Lab lab, DeploymentProfile profile) {
    this.scenario = scenario;
    this.lab = lab;
    this.profile = profile;
  }

  static DemoLab start(Scenario scenario) throws IOException {
    return start(scenario, web -> { }, profile -> { });
  }

  /**
   * A demo lab whose lab and profile the caller adjusts, e.g. to hand out a TURN server from the
   * STUN/TURN route ({@link Lab.Builder#turnServer}) or to name TURN servers in the profile.
   */
  static DemoLab start(Scenario scenario, java.util.function.Consumer<Lab.Builder> webOptions,
      java.util.function.Consumer<DeploymentProfile.Builder> profileOptions) throws IOException {
    Lab.Builder lb = Lab.builder(scenario).stunServer().xcc().deploymentFiles();
    webOptions.accept(lb);
    Lab lab = lb.start();
    try {
      Path dir = lab.deploymentFolder();
      int mediaPort = lab.xccMedia().address().getPort();
      DeploymentProfile.Builder p = DeploymentProfile.builder().name("xphone-diag demo (" + scenario.cliName() + ")")
          .webApiUrl(URI.create(lab.webApiUrl())).mobileUrl(URI.create(lab.mobileUrl()))
          .user(lab.user()).passwordEnv("XPHONE_DIAG_DEMO_PASSWORD")
          .stunServer(HostAndPort.of(lab.stunServer().address()))
          .xccAddress(lab.xccMedia().address().getAddress().getHostAddress())
          .xccMediaPorts(new PortRange(mediaPort, mediaPort))
          .xccPlacement(DeploymentProfile.Placement.LOCAL)
          .xccSipUri(lab.xccSip().uri("udp"))
          .serverAddress(Lab.SERVER_IP)
          .iis(scenario.iisInDmz() ? DeploymentProfile.Placement.DMZ : DeploymentProfile.Placement.LOCAL)
          .webConfig(dir.resolve("web.config")).appSettings(dir.resolve("appsettings.json"))
          .aclFile(dir.resolve("acl.conf.xml"))
          .inboundList(Lab.INBOUND_ACL_LIST).candidateList(Lab.CANDIDATE_ACL_LIST)
          .localNetwork(Cidr.parse("10.0.0.0/16"));
      if (scenario.web() == Scenario.WEBSOCKET_BLOCKED) {
        p.proxy("netscaler");
      }
      profileOptions.accept(p);
      return new DemoLab(scenario, lab, p.build());
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  DeploymentProfile profile() {
    return profile;
  }

  /** The doctor for this lab: the lab's resolver, trust material and password. */
  Doctor.Builder doctor() {
    return Doctor.builder(profile).password(Secret.of(lab.password())).resolver(lab.resolver()).trust(lab.trust());
  }

  Scenario scenario() {
    return scenario;
  }

  /** The lab, e.g. for the tokens it issued. */
  Lab web() {
    return lab;
  }

  /** The files written for the deployment (web.config, appsettings.json, acl.conf.xml). */
  Path folder() {
    return lab.deploymentFolder();
  }

  @Override
  public void close() {
    lab.close();
  }
}
