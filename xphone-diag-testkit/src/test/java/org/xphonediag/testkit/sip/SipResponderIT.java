package org.xphonediag.testkit.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SipResponderIT {
  private static String options(String transport, int localPort, String to) {
    return "OPTIONS " + to + " SIP/2.0\r\n"
        + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bK-test-1\r\n"
        + "Max-Forwards: 70\r\n"
        + "f: <sip:probe@127.0.0.1>;tag=abc\r\n"
        + "To: <" + to + ">\r\n"
        + "Call-ID: options-1@127.0.0.1\r\n"
        + "CSeq: 1\r\n OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  @Test
  void optionsOverUdpWhenAnsweringThen200WithViaCallIdFoldedCSeqAndToTag() throws Exception {
    try (SipResponder xcc = SipResponder.builder().optionsStatus(486).start();
        DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), xcc.port()), xcc.address());
      assertEquals("sip:xcc@127.0.0.1:" + xcc.port(), xcc.uri());
      byte[] req = options("UDP", s.getLocalPort(), xcc.uri()).getBytes(StandardCharsets.UTF_8);
      s.setSoTimeout(3000);
      s.send(new DatagramPacket(req, req.length, xcc.address()));
      DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
      s.receive(p);
      String answer = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("SIP/2.0 486 Busy Here\r\n"), answer);
      assertTrue(answer.contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-test-1\r\n"), answer);
      assertTrue(answer.contains("\r\nCall-ID: options-1@127.0.0.1\r\n"), answer);
      assertTrue(answer.contains("\r\nCSeq: 1 OPTIONS\r\n"), answer);
      assertTrue(answer.matches("(?s).*\r\nTo: <sip:xcc@127\\.0\\.0\\.1:\\d+>;tag=\\w+\r\n.*"), answer);
      assertTrue(xcc.awaitRequest("options", Duration.ofSeconds(1)));
    }
  }

  @Test
  void optionsOverTcpThenAnsweredOnTheSameConnection() throws Exception {
    try (SipResponder xcc = SipResponder.builder().start();
        Socket s = new Socket(InetAddress.getLoopbackAddress(), xcc.port())) {
      assertEquals("sip:xcc@127.0.0.1:" + xcc.port() + ";transport=tcp", xcc.uri("TCP"));
      s.setSoTimeout(3000);
      OutputStream out = s.getOutputStream();
      out.write(("\r\n\r\n" + options("TCP", s.getLocalPort(), xcc.uri("tcp"))).getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] head = new byte[12];
      assertEquals(12, in.readNBytes(head, 0, 12));
      assertEquals("SIP/2.0 200 ", new String(head, StandardCharsets.UTF_8));
    }
  }

  @Test
  void builderWhenOptionSetTwiceOrBothOfAPairThenThrows() throws Exception {
    assertThrows(IllegalStateException.class, () -> SipResponder.builder().optionsStatus(200).optionsStatus(503));
    IllegalStateException both = assertThrows(IllegalStateException.class,
        () -> SipResponder.builder().optionsSilent().optionsStatus(200));
    assertTrue(both.getMessage().contains("optionsStatus") && both.getMessage().contains("optionsSilent"),
        both.getMessage());
    assertThrows(IllegalStateException.class, () -> SipResponder.builder().inviteStatus(488).inviteSilent());
    assertThrows(IllegalStateException.class, () -> SipResponder.builder().ringFirst(true).ringFirst(false));
    assertThrows(IllegalArgumentException.class, () -> SipResponder.builder().inviteStatus(100));
    assertThrows(IllegalArgumentException.class, () -> SipResponder.builder().address(InetAddress.getByName("192.0.2.1")));
    try (SipResponder xcc = SipResponder.builder().start()) {
      assertThrows(IllegalArgumentException.class, () -> xcc.uri("tls"));
    }
  }
}
