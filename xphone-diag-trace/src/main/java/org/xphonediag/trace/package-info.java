/**
 * Offline trace analysis (docs/field-guide.md#reading-a-trace, #failure-patterns): a streaming pcap/pcapng reader ({@link
 * org.xphonediag.trace.CaptureReader}), packet decoding ({@link org.xphonediag.trace.PacketDecoder}),
 * SIP and STUN extraction ({@link org.xphonediag.trace.TraceScanner}), call legs and the
 * analyser that turns a capture (and optionally a FreeSWITCH log) into a report ({@link
 * org.xphonediag.trace.TraceAnalyzer}).
 */
package org.xphonediag.trace;
