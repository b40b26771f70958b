package org.xphonediag.testkit.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Secret;

class StunResponderIT {
  private static final String RFC5769_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";

  private static byte[] rfc5769Request() throws IOException {
    try (InputStream in = StunResponderIT.class.getResourceAsStream("/stun/rfc5769-request.hex")) {
      return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", ""));
    }
  }

  private static byte[] exchange(InetSocketAddress to, byte[] request, DatagramSocket s) throws IOException {
    s.setSoTimeout(3000);
    s.send(new DatagramPacket(request, request.length, to));
    DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
    s.receive(p);
    return Arrays.copyOf(p.getData(), p.getLength());
  }

  /** The value of the first attribute of {@code type}, or null. */
  private static byte[] attribute(byte[] msg, int type) {
    for (int pos = 20; pos + 4 <= msg.length; ) {
      int t = (msg[pos] & 0xff) << 8 | (msg[pos + 1] & 0xff);
      int len = (msg[pos + 2] & 0xff) << 8 | (msg[pos + 3] & 0xff);
      if (t == type) {
        return Arrays.copyOfRange(msg, pos + 4, pos + 4 + len);
      }
      pos += 4 + ((len + 3) & ~3);
    }
    return null;
  }

  @Test
  void bindingWhenRfc5769RequestThenSignedSuccessWithXorMappedAddressAndFingerprint() throws Exception {
    byte[] request = rfc5769Request();
    try (StunResponder r = StunResponder.builder().ice("evtj", Secret.of(RFC5769_PASSWORD)).start();
        DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      byte[] answer = exchange(r.address(), request, s);
      assertEquals(0x0101, (answer[0] & 0xff) << 8 | (answer[1] & 0xff), "Binding success response");
      assertArrayEquals(Arrays.copyOfRange(request, 4, 20), Arrays.copyOfRange(answer, 4, 20), "cookie and txid");
      byte[] xma = attribute(answer, 0x0020);
      int port = ((xma[2] & 0xff) << 8 | (xma[3] & 0xff)) ^ 0x2112;
      byte[] ip = Arrays.copyOfRange(xma, 4, 8);
      for (int i = 0; i < 4; i++) {
        ip[i] ^= answer[4 + i];
      }
      assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort()),
          new InetSocketAddress(InetAddress.getByAddress(ip), port));
      int fp = answer.length - 8;
      int mi = fp - 24;
      byte[] covered = Arrays.copyOf(answer, mi);
      covered[2] = (byte) ((mi - 20 + 24) >> 8);
      covered[3] = (byte) (mi - 20 + 24);
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
      mac.init(new javax.crypto.spec.SecretKeySpec(RFC5769_PASSWORD.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      assertArrayEquals(mac.doFinal(covered), Arrays.copyOfRange(answer, mi + 4, mi + 24), "MESSAGE-INTEGRITY");
      CRC32 crc = new CRC32();
      crc.update(answer, 0, fp);
      assertEquals((int) crc.getValue() ^ 0x5354554e, java.nio.ByteBuffer.wrap(answer, fp + 4, 4).getInt(), "FINGERPRINT");
      assertEquals(1, r.requestsReceived());
    }
  }

  @Test
  void bindingWhenRequestSignedWithAnotherPasswordThen401() throws Exception {
    try (StunResponder r = StunResponder.builder().ice("evtj", Secret.of("another-password")).start();
        DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      byte[] answer = exchange(r.address(), rfc5769Request(), s);
      assertEquals(0x0111, (answer[0] & 0xff) << 8 | (answer[1] & 0xff), "Binding error response");
      byte[] error = attribute(answer, 0x0009);
      assertEquals(401, (error[2] & 0x07) * 100 + (error[3] & 0xff));
    }
  }

  @Test
  void builderWhenOptionSetTwiceThenThrowsNamingIt() {
    StunResponder.Builder b = StunResponder.builder().port(0);
    IllegalStateException twice = assertThrows(IllegalStateException.class, () -> b.port(0));
    assertTrue(twice.getMessage().contains("port 0"), twice.getMessage());
    assertThrows(IllegalStateException.class, () -> StunResponder.builder().software("a").software(null));
    assertThrows(IllegalStateException.class,
        () -> StunResponder.builder().behavior(StunResponder.Behavior.SILENT).behavior(StunResponder.Behavior.ANSWER));
    IllegalStateException both = assertThrows(IllegalStateException.class,
        () -> StunResponder.builder().port(0).rfc5780(InetAddress.getByName("127.0.0.2")));
    assertTrue(both.getMessage().contains("rfc5780") && both.getMessage().contains("port"), both.getMessage());
  }

  @Test
  void portsWhenTwoGivenThenEachBoundWithItsBehaviour() throws Exception {
    try (StunResponder r = StunResponder.builder().behavior(StunResponder.Behavior.SILENT).port(0)
        .port(findFreePort(), StunResponder.Behavior.ANSWER).start();
        DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      assertEquals(2, r.addresses().size());
      byte[] answer = exchange(r.addresses().get(1), rfc5769RequestWithoutCredentials(), s);
      assertEquals(0x0101, (answer[0] & 0xff) << 8 | (answer[1] & 0xff));
    }
  }

  private static byte[] rfc5769RequestWithoutCredentials() {
    byte[] m = new byte[20];
    m[1] = 0x01;
    m[4] = 0x21;
    m[5] = 0x12;
    m[6] = (byte) 0xa4;
    m[7] = 0x42;
    m[19] = 7;
    return m;
  }

  private static int findFreePort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
