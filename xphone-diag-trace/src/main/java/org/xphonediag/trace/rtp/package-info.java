/**
 * RTP stream quality in traces (RFC 3550, RFC 3551, RFC 5761, RFC 7983; docs/field-guide.md#media, #failure-patterns): RTP and
 * RTCP identified by SDP endpoints ({@link org.xphonediag.trace.rtp.MediaHint}) or by first-byte
 * demultiplexing, per-stream loss, duplicates, reordering, inter-arrival jitter, gaps, an
 * estimated MOS, RTCP receiver reports, and the findings {@code media.packet-loss}, {@code
 * media.high-jitter}, {@code media.one-way-audio} and {@code media.no-rtp}. Entry point: {@link
 * org.xphonediag.trace.rtp.RtpAnalyzer}.
 */
package org.xphonediag.trace.rtp;
