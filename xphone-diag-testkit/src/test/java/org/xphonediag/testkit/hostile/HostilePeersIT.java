package org.xphonediag.testkit.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.testkit.hostile.HostileTcpServer.Behavior;

/** The hostile peers themselves: what they record, where they answer from, and that close() ends their threads. */
class HostilePeersIT {

  @Test
  void tcpServerWhenClosedWithStalledConnectionsThenNoThreadLeft() throws Exception {
    HostileTcpServer server = HostileTcpServer.start(Behavior.stall());
    String prefix = "xphone-diag-hostile-tcp-" + server.port() + "-";
    List<Socket> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        clients.add(new Socket(InetAddress.getLoopbackAddress(), server.port()));
      }
      assertTrue(server.awaitConnections(3, Duration.ofSeconds(10)));
      server.close();
      server.close();
      List<String> alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
          .map(Thread::getName).filter(n -> n.startsWith(prefix)).toList();
      assertEquals(List.of(), alive);
      for (Socket c : clients) {
        c.setSoTimeout(5000);
        assertEquals(-1, c.getInputStream().read(), "the server closed the connection");
      }
    } finally {
      for (Socket c : clients) {
        c.close();
      }
    }
  }

  @Test
  void httpServerWhenPostedThenRecordsRequestAndAnswersAsScripted() throws Exception {
    try (HostileHttpServer server = HostileHttpServer.start(r -> HostileHttpServer.json(201, "{\"ok\":true}"));
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.getOutputStream().write(("POST /a/b?c=d HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
          + "Content-Length: 3\r\n\r\nabc").getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(5000);
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      assertTrue(answer.startsWith("HTTP/1.1 201 "), answer);
      assertTrue(answer.endsWith("\r\n\r\n{\"ok\":true}"), answer);
      HostileHttpServer.Request r = server.requests().get(0);
      assertEquals("POST", r.method());
      assertEquals("/a/b", r.path());
      assertEquals("Bearer t", r.header("AUTHORIZATION").orElseThrow());
      assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), r.body());
    }
  }

  @Test
  void udpPeerWhenReplyFromOtherPortThenItComesFromTheSecondAddress() throws Exception {
    try (HostileUdpPeer peer = HostileUdpPeer.start((request, from) -> List.of(
        HostileUdpPeer.Reply.of(new byte[] {1}), HostileUdpPeer.Reply.fromOtherPort(new byte[] {2})));
        DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      client.setSoTimeout(5000);
      client.send(new DatagramPacket(new byte[] {9, 9}, 2, peer.address()));
      DatagramPacket first = new DatagramPacket(new byte[16], 16);
      client.receive(first);
      DatagramPacket second = new DatagramPacket(new byte[16], 16);
      client.receive(second);
      assertEquals(peer.address(), first.getSocketAddress());
      assertEquals(1, first.getData()[0]);
      assertEquals(peer.otherAddress(), second.getSocketAddress());
      assertEquals(2, second.getData()[0]);
      assertEquals(1, peer.requestCount());
      assertArrayEquals(new byte[] {9, 9}, peer.requests().get(0));
    }
  }
}
