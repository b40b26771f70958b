package org.xphonediag.exporter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Check;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.doctor.DeploymentProfile;
import org.xphonediag.doctor.Doctor;
import org.xphonediag.doctor.DoctorPlan;
import org.xphonediag.exporter.ProbeModule;

/** Which checks of the doctor's plan each module runs (the plan is built, nothing runs). */
class ProbeSelectionTest {
  private static final DeploymentProfile PROFILE = DeploymentProfile.builder()
      .webApiUrl(URI.create("https://xphone.example.com/xphoneconnect/webclientapi"))
      .mobileUrl(URI.create("https://xphone.example.com/xphoneconnect/mobile")).user("alice")
      .stunServer(HostAndPort.parse("stun.example.com", 3478)).xccAddress("203.0.113.10")
      .xccSipUri("sip:203.0.113.10:5060").build();

  private static List<String> ids(ProbeModule m) {
    try (DoctorPlan plan = Doctor.builder(PROFILE).build().plan()) {
      return ProbeRun.select(plan, m).stream().map(Check::id).map(Object::toString).toList();
    }
  }

  @Test
  void modulesSelectTheirChecksAndThePrerequisitesInPlanOrder() {
    List<String> webapi = ids(ProbeModule.WEBAPI);
    assertTrue(webapi.containsAll(List.of("webapi.configured-url", "webapi.health", "webapi.auth", "signalr.hub",
        "proxy.paths")), webapi.toString());
    assertTrue(webapi.stream().allMatch(id -> id.startsWith("webapi.") || id.startsWith("signalr.")
        || id.startsWith("proxy.")), webapi.toString());
    assertEquals(List.of("tls.chain"), ids(ProbeModule.TLS));
    assertEquals(List.of("stun.classic"), ids(ProbeModule.STUN));
    assertEquals(List.of("sip.options"), ids(ProbeModule.SIP));
    assertTrue(ids(ProbeModule.MEDIA).contains("media.ports"), ids(ProbeModule.MEDIA).toString());
    assertTrue(ids(ProbeModule.TURN).contains("turn.relay"), ids(ProbeModule.TURN).toString());
    try (DoctorPlan plan = Doctor.builder(PROFILE).build().plan()) {
      assertEquals(plan.checks().size(), ProbeRun.select(plan, ProbeModule.DOCTOR).size());
    }
  }

  @Test
  void moduleNamesAreCaseInsensitive() {
    assertEquals(ProbeModule.WEBAPI, ProbeModule.byName("WebAPI").orElseThrow());
    assertTrue(ProbeModule.byName("icmp").isEmpty());
  }
}
