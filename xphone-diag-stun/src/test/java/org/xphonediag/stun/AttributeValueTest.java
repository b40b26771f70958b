package org.xphonediag.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Details;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.stun.internal.Attributes;
import org.xphonediag.stun.internal.MessageWriter;

/** Typed attribute values and the plain details the {@code stun-decode} data is made of. */
class AttributeValueTest {
  private static final byte[] TXID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

  private static StunMessage everyKind() throws StunFormatException {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = 10;
    mapped[15] = 3;
    byte[] b = new MessageWriter(StunClass.ERROR_RESPONSE, 0x003, TXID)
        .address(Attributes.XOR_MAPPED_ADDRESS, new InetSocketAddress("203.0.113.7", 50000))
        .attribute(Attributes.OTHER_ADDRESS, concat(new byte[] {0, 2, 0x0d, (byte) 0x97}, mapped))
        .errorCode(401, "Unauthorized")
        .text(Attributes.NONCE, "n-1")
        .u32Attribute(Attributes.PRIORITY, 0xfffffffeL)
        .u32Attribute(Attributes.LIFETIME, 600)
        .attribute(Attributes.CHANNEL_NUMBER, new byte[] {0x40, 0x01, 0, 0})
        .attribute(Attributes.REQUESTED_TRANSPORT, new byte[] {17, 0, 0, 0})
        .attribute(Attributes.RESPONSE_PORT, new byte[] {0x15, (byte) 0xb3, 0, 0})
        .u64Attribute(Attributes.ICE_CONTROLLED, 0x932ff9b151263b36L)
        .u32Attribute(Attributes.CHANGE_REQUEST, 4)
        .attribute(Attributes.USE_CANDIDATE, new byte[0])
        .attribute(Attributes.UNKNOWN_ATTRIBUTES, new byte[] {0, 0x24, 0x12, 0x34})
        .attribute(Attributes.DATA, new byte[] {1, 2, 3})
        .integrity(new byte[] {7})
        .fingerprint().toBytes();
    return StunDecoder.decode(b);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void decodeEveryKindThenTypedValues() throws Exception {
    StunMessage m = everyKind();
    AttributeValue.Address xor = m.value(Attributes.XOR_MAPPED_ADDRESS, AttributeValue.Address.class).orElseThrow();
    assertEquals(new InetSocketAddress("203.0.113.7", 50000), xor.socketAddress());
    assertEquals("ipv4", xor.family());
    AttributeValue.Address other = m.value(Attributes.OTHER_ADDRESS, AttributeValue.Address.class).orElseThrow();
    assertEquals(IpAddress.parse("::ffff:10.0.0.3"), other.ip());
    assertEquals("ipv6", other.family());
    assertEquals(new InetSocketAddress("10.0.0.3", 3479), other.socketAddress());
    assertEquals(new AttributeValue.ErrorCode(401, "Unauthorized"), m.attribute(Attributes.ERROR_CODE).orElseThrow()
        .decoded());
    assertEquals(401, m.errorCode().orElseThrow());
    assertEquals("Unauthorized", m.errorReason().orElseThrow());
    assertEquals("n-1", m.value(Attributes.NONCE, AttributeValue.Text.class).orElseThrow().text());
    assertEquals(new AttributeValue.Priority(0xfffffffeL), m.attribute(Attributes.PRIORITY).orElseThrow().decoded());
    assertEquals(Duration.ofMinutes(10), m.value(Attributes.LIFETIME, AttributeValue.Lifetime.class).orElseThrow()
        .duration());
    assertEquals(new AttributeValue.ChannelNumber(0x4001), m.attribute(Attributes.CHANNEL_NUMBER).orElseThrow()
        .decoded());
    assertEquals(new AttributeValue.RequestedTransport(17), m.attribute(Attributes.REQUESTED_TRANSPORT).orElseThrow()
        .decoded());
    assertEquals(new AttributeValue.ResponsePort(5555), m.attribute(Attributes.RESPONSE_PORT).orElseThrow().decoded());
    assertEquals(new AttributeValue.TieBreaker(0x932ff9b151263b36L), m.attribute(Attributes.ICE_CONTROLLED)
        .orElseThrow().decoded());
    assertEquals(new AttributeValue.ChangeRequest(true, false), m.attribute(Attributes.CHANGE_REQUEST).orElseThrow()
        .decoded());
    assertEquals(new AttributeValue.Flag(), m.attribute(Attributes.USE_CANDIDATE).orElseThrow().decoded());
    assertEquals(List.of("PRIORITY", "0x1234"), m.value(Attributes.UNKNOWN_ATTRIBUTES,
        AttributeValue.UnknownAttributes.class).orElseThrow().names());
    assertEquals(new AttributeValue.Raw(new byte[] {1, 2, 3}), m.attribute(Attributes.DATA).orElseThrow().decoded());
    assertTrue(m.attribute(Attributes.MESSAGE_INTEGRITY).orElseThrow().decoded() instanceof AttributeValue.Hmac);
    assertTrue(m.attribute(Attributes.FINGERPRINT).orElseThrow().decoded() instanceof AttributeValue.Fingerprint);
    assertTrue(m.value(Attributes.NONCE, AttributeValue.Address.class).isEmpty());
    assertTrue(m.value(Attributes.SOFTWARE, AttributeValue.Text.class).isEmpty());
  }

  @Test
  void detailsOfEveryKindThenTheStunDecodeFieldsAndTypes() throws Exception {
    List<Details> attributes = everyKind().attributes().stream().map(StunAttribute::toDetails).toList();
    assertEquals(Details.builder().put("type", "xor-mapped-address").put("name", "XOR-MAPPED-ADDRESS")
        .put("code", "0x0020").put("offset", 20).put("length", 8)
        .put("family", "ipv4").put("address", "203.0.113.7").put("port", 50000).build(), attributes.get(0));
    assertEquals(Details.of("family", "ipv6", "address", "::ffff:10.0.0.3", "port", 3479), decodedPart(attributes, 1));
    assertEquals(Details.of("errorCode", 401, "reason", "Unauthorized"), decodedPart(attributes, 2));
    assertEquals(Details.of("text", "n-1"), decodedPart(attributes, 3));
    assertEquals(Details.of("priority", 0xfffffffeL), decodedPart(attributes, 4));
    assertEquals(Details.of("seconds", 600L), decodedPart(attributes, 5));
    assertEquals(Details.of("channel", 0x4001), decodedPart(attributes, 6));
    assertEquals(Details.of("protocol", 17), decodedPart(attributes, 7));
    assertEquals(Details.of("port", 5555), decodedPart(attributes, 8));
    assertEquals(Details.of("tieBreaker", "932ff9b151263b36"), decodedPart(attributes, 9));
    assertEquals(Details.of("changeIp", true, "changePort", false), decodedPart(attributes, 10));
    assertEquals(Details.of("flag", true), decodedPart(attributes, 11));
    assertEquals(Details.of("types", List.of("PRIORITY", "0x1234")), decodedPart(attributes, 12));
    assertEquals(Details.of("value", "010203"), decodedPart(attributes, 13));
    assertEquals(List.of("hmac"), List.copyOf(decodedPart(attributes, 14).asMap().keySet()));
    assertTrue(decodedPart(attributes, 15).get("crc").orElseThrow().toString().matches("0x[0-9a-f]{8}"));
  }

  @Test
  void toStringThenNameOffsetAndDecodedFieldsButNoRawBytes() throws Exception {
    StunMessage m = everyKind();
    assertEquals("NONCE@" + m.attribute(Attributes.NONCE).orElseThrow().offset() + "{text=n-1}",
        m.attribute(Attributes.NONCE).orElseThrow().toString());
    assertEquals("DATA@" + m.attribute(Attributes.DATA).orElseThrow().offset(),
        m.attribute(Attributes.DATA).orElseThrow().toString());
  }

  /** The attribute's details without the five header fields. */
  private static Details decodedPart(List<Details> attributes, int index) {
    Details.Builder b = Details.builder();
    attributes.get(index).asMap().entrySet().stream().skip(5).forEach(e -> b.put(e.getKey(), e.getValue()));
    return b.build();
  }
}
