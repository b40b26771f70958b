/**
 * Captures of a known shape for tests and benchmarks: {@link org.xphonediag.testkit.capture.CaptureWriter}
 * writes pcap and pcapng, {@link org.xphonediag.testkit.capture.PacketBuilder} builds the frames, and
 * {@link org.xphonediag.testkit.capture.SyntheticCapture} writes a whole healthy call trace.
 */
package org.xphonediag.testkit.capture;
