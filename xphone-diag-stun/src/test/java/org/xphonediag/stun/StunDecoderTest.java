package org.xphonediag.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Secret;
import org.xphonediag.stun.internal.Attributes;
import org.xphonediag.stun.internal.MessageWriter;

class StunDecoderTest {
  private static final StunCredentials SHORT = StunCredentials.shortTerm(Secret.of("VOkJxbRl1RmTxUk/WvJxBt"));
  private static final StunCredentials LONG = StunCredentials.longTerm(
      "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9", "example.org", Secret.of("The\u00ADM\u00AAtr\u2168"));

  static byte[] vector(String name) throws IOException {
    try (InputStream in = StunDecoderTest.class.getResourceAsStream("/stun/rfc5769-" + name + ".hex")) {
      return StunDecoder.parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void decodeRfc5769RequestThenIntegrityAndFingerprintValid() throws Exception {
    StunMessage m = StunDecoder.decode(vector("request"), SHORT);
    assertEquals(StunClass.REQUEST, m.messageClass());
    assertEquals("binding", m.methodName());
    assertEquals("b7e7a701bc34d686fa87dfae", m.transactionIdHex());
    assertEquals(Verification.VALID, m.integrity());
    assertEquals(Verification.VALID, m.fingerprint());
    assertEquals("STUN test client", m.software().orElseThrow());
    assertEquals(new AttributeValue.Text("evtj:h6vY"), m.attribute(Attributes.USERNAME).orElseThrow().decoded());
    assertEquals(new AttributeValue.Priority(0x6e0001ffL), m.attribute(Attributes.PRIORITY).orElseThrow().decoded());
    assertEquals("932ff9b151263b36",
        m.value(Attributes.ICE_CONTROLLED, AttributeValue.TieBreaker.class).orElseThrow().hex());
  }

  @Test
  void decodeRfc5769Ipv4ResponseThenMappedAddressAndChecksValid() throws Exception {
    StunMessage m = StunDecoder.decode(vector("ipv4-response"), SHORT);
    assertEquals(StunClass.SUCCESS_RESPONSE, m.messageClass());
    assertEquals(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853), m.mappedAddress().orElseThrow());
    assertEquals("test vector", m.software().orElseThrow());
    assertEquals(Verification.VALID, m.integrity());
    assertEquals(Verification.VALID, m.fingerprint());
  }

  @Test
  void decodeRfc5769Ipv6ResponseThenMappedAddressAndChecksValid() throws Exception {
    StunMessage m = StunDecoder.decode(vector("ipv6-response"), SHORT);
    assertEquals(new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853),
        m.mappedAddress().orElseThrow());
    assertEquals(Verification.VALID, m.integrity());
    assertEquals(Verification.VALID, m.fingerprint());
  }

  @Test
  void decodeRfc5769LongTermThenIntegrityValidAndFingerprintAbsent() throws Exception {
    StunMessage m = StunDecoder.decode(vector("long-term"), LONG);
    assertEquals(Verification.VALID, m.integrity());
    assertEquals(Verification.ABSENT, m.fingerprint());
    assertEquals(new AttributeValue.Text("example.org"), m.attribute(Attributes.REALM).orElseThrow().decoded());
  }

  @Test
  void decodeWhenTamperedThenIntegrityAndFingerprintInvalid() throws Exception {
    for (String name : new String[] {"request", "ipv4-response", "ipv6-response", "long-term"}) {
      byte[] b = vector(name);
      b[b.length - 40] ^= 0x01; // inside the attribute before MESSAGE-INTEGRITY
      StunMessage m = StunDecoder.decode(b, name.equals("long-term") ? LONG : SHORT);
      assertEquals(Verification.INVALID, m.integrity(), name);
      if (!name.equals("long-term")) {
        assertEquals(Verification.INVALID, m.fingerprint(), name);
      }
    }
  }

  @Test
  void decodeWhenWrongPasswordThenIntegrityInvalidButFingerprintValid() throws Exception {
    StunMessage m = StunDecoder.decode(vector("request"), StunCredentials.shortTerm(Secret.of("wrong")));
    assertEquals(Verification.INVALID, m.integrity());
    assertEquals(Verification.VALID, m.fingerprint());
  }

  @Test
  void decodeWithoutCredentialsThenIntegrityUnverified() throws Exception {
    assertEquals(Verification.UNVERIFIED, StunDecoder.decode(vector("request")).integrity());
  }

  @Test
  void decodeWhenXorMappedAddressTooShortThenNamesAttributeOffsetAndExpectation() {
    byte[] txid = new byte[12];
    byte[] bad = new MessageWriter(StunClass.SUCCESS_RESPONSE, 1, txid)
        .attribute(Attributes.XOR_MAPPED_ADDRESS, new byte[6]).toBytes();
    StunFormatException e = assertThrows(StunFormatException.class, () -> StunDecoder.decode(bad));
    assertEquals("attribute XOR-MAPPED-ADDRESS at offset 20: length must be 8 or 20 but was 6", e.getMessage());
    assertEquals(20, e.offset());
  }

  @Test
  void decodeWhenNotStunThenRejectsHeader() {
    byte[] sip = "OPTIONS sip:a@b SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);
    StunFormatException e = assertThrows(StunFormatException.class, () -> StunDecoder.decode(sip));
    assertTrue(e.attribute().isEmpty());
    assertTrue(e.getMessage().startsWith("STUN header at offset 0"), e.getMessage());
  }

  @Test
  void decodeWhenAttributeRunsPastEndThenRejects() throws Exception {
    byte[] b = vector("ipv4-response");
    b[b.length - 6] = 0x40; // FINGERPRINT length 0x0040
    StunFormatException e = assertThrows(StunFormatException.class, () -> StunDecoder.decode(b));
    assertEquals("FINGERPRINT", e.attribute().orElseThrow());
    assertEquals(b.length - 8, e.offset());
  }

  @Test
  void decodeWhenAttributeFollowsFingerprintThenRejects() throws Exception {
    byte[] b = new MessageWriter(StunClass.REQUEST, 1, new byte[12]).fingerprint()
        .text(Attributes.SOFTWARE, "x").toBytes();
    StunFormatException e = assertThrows(StunFormatException.class, () -> StunDecoder.decode(b));
    assertEquals("SOFTWARE", e.attribute().orElseThrow());
    assertEquals(28, e.offset());
  }

  @Test
  void decodeWhenUnknownAttributeThenKeptRaw() throws Exception {
    byte[] b = new MessageWriter(StunClass.INDICATION, 1, new byte[12])
        .attribute(0x7777, new byte[] {1, 2, 3}).toBytes();
    StunAttribute a = StunDecoder.decode(b).attributes().get(0);
    assertEquals("0x7777", a.name());
    assertArrayEquals(new byte[] {1, 2, 3}, a.value());
    assertEquals(new AttributeValue.Raw(new byte[] {1, 2, 3}), a.decoded());
    assertEquals("010203", a.toDetails().get("value").orElseThrow());
  }

  @Test
  void encodeThenDecodeRoundTripsIpv6XorAddressAndErrorCode() throws Exception {
    byte[] txid = "abcdefghijkl".getBytes(StandardCharsets.US_ASCII);
    InetSocketAddress addr = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 40000);
    byte[] b = new MessageWriter(StunClass.ERROR_RESPONSE, 1, txid)
        .address(Attributes.XOR_MAPPED_ADDRESS, addr).errorCode(487, "Role Conflict")
        .integrity(SHORT).fingerprint().toBytes();
    StunMessage m = StunDecoder.decode(b, SHORT);
    assertEquals(addr, m.mappedAddress().orElseThrow());
    assertEquals(487, m.errorCode().orElseThrow());
    assertEquals("Role Conflict", m.errorReason().orElseThrow());
    assertEquals(Verification.VALID, m.integrity());
    assertEquals(Verification.VALID, m.fingerprint());
  }

  @Test
  void parseHexWhenNotHexThenNamesCharacter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StunDecoder.parseHex("00 0g"));
    assertEquals("hex text: character 5 must be a hex digit but was 'g'", e.getMessage());
  }
}
