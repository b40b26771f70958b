package org.xphonediag.trace;

/**
 * The input is not a pcap or pcapng capture at all (unknown magic number, or too short for a file
 * header), with the reason and where it was found; the CLI maps it to exit 2.
 */
public final class NotACaptureException extends CaptureFormatException {
  private static final long serialVersionUID = 1L;

  /** The input {@code source} is not a capture: {@code reason}, found at {@code byteOffset}. */
  public NotACaptureException(String source, long byteOffset, String reason) {
    super(source, byteOffset, reason);
  }
}
