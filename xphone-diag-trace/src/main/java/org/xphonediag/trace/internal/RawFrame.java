package org.xphonediag.trace.internal;

import java.util.Arrays;
import org.xphonediag.trace.CapturedFrame;

/**
 * A frame read in place: its bytes are {@code buf[off, off + len)}, which may be the reader's own
 * buffer and then are valid only until the next read. {@link #frame()} turns it into a {@link
 * CapturedFrame} that owns a copy, for the few frames that outlive the read (signalling, the first
 * packet of a flow). Lets the trace scanner decode the media majority of a capture without
 * allocating per frame. Mutable and reused; not thread-safe.
 */
public final class RawFrame {
  public byte[] buf;
  public int off;
  public int len;
  public long number;
  public long epochNanos;
  public int interfaceId;
  public int linkType;
  public int originalLength;
  public long fileOffset;
  private CapturedFrame frame;

  /** Points at {@code frame}'s own bytes. */
  public void set(CapturedFrame frame) {
    this.frame = frame;
    buf = frame.data();
    off = 0;
    len = buf.length;
    number = frame.number();
    epochNanos = frame.epochNanos();
    interfaceId = frame.interfaceId();
    linkType = frame.linkType();
    originalLength = frame.originalLength();
    fileOffset = frame.fileOffset();
  }

  /** Points at bytes the caller keeps only until its next read. */
  public void setInPlace(byte[] buf, int off, int len, long number, long epochNanos, int interfaceId, int linkType,
      int originalLength, long fileOffset) {
    this.frame = null;
    this.buf = buf;
    this.off = off;
    this.len = len;
    this.number = number;
    this.epochNanos = epochNanos;
    this.interfaceId = interfaceId;
    this.linkType = linkType;
    this.originalLength = originalLength;
    this.fileOffset = fileOffset;
  }

  /** The frame, copying its bytes out of a shared buffer on the first call. */
  public CapturedFrame frame() {
    if (frame == null) {
      frame = new CapturedFrame(number, epochNanos, interfaceId, linkType, originalLength,
          Arrays.copyOfRange(buf, off, off + len), fileOffset);
    }
    return frame;
  }
}
