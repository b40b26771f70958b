package org.xphonediag.stun.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xphonediag.core.Secret;
import org.xphonediag.core.fuzz.FuzzBudget;
import org.xphonediag.stun.StunCredentials;
import org.xphonediag.stun.StunDecoder;
import org.xphonediag.stun.StunFormatException;
import org.xphonediag.stun.StunMessage;

/**
 * Coverage-guided fuzz target for {@link StunDecoder} (RFC 8489 §5, §14): any bytes decode or
 * fail with a located {@link StunFormatException}, within a time budget.
 *
 * <p>Without {@code JAZZER_FUZZ} it replays the seeds in {@code StunDecodeFuzzTestInputs/} (the
 * RFC 5769 vectors and regressions); {@code mvn -Pfuzz -pl xphone-diag-stun -am verify} fuzzes it.
 */
class StunDecodeFuzzTest {
  private static final StunCredentials CREDENTIALS =
      StunCredentials.shortTerm(Secret.of("VOkJxbRl1RmTxUk/WvJxBt"));

  @FuzzTest
  void decodeWhenAnyBytesThenMessageOrLocatedFormatException(byte[] bytes) {
    long start = FuzzBudget.start();
    decodeChecked(bytes, null);
    decodeChecked(bytes, CREDENTIALS);
    FuzzBudget.check(start, bytes.length);
  }

  private static void decodeChecked(byte[] bytes, StunCredentials credentials) {
    try {
      StunMessage message = credentials == null ? StunDecoder.decode(bytes) : StunDecoder.decode(bytes, credentials);
      message.toDetails();
      message.toString();
    } catch (StunFormatException e) {
      assertTrue(e.offset() >= 0 && e.offset() <= bytes.length, e.getMessage());
      assertTrue(e.getMessage().contains(" at offset "), e.getMessage());
    }
  }
}
