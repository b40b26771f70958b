package org.xphonediag.trace.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered input stream that knows its byte offset and reads little- or big-endian integers
 * from byte arrays. Not thread-safe.
 */
public final class ByteInput implements AutoCloseable {
  private final InputStream in;
  private final byte[] buf = new byte[1 << 18];
  private int pos;
  private int limit;
  private long offset;

  public ByteInput(InputStream in) {
    this.in = in;
  }

  /** The offset of the next byte to be read. */
  public long offset() {
    return offset;
  }

  /** Reads up to {@code len} bytes; returns how many were read (fewer only at end of input). */
  public int read(byte[] dst, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      if (pos == limit) {
        if (len - done >= buf.length) {
          int n = in.read(dst, off + done, len - done);
          if (n < 0) {
            break;
          }
          done += n;
          offset += n;
          continue;
        }
        if (!fill()) {
          break;
        }
      }
      int n = Math.min(len - done, limit - pos);
      System.arraycopy(buf, pos, dst, off + done, n);
      pos += n;
      done += n;
      offset += n;
    }
    return done;
  }

  /** Skips up to {@code n} bytes; returns how many were skipped (fewer only at end of input). */
  public long skip(long n) throws IOException {
    long done = 0;
    while (done < n) {
      if (pos == limit && !fill()) {
        break;
      }
      int k = (int) Math.min(n - done, limit - pos);
      pos += k;
      done += k;
      offset += k;
    }
    return done;
  }

  /**
   * Buffers at least {@code n} bytes (n at most the buffer size) unless the input ends first, so that
   * they can be read in place from {@link #buffer()} at {@link #position()}; returns the bytes buffered.
   */
  public int ensure(int n) throws IOException {
    if (limit - pos >= n) {
      return limit - pos;
    }
    if (n > buf.length) {
      return limit - pos;
    }
    System.arraycopy(buf, pos, buf, 0, limit - pos);
    limit -= pos;
    pos = 0;
    while (limit < n) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        break;
      }
      limit += r;
    }
    return limit;
  }

  /** The internal buffer, valid from {@link #position()} for the count {@link #ensure} returned. */
  public byte[] buffer() {
    return buf;
  }

  /** Where the next unread byte lies in {@link #buffer()}. */
  public int position() {
    return pos;
  }

  /** Consumes {@code n} bytes already buffered (see {@link #ensure}). */
  public void advance(int n) {
    if (n < 0 || n > limit - pos) {
      throw new IllegalArgumentException("cannot advance " + n + " bytes with " + (limit - pos) + " buffered");
    }
    pos += n;
    offset += n;
  }

  /** The size of the internal buffer: the most {@link #ensure} can hold. */
  public int capacity() {
    return buf.length;
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    while (n == 0) {
      n = in.read(buf, 0, buf.length);
    }
    if (n < 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  /** An unsigned 16-bit value at {@code off}. */
  public static int u16(byte[] b, int off, boolean little) {
    return little ? (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 : (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  /** A 32-bit value at {@code off} as an unsigned long. */
  public static long u32(byte[] b, int off, boolean little) {
    return s32(b, off, little) & 0xffffffffL;
  }

  /** A 32-bit value at {@code off}. */
  public static int s32(byte[] b, int off, boolean little) {
    if (little) {
      return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
