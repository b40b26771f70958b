package org.xphonediag.trace.rtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xphonediag.trace.rtp.internal.Mos;

class MosTest {
  @Test
  void perfectG711IsAboutFourPointFour() {
    double mos = Mos.estimate(0, 0, "PCMU");
    assertTrue(mos > 4.3 && mos < 4.5, "MOS " + mos);
  }

  @Test
  void mosNeverRisesAsLossGrows() {
    for (String codec : new String[] {"PCMU", "G729", "opus", ""}) {
      double prev = 5;
      for (double loss = 0; loss <= 100; loss += 0.5) {
        double mos = Mos.estimate(loss, 10, codec);
        assertTrue(mos <= prev + 1e-12, codec + " loss " + loss + ": " + mos + " > " + prev);
        assertTrue(mos >= 1 && mos <= 4.5, "MOS out of range: " + mos);
        prev = mos;
      }
      assertTrue(prev < 1.5, codec + " at 100 % loss: " + prev);
    }
  }

  @Test
  void mosNeverRisesAsJitterGrows() {
    double prev = 5;
    for (double jitter = 0; jitter <= 1000; jitter += 5) {
      double mos = Mos.estimate(1, jitter, "PCMA");
      assertTrue(mos <= prev + 1e-12, "jitter " + jitter + ": " + mos + " > " + prev);
      prev = mos;
    }
    assertTrue(Mos.estimate(1, 200, "PCMA") < Mos.estimate(1, 20, "PCMA"));
  }

  @Test
  void fivePercentLossIsNoticeablyWorseThanNone() {
    assertTrue(Mos.estimate(5, 0, "PCMU") < 4.0);
    assertTrue(Mos.estimate(5, 0, "PCMU") > 3.0);
  }
}
