package org.xphonediag.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.testkit.stun.StunResponder;

class LabPartsIT {
  /** A Binding request without attributes (RFC 8489 §5). */
  private static byte[] bindingRequest() {
    byte[] m = new byte[20];
    m[1] = 0x01;
    m[4] = 0x21;
    m[5] = 0x12;
    m[6] = (byte) 0xa4;
    m[7] = 0x42;
    m[19] = 1;
    return m;
  }

  private static boolean answers(StunResponder r) throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      s.setSoTimeout(500);
      byte[] req = bindingRequest();
      s.send(new DatagramPacket(req, req.length, r.address()));
      s.receive(new DatagramPacket(new byte[1500], 1500));
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Test
  void labWhenSilentMediaWithAllPartsThenStunAnswersMediaIsSilentAndFilesAreWrittenAndDeleted() throws Exception {
    Path folder;
    try (Lab lab = Lab.builder(Scenario.SILENT_MEDIA).stunServer().xcc().deploymentFiles().start()) {
      assertEquals(Scenario.SILENT_MEDIA, lab.scenario());
      assertTrue(answers(lab.stunServer()));
      assertFalse(answers(lab.xccMedia()));
      assertTrue(lab.xccSip().uri().startsWith("sip:xcc@127.0.0.1:"));
      folder = lab.deploymentFolder();
      String acl = Files.readString(folder.resolve("acl.conf.xml"));
      assertTrue(acl.contains("203.0.113.0/24") && acl.contains(Lab.INBOUND_ACL_LIST), acl);
      assertTrue(Files.readString(folder.resolve("appsettings.json")).contains("\"XPhoneServerHost\": \"\""));
      assertTrue(Files.readString(folder.resolve("web.config")).contains("WcfIPEndPoint"));
    }
    assertFalse(Files.exists(folder));
  }

  @Test
  void labWhenDefaultThenWebSideBlocksWebSocketsAndAclDeniesThePublicCandidate() throws Exception {
    try (Lab lab = Lab.builder(Scenario.DEFAULT).xcc().deploymentFiles().start()) {
      assertTrue(answers(lab.xccMedia()));
      assertFalse(Files.readString(lab.deploymentFolder().resolve("acl.conf.xml")).contains("203.0.113.0/24"));
      IllegalStateException none = assertThrows(IllegalStateException.class, lab::stunServer);
      assertTrue(none.getMessage().contains("stunServer()"), none.getMessage());
    }
    try (Lab lab = Lab.builder(Scenario.DMZ_LOCALHOST).deploymentFiles().start()) {
      assertTrue(Files.readString(lab.deploymentFolder().resolve("appsettings.json"))
          .contains("\"XPhoneServerHost\": \"" + Lab.SERVER_IP + "\""));
      assertThrows(IllegalStateException.class, lab::xccSip);
    }
  }

  @Test
  void builderWhenPartAskedTwiceThenThrows() {
    assertThrows(IllegalStateException.class, () -> Lab.builder(Scenario.HEALTHY).xcc().xcc());
  }

  @Test
  void scenarioWebSideAndOrderAsTheDoctorDemoListsThem() {
    assertEquals(Scenario.WEBSOCKET_BLOCKED, Scenario.DEFAULT.web());
    assertEquals(Scenario.HEALTHY, Scenario.SILENT_MEDIA.web());
    assertEquals(Scenario.HEALTHY, Scenario.PUBLIC_CANDIDATE_DENIED.web());
    assertEquals(Scenario.BACKEND_DOWN, Scenario.DMZ_LOCALHOST.web());
    assertEquals(Scenario.EXPIRED, Scenario.EXPIRED.web());
    assertEquals(List.of("default", "healthy", "silent-media", "public-candidate-denied", "dmz-localhost",
        "websocket-blocked", "incomplete-chain", "expired", "wrong-host", "sub-subdomain-wildcard", "wrong-password",
        "backend-down", "no-devices", "old-version", "proxy-path-case-mismatch", "black-hole"),
        Arrays.stream(Scenario.values()).map(Scenario::cliName).toList());
  }
}
