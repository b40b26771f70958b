package org.xphonediag.exporter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.Transport;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.Scenario;
import org.xphonediag.testkit.sip.SipResponder;
import org.xphonediag.testkit.stun.StunResponder;

/**
 * One deployment on loopback for the exporter's tests, as {@code doctor --demo} builds it: the
 * testkit's web lab in a scenario, a STUN server that maps to a public address, an XCC media port
 * and SIP responder, and its profile written as {@code NAME.json} into the profile folder. The
 * exporter reaches the lab's host name and certificates through {@link #customizer(Map)}, and the
 * password through {@link #secrets(Map)}.
 */
final class LabSite implements AutoCloseable {
  final String name;
  final Lab web;
  private final StunResponder stun;
  private final StunResponder media;
  private final SipResponder sip;

  private LabSite(String name, Lab web, StunResponder stun, StunResponder media, SipResponder sip) {
    this.name = name;
    this.web = web;
    this.stun = stun;
    this.media = media;
    this.sip = sip;
  }

  static LabSite start(String name, Scenario scenario, Path profiles) throws IOException {
    Lab web = Lab.start(scenario);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    StunResponder stun = StunResponder.builder().host(loopback)
        .reportedAddress(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 0)).start();
    StunResponder media = StunResponder.builder().host(loopback).start();
    SipResponder sip = SipResponder.builder().address(loopback).optionsStatus(200).start();
    LabSite site = new LabSite(name, web, stun, media, sip);
    int mediaPort = media.address().getPort();
    Files.writeString(profiles.resolve(name + ".json"), "{\n"
        + "  // " + scenario.cliName() + " lab on loopback\n"
        + "  \"name\": \"" + name + "\",\n"
        + "  \"webApiUrl\": \"" + web.webApiUrl() + "\",\n"
        + "  \"mobileUrl\": \"" + web.mobileUrl() + "\",\n"
        + "  \"user\": \"" + web.user() + "\",\n"
        + "  \"passwordEnv\": \"" + site.passwordVariable() + "\",\n"
        + "  \"stunServers\": [\"" + stun.address().getAddress().getHostAddress() + ":" + stun.address().getPort()
        + "\"],\n"
        + "  \"xcc\": {\"address\": \"127.0.0.1\", \"mediaPorts\": \"" + mediaPort + "-" + mediaPort + "\", "
        + "\"sipUri\": \"" + sip.uri("udp") + "\"},\n"
        + "}\n");
    return site;
  }

  String passwordVariable() {
    return "LAB_PASSWORD_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The labs' passwords under the variables their profiles name. */
  static SecretSource secrets(Map<String, LabSite> sites) {
    return variable -> sites.values().stream().filter(s -> s.passwordVariable().equals(variable)).findFirst()
        .map(s -> Secret.of(s.web.password()));
  }

  /** The lab's host names and certificate roots for each target. */
  static DoctorCustomizer customizer(Map<String, LabSite> sites) {
    return (target, profile, doctor) -> Optional.ofNullable(sites.get(target))
        .ifPresent(s -> doctor.resolver(s.web.resolver()).trust(s.web.trust()));
  }

  @Override
  public void close() {
    for (AutoCloseable c : new AutoCloseable[] {web, stun, media, sip}) {
      try {
        c.close();
      } catch (Exception ignored) {
        // best effort when the test ends
      }
    }
  }
}
