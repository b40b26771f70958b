package org.xphonediag.trace;

/** The file formats {@link CaptureReader} reads. */
public enum CaptureFormat {
  /** Classic libpcap, micro- or nanosecond timestamps, either byte order. */
  PCAP,
  /** pcapng (sections with their own byte order, several interfaces). */
  PCAPNG
}
