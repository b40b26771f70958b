package org.xphonediag.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.PriorityAttribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Secret;
import org.xphonediag.stun.internal.Attributes;
import org.xphonediag.stun.internal.MessageWriter;
import org.xphonediag.stun.internal.Requests;

/**
 * Cross-checks the codec against ice4j, an independent STUN implementation (no sockets): an
 * ice4j-encoded ICE check decoded and verified by us, and our messages decoded by ice4j.
 */
class Ice4jInteropTest {
  private static final String PWD = "ice4j-interop-password";

  @Test
  void decodeWhenIce4jEncodedIceCheckThenIntegrityAndFingerprintValid() throws Exception {
    StunStack stack = new StunStack();
    try {
      byte[] key = PWD.getBytes(StandardCharsets.UTF_8);
      stack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
        @Override
        public byte[] getLocalKey(String username) {
          return key;
        }

        @Override
        public byte[] getRemoteKey(String username, String media) {
          return key;
        }

        @Override
        public boolean checkLocalUserName(String username) {
          return true;
        }
      });
      Request req = MessageFactory.createBindingRequest(1862270975L, true, 0x1122334455667788L);
      byte[] txid = Requests.newTransactionId();
      req.setTransactionID(txid);
      req.putAttribute(AttributeFactory.createUsernameAttribute("xcc:phone"));
      req.putAttribute(AttributeFactory.createMessageIntegrityAttribute("xcc:phone"));
      req.putAttribute(AttributeFactory.createFingerprintAttribute());
      byte[] bytes = req.encode(stack);

      StunMessage m = StunDecoder.decode(bytes, StunCredentials.shortTerm(Secret.of(PWD)));
      assertEquals(StunClass.REQUEST, m.messageClass());
      assertArrayEquals(txid, m.transactionId());
      assertEquals(Verification.VALID, m.integrity());
      assertEquals(Verification.VALID, m.fingerprint());
      assertEquals(new AttributeValue.Text("xcc:phone"), m.attribute(Attributes.USERNAME).orElseThrow().decoded());
      assertEquals(new AttributeValue.Priority(1862270975L), m.attribute(Attributes.PRIORITY).orElseThrow().decoded());
      assertEquals("1122334455667788",
          m.value(Attributes.ICE_CONTROLLING, AttributeValue.TieBreaker.class).orElseThrow().hex());
      assertEquals(Verification.INVALID,
          StunDecoder.decode(bytes, StunCredentials.shortTerm(Secret.of("other"))).integrity());
    } finally {
      stack.shutDown();
    }
  }

  @Test
  void ice4jDecodesOurIceCheckWithUsernamePriorityAndRole() throws Exception {
    byte[] txid = Requests.newTransactionId();
    byte[] bytes = Requests.ice(txid, new Requests.IceParameters("xcc", "phone",
        StunCredentials.shortTerm(Secret.of(PWD)), 12345L, false, 42L));
    Message m = Message.decode(bytes, 0, bytes.length);
    assertEquals(Message.BINDING_REQUEST, m.getMessageType());
    assertArrayEquals(txid, m.getTransactionID());
    assertEquals("xcc:phone", new String(((UsernameAttribute) m.getAttribute(Attribute.USERNAME)).getUsername(),
        StandardCharsets.UTF_8));
    assertEquals(12345L, ((PriorityAttribute) m.getAttribute(Attribute.PRIORITY)).getPriority());
    assertTrue(m.getAttribute(Attribute.ICE_CONTROLLED) != null);
    assertTrue(m.getAttribute(Attribute.FINGERPRINT) != null);
  }

  @Test
  void ice4jDecodesOurIpv6XorMappedAddress() throws Exception {
    byte[] txid = Requests.newTransactionId();
    InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("2001:db8::42"), 31000);
    byte[] bytes = new MessageWriter(StunClass.SUCCESS_RESPONSE, StunMessage.BINDING, txid)
        .address(Attributes.XOR_MAPPED_ADDRESS, mapped).fingerprint().toBytes();
    Message m = Message.decode(bytes, 0, bytes.length);
    TransportAddress a = ((XorMappedAddressAttribute) m.getAttribute(Attribute.XOR_MAPPED_ADDRESS)).getAddress(txid);
    assertEquals(new TransportAddress(mapped.getAddress(), 31000, Transport.UDP), a);
  }
}
