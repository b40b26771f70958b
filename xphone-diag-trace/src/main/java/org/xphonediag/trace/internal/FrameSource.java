package org.xphonediag.trace.internal;

import java.io.IOException;
import org.xphonediag.trace.CaptureFormatException;
import org.xphonediag.trace.CapturedFrame;
import org.xphonediag.trace.Truncation;

/** A reader of one capture format's records. Not thread-safe. */
public interface FrameSource {
  /** Caps every record so that memory stays bounded whatever the file claims. */
  int MAX_RECORD = 1 << 24;
  /** Caps a frame's captured length (a jumbo frame or a TSO super-packet fits). */
  int MAX_FRAME = 1 << 18;

  /** The next frame, or null at the end (clean, or a truncation, see {@link #truncation()}). */
  CapturedFrame next() throws IOException, CaptureFormatException;

  /**
   * Reads the next frame into {@code into}, in place where the format allows (then valid until the
   * next read); false at the end, as {@link #next()} returning null.
   */
  default boolean next(RawFrame into) throws IOException, CaptureFormatException {
    CapturedFrame f = next();
    if (f == null) {
      return false;
    }
    into.set(f);
    return true;
  }

  /** Where the capture was cut off, once {@link #next()} returned null; null for a clean end. */
  Truncation truncation();

  /** Frames read so far whose time stamp was impossible (a format whose time stamps cannot be has none). */
  default InvalidTimestamps invalidTimestamps() {
    return InvalidTimestamps.NONE;
  }
}
