package org.xphonediag.trace.rtp;

import org.xphonediag.core.Details;

/**
 * The last RTCP report block (RFC 3550 §6.4.1/§6.4.2, in an SR or RR) that a receiver sent about
 * a stream: the far end's view of its loss and jitter.
 *
 * @param reporterSsrc SSRC of the receiver that sent the report
 * @param fractionLost fraction lost since the previous report, 0..1 (the 8-bit field / 256)
 * @param cumulativeLost cumulative packets lost (24-bit signed; negative with duplicates)
 * @param jitterMs interarrival jitter in milliseconds (timestamp units / clock rate); -1 when the
 *     stream's clock rate is unknown
 * @param reports how many report blocks about the stream were seen
 */
public record RtcpReport(long reporterSsrc, double fractionLost, long cumulativeLost, double jitterMs, long reports) {
  /** The report as plain details. */
  public Details toDetails() {
    Details.Builder b = Details.builder()
        .put("reporterSsrc", reporterSsrc)
        .put("fractionLost", RtpStream.round(fractionLost, 4))
        .put("cumulativeLost", cumulativeLost);
    if (jitterMs >= 0) {
      b.put("jitterMs", RtpStream.round(jitterMs, 3));
    }
    return b.put("reports", reports).build();
  }
}
