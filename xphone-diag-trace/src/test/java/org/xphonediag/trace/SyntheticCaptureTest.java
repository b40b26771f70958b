package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.capture.SyntheticCapture;

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
    Report report;
    try (TraceScanner s = TraceScanner.of(CaptureReader.open(new ByteArrayInputStream(out.toByteArray()), "x"))) {
      report = TraceAnalyzer.builder().build().report(s, "synthetic");
    }
    assertEquals(Status.PASS, report.status(), report.findings().toString());
    assertTrue(report.findings().isEmpty(), report.findings().toString());
    List<?> streams = (List<?>) report.data().asMap().get("streams");
    assertEquals(4, streams.size(), "RTP both ways in each of two calls");
    for (Object o : streams) {
      Map<String, Object> st = ((Details) o).asMap();
      assertEquals("PCMU", st.get("codec"));
      assertEquals(0L, ((Number) st.get("lost")).longValue());
      assertEquals(0.0, ((Number) st.get("maxJitterMs")).doubleValue(), "20 ms apart, timestamps 160 apart: " + st);
    }
  }

  @Test
  void writeWhenNoCallThenRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SyntheticCapture.write(new ByteArrayOutputStream(), 10, 0));
    assertTrue(e.getMessage().contains("0 calls"), e.getMessage());
  }
}
