package org.xphonediag.trace.rtp;

import java.util.List;
import java.util.Objects;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;

/**
 * The result of {@link RtpAnalyzer}: the RTP streams of a capture (in order of first packet), the
 * findings about them, and counts. Immutable.
 *
 * @param streams the streams tracked, in order of their first packet
 * @param findings {@code media.packet-loss}, {@code media.high-jitter}, {@code media.one-way-audio},
 *     {@code media.no-rtp}
 * @param rtpPackets RTP packets seen (in tracked and untracked streams)
 * @param rtcpPackets RTCP packets seen
 * @param untrackedPackets RTP packets of streams not tracked because {@link RtpAnalyzer.Builder#maxStreams(int)}
 *     was reached
 */
public record RtpAnalysis(List<RtpStream> streams, List<Finding> findings, long rtpPackets, long rtcpPackets,
    long untrackedPackets) {
  public RtpAnalysis {
    streams = List.copyOf(streams);
    findings = List.copyOf(findings);
  }

  /** The streams as {@code data.streams} of the trace command (ARCHITECTURE.md "RTP streams"). */
  public List<Details> toDetails() {
    return streams.stream().map(RtpStream::toDetails).toList();
  }

  /** Counts as plain details: {@code rtp}, {@code rtcp}, {@code streams}, {@code untrackedPackets}. */
  public Details counts() {
    return Details.builder().put("rtp", rtpPackets).put("rtcp", rtcpPackets).put("streams", streams.size())
        .put("untrackedPackets", untrackedPackets).build();
  }

  /** The streams whose SSRC is {@code ssrc}. */
  public List<RtpStream> streams(long ssrc) {
    return streams.stream().filter(s -> s.ssrc() == ssrc).toList();
  }

  /** True when some finding has {@code code}. */
  public boolean has(String code) {
    Objects.requireNonNull(code, "code");
    return findings.stream().anyMatch(f -> f.code().equals(code));
  }
}
