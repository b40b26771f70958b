package org.xphonediag.trace.internal;

import java.io.IOException;
import java.util.Locale;
import org.xphonediag.trace.CaptureFormatException;
import org.xphonediag.trace.CapturedFrame;
import org.xphonediag.trace.Truncation;

/**
 * Classic libpcap records after the 24-byte file header: 16-byte record header (seconds,
 * micro- or nanoseconds, captured length, original length) then the bytes. A captured length above
 * {@link #MAX_FRAME} is a corrupt length. A sub-second field of 10^6 (10^9) or more does not stop
 * the reading: the frame is flagged ({@link #invalidTimestamps()}) and read with the time as
 * written.
 */
public final class PcapSource implements FrameSource {
  private final ByteInput in;
  private final String source;
  private final boolean little;
  private final boolean nanos;
  private final int linkType;
  private final RawFrame scratch = new RawFrame();
  private long frameNumber;
  private Truncation truncation;
  private final InvalidTimestamps invalidTimestamps;

  /** Reads records after {@code fileHeader} (24 bytes, already read and checked). */
  public PcapSource(ByteInput in, String source, byte[] fileHeader, boolean little, boolean nanos) {
    this.in = in;
    this.source = source;
    this.little = little;
    this.nanos = nanos;
    this.linkType = (int) (ByteInput.u32(fileHeader, 20, little) & 0xffff);
    this.invalidTimestamps = new InvalidTimestamps(nanos);
  }

  public int linkType() {
    return linkType;
  }

  /**
   * The next record: left in the input's buffer when it fits there (the common case, no copy), else
   * read into a frame of its own.
   */
  @Override
  public boolean next(RawFrame into) throws IOException, CaptureFormatException {
    long start = in.offset();
    int n = in.ensure(16);
    if (n == 0) {
      return false;
    }
    if (n < 16) {
      truncation = new Truncation(start, frameNumber + 1, n, -1);
      return false;
    }
    byte[] b = in.buffer();
    int p = in.position();
    long sec = ByteInput.u32(b, p, little);
    long frac = ByteInput.u32(b, p + 4, little);
    long incl = ByteInput.u32(b, p + 8, little);
    long orig = ByteInput.u32(b, p + 12, little);
    if (incl > MAX_FRAME) {
      throw new CaptureFormatException(source, start + 8, String.format(Locale.ROOT,
          "pcap record %d: captured length must be at most %d but was %d", frameNumber + 1, MAX_FRAME, incl));
    }
    if (frac >= (nanos ? 1_000_000_000L : 1_000_000L)) {
      // as tcpdump ("(invalid us)") and tshark do: read on and flag the frame; the time is taken as
      // written (the sub-second field carried into the seconds)
      invalidTimestamps.add(frameNumber + 1, start + 4, frac);
    }
    long epochNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
    int originalLength = (int) Math.min(Integer.MAX_VALUE, orig);
    int record = 16 + (int) incl;
    if (record <= in.capacity()) {
      int buffered = in.ensure(record);
      if (buffered < record) {
        truncation = new Truncation(start, frameNumber + 1, buffered, record);
        return false;
      }
      b = in.buffer();
      p = in.position();
      in.advance(record);
      frameNumber++;
      into.setInPlace(b, p + 16, (int) incl, frameNumber, epochNanos, 0, linkType, originalLength, start);
      return true;
    }
    in.advance(16);
    byte[] data = new byte[(int) incl];
    int got = in.read(data, 0, data.length);
    if (got < data.length) {
      truncation = new Truncation(start, frameNumber + 1, 16L + got, record);
      return false;
    }
    frameNumber++;
    into.set(new CapturedFrame(frameNumber, epochNanos, 0, linkType, originalLength, data, start));
    return true;
  }

  @Override
  public CapturedFrame next() throws IOException, CaptureFormatException {
    return next(scratch) ? scratch.frame() : null;
  }

  @Override
  public Truncation truncation() {
    return truncation;
  }

  @Override
  public InvalidTimestamps invalidTimestamps() {
    return invalidTimestamps;
  }
}
