package org.xphonediag.stun;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Secret;

/** Seeded random mutations of the RFC 5769 vectors: the decoder only ever throws StunFormatException. */
class StunDecoderFuzzTest {

  @Test
  void decodeWhenBytesMutatedThenDecodesOrThrowsFormatExceptionOnly() throws Exception {
    Random random = new Random(5769);
    StunCredentials creds = StunCredentials.shortTerm(Secret.of("VOkJxbRl1RmTxUk/WvJxBt"));
    String[] names = {"request", "ipv4-response", "ipv6-response", "long-term"};
    int decoded = 0;
    int rejected = 0;
    for (int round = 0; round < 5_000; round++) {
      byte[] b = StunDecoderTest.vector(names[round % names.length]);
      int cut = random.nextInt(8) == 0 ? random.nextInt(b.length + 1) : b.length;
      byte[] m = java.util.Arrays.copyOf(b, cut);
      for (int k = random.nextInt(4); k >= 0 && m.length > 0; k--) {
        m[random.nextInt(m.length)] = (byte) random.nextInt(256);
      }
      try {
        StunMessage msg = StunDecoder.decode(m, creds);
        msg.toDetails();
        decoded++;
      } catch (StunFormatException e) {
        assertTrue(e.getMessage().contains(" at offset "), e.getMessage());
        assertTrue(e.offset() >= 0 && e.offset() <= m.length, e.getMessage());
        rejected++;
      }
    }
    assertTrue(decoded > 250 && rejected > 250, decoded + " decoded, " + rejected + " rejected");
  }
}
