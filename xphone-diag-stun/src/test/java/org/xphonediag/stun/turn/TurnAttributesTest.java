package org.xphonediag.stun.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.xphonediag.stun.AttributeValue;
import org.xphonediag.stun.StunClass;
import org.xphonediag.stun.StunDecoder;
import org.xphonediag.stun.StunFormatException;
import org.xphonediag.stun.StunMessage;
import org.xphonediag.stun.internal.Attributes;
import org.xphonediag.stun.internal.MessageWriter;

/** The TURN attributes of RFC 8656 §18 in the shared STUN codec. */
class TurnAttributesTest {
  private static final byte[] TXID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

  @Test
  void encodeAllocateSuccessThenXorAddressesAndLifetimeDecode() throws Exception {
    InetSocketAddress relayed = new InetSocketAddress("192.0.2.15", 50000);
    InetSocketAddress v6 = new InetSocketAddress("2001:db8::7", 3478);
    byte[] m = new MessageWriter(StunClass.SUCCESS_RESPONSE, 0x003, TXID)
        .address(Attributes.XOR_RELAYED_ADDRESS, relayed).address(Attributes.XOR_PEER_ADDRESS, v6)
        .u32Attribute(Attributes.LIFETIME, 600).attribute(Attributes.REQUESTED_TRANSPORT, new byte[] {17, 0, 0, 0})
        .fingerprint().toBytes();
    StunMessage d = StunDecoder.decode(m);
    assertEquals("allocate", d.methodName());
    assertEquals(relayed, d.address(Attributes.XOR_RELAYED_ADDRESS).orElseThrow());
    assertEquals(v6, d.address(Attributes.XOR_PEER_ADDRESS).orElseThrow());
    assertEquals(new AttributeValue.Lifetime(600), d.attribute(Attributes.LIFETIME).orElseThrow().decoded());
    assertEquals(new AttributeValue.RequestedTransport(17),
        d.attribute(Attributes.REQUESTED_TRANSPORT).orElseThrow().decoded());
    assertEquals("XOR-RELAYED-ADDRESS", d.attribute(Attributes.XOR_RELAYED_ADDRESS).orElseThrow().name());
    // on the wire the relayed port is XORed with the cookie's top half
    assertEquals((50000 ^ 0x2112), ((m[26] & 0xff) << 8) | (m[27] & 0xff));
  }

  @Test
  void decodeWhenLifetimeLengthWrongThenRejectedWithOffset() {
    byte[] m = new MessageWriter(StunClass.REQUEST, 0x004, TXID).attribute(Attributes.LIFETIME, new byte[] {0, 0})
        .toBytes();
    StunFormatException e = assertThrows(StunFormatException.class, () -> StunDecoder.decode(m));
    assertEquals(20, e.offset());
    assertEquals("LIFETIME", e.attribute().orElseThrow());
  }
}
