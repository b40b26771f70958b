package org.xphonediag.trace;

/**
 * The input is not a pcap or pcapng capture at all (unknown magic number, or too short for a file
 * header); the CLI maps it to exit 2.
 */
public final class NotACaptureException extends CaptureFormatException {
  private static final long serialVersionUID = 1L;

  public NotACaptureException(String source, long byteOffset, String message) {
    super(source, byteOffset, message);
  }
}
