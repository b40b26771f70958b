package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticCaptureTest {
  private static TraceAnalysis analyse(byte[] capture) throws Exception {
    try (TraceScanner s = TraceScanner.of(CaptureReader.open(new ByteArrayInputStream(capture), "synthetic"))) {
      return TraceAnalyzer.builder().build().analyze(s, "synthetic", List.of());
    }
  }

  @Test
  void writeWhenThreeCallsThenCountsMatchWhatTheScannerSees() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SyntheticCapture.Counts c = SyntheticCapture.write(out, 600, 3);
    TraceAnalysis a = analyse(out.toByteArray());
    assertEquals(c.frames(), a.counts().total());
    assertEquals(c.sip(), a.counts().sip());
    assertEquals(c.stun(), a.counts().stun());
    assertEquals(c.rtp(), a.counts().rtp());
    assertEquals(3 * 12, c.sip(), "INVITE, ACK, 100, 183, 200 and BYE/200 on two legs per call");
    assertEquals(6, a.legs().size());
    assertEquals(3, a.legs(LegRole.LOOPBACK).size());
  }

  @Test
  void reportWhenHealthyCaptureThenNoFinding() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SyntheticCapture.write(out, 200, 2);
    TraceAnalyzer analyzer = TraceAnalyzer.builder().build();
    var report = analyzer.report(analyse(out.toByteArray()), java.time.Duration.ZERO);
    assertTrue(report.findings().isEmpty(), report.findings().toString());
  }

  @Test
  void writeWhenNoCallThenRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SyntheticCapture.write(new ByteArrayOutputStream(), 10, 0));
    assertTrue(e.getMessage().contains("0 calls"), e.getMessage());
  }
}
