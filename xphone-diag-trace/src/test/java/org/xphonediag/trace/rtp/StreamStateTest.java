package org.xphonediag.trace.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xphonediag.trace.rtp.internal.StreamState;

class StreamStateTest {
  private static final long MS = 1_000_000L;

  @Test
  void jitterMatchesHandComputedRfc3550Values() {
    StreamState s = new StreamState(8000);
    s.add(0, 0, 0);
    s.add(1, 160, 30 * MS); // D = 240 - 160 = 80 -> J = 80/16 = 5
    assertEquals(5.0, s.jitterUnits(), 1e-9);
    s.add(2, 320, 40 * MS); // D = 80 - 160 = -80 -> J = 5 + (80 - 5)/16 = 9.6875
    assertEquals(9.6875, s.jitterUnits(), 1e-9);
    assertEquals(9.6875 / 8.0, s.maxJitterMs(), 1e-9);
    assertEquals(30.0, s.maxDeltaMs(), 1e-9);
  }

  @Test
  void jitterWithTimestampWrapAroundStaysSmall() {
    StreamState s = new StreamState(8000);
    long ts = 0xFFFFFFFFL - 159;
    s.add(10, ts, 0);
    s.add(11, (ts + 160) & 0xFFFFFFFFL, 20 * MS);
    s.add(12, (ts + 320) & 0xFFFFFFFFL, 40 * MS);
    s.finish();
    assertEquals(0.0, s.maxJitterMs(), 1e-9);
  }

  @Test
  void lossAcrossSequenceWrapAroundCountsTheGap() {
    StreamState s = new StreamState(8000);
    int[] seqs = {65533, 65534, 65535, 1, 2, 3};
    for (int i = 0; i < seqs.length; i++) {
      s.add(seqs[i], 160L * i, i * 20 * MS);
    }
    s.finish();
    assertEquals(7, s.expected());
    assertEquals(1, s.lost());
    assertEquals(1, s.lossBursts());
    assertEquals(1, s.maxBurst());
  }

  @Test
  void reorderedPacketsFillTheirGapAndAreNotLost() {
    StreamState s = new StreamState(8000);
    int[] seqs = {1, 2, 4, 3, 5, 7, 6, 8};
    for (int i = 0; i < seqs.length; i++) {
      s.add(seqs[i], 160L * seqs[i], i * 20 * MS);
    }
    s.finish();
    assertEquals(8, s.expected());
    assertEquals(0, s.lost());
    assertEquals(2, s.reordered());
    assertEquals(0, s.lossBursts());
  }

  @Test
  void duplicatesAreCountedAndNeverMakeLossNegative() {
    StreamState s = new StreamState(8000);
    int[] seqs = {1, 2, 2, 2, 3, 3};
    for (int i = 0; i < seqs.length; i++) {
      s.add(seqs[i], 160L * seqs[i], i * 20 * MS);
    }
    s.finish();
    assertEquals(6, s.packets());
    assertEquals(3, s.duplicates());
    assertEquals(0, s.lost());
  }

  @Test
  void burstsLongerThanTheWindowAreCountedAsOneBurst() {
    StreamState s = new StreamState(8000);
    s.add(100, 0, 0);
    s.add(3100, 160, 20 * MS);
    s.add(3101, 320, 40 * MS);
    s.finish();
    assertEquals(2999, s.lost());
    assertEquals(1, s.lossBursts());
    assertEquals(2999, s.maxBurst());
  }

  @Test
  void unknownClockRateGivesNoJitter() {
    StreamState s = new StreamState(0);
    s.add(1, 0, 0);
    s.add(2, 960, 20 * MS);
    assertTrue(s.maxJitterMs() < 0);
    assertTrue(s.meanJitterMs() < 0);
  }

  @Test
  void gapBeforeAMarkerBitPacketIsNotTheMaxDeltaAsInTshark() {
    StreamState s = new StreamState(8000);
    s.add(1, 0, 0, true, false, 0);
    s.add(2, 160, 20 * MS, true, false, 0);
    s.add(3, 8160, 1020 * MS, true, true, 0); // talk spurt after a second of silence suppression
    s.add(4, 8320, 1040 * MS, true, false, 0);
    assertEquals(20.0, s.maxDeltaMs(), 1e-9);
    assertEquals(0.0, s.maxJitterMs(), 1e-9);
  }

  @Test
  void comfortNoiseAndThePacketAfterItAreNotRegular() {
    StreamState s = new StreamState(8000);
    s.add(1, 0, 0, true, false, 0);
    s.add(2, 160, 20 * MS, true, false, 13); // comfort noise, then a long pause
    s.add(3, 320, 500 * MS, true, false, 0); // follows comfort noise: not regular either
    s.add(4, 480, 520 * MS, true, false, 0);
    assertEquals(20.0, s.maxDeltaMs(), 1e-9);
  }

  @Test
  void meanJitterIsTsharksRunningMeanOverTheRegularPackets() {
    StreamState s = new StreamState(8000);
    s.add(0, 0, 0);
    s.add(1, 160, 30 * MS); // J = 5 units
    s.add(2, 320, 40 * MS); // J = 9.6875 units
    // tshark: mean = (0 * 0 + 5) / 1 = 5, then (5 * 1 + 9.6875) / 2
    assertEquals((5 + 9.6875) / 2 / 8.0, s.meanJitterMs(), 1e-9);
  }

  @Test
  void inOrderCountsPacketsThatAdvanceTheSequenceByAtMostMaxDropout() {
    StreamState s = new StreamState(8000);
    int[] seqs = {10, 11, 13, 12, 13, 5000, 5001, 60000};
    for (int i = 0; i < seqs.length; i++) {
      s.add(seqs[i], 160L * i, i * 20 * MS);
    }
    // 11, 13 and 5001 advance by 1..3000; 12 is late, 13 a duplicate, 5000 and 60000 jump
    assertEquals(3, s.inOrder());
  }
}
