package org.xphonediag.trace.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xphonediag.trace.CaptureFormatException;
import org.xphonediag.trace.CapturedFrame;
import org.xphonediag.trace.Truncation;

/**
 * pcapng blocks (draft-ietf-opsawg-pcapng): section header blocks set the byte order of their
 * section and reset the interfaces; interface description blocks give link type, snap length,
 * {@code if_tsresol} and {@code if_tsoffset}; enhanced, simple and obsolete packet blocks become
 * frames; every other block is skipped without being loaded.
 */
public final class PcapngSource implements FrameSource {
  static final int SHB = 0x0A0D0D0A;
  private static final int IDB = 1;
  private static final int OPB = 2;
  private static final int SPB = 3;
  private static final int EPB = 6;
  private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

  private final ByteInput in;
  private final String source;
  private final byte[] head = new byte[12];
  private boolean little;
  private final List<Iface> interfaces = new ArrayList<>();
  private long frameNumber;
  private Truncation truncation;
  private byte[] pending;
  private final RawFrame scratch = new RawFrame();

  private record Iface(int linkType, long snapLength, long unitsPerSecond, long offsetSeconds) {}

  /** Reads blocks from the start of the file; {@code firstBytes} were already read from it. */
  public PcapngSource(ByteInput in, String source, byte[] firstBytes) {
    this.in = in;
    this.source = source;
    this.pending = firstBytes.clone();
  }

  /** How many interfaces the current section has described so far. */
  public int interfaceCount() {
    return interfaces.size();
  }

  @Override
  public boolean next(RawFrame into) throws IOException, CaptureFormatException {
    return pending == null && bufferedEnhancedPacket(into) || FrameSource.super.next(into);
  }

  @Override
  public CapturedFrame next() throws IOException, CaptureFormatException {
    while (true) {
      if (pending == null && bufferedEnhancedPacket(scratch)) {
        return scratch.frame();
      }
      int n;
      long start;
      if (pending != null) {
        System.arraycopy(pending, 0, head, 0, pending.length);
        start = in.offset() - pending.length;
        n = pending.length + in.read(head, pending.length, 12 - pending.length);
        pending = null;
      } else {
        start = in.offset();
        n = in.read(head, 0, 12);
      }
      if (n == 0) {
        return null;
      }
      if (n < 8 || (n < 12 && ByteInput.s32(head, 0, false) == SHB)) {
        truncation = new Truncation(start, frameNumber + 1, n, -1);
        return null;
      }
      int type = ByteInput.s32(head, 0, little);
      if (type == SHB) {
        int magic = ByteInput.s32(head, 8, false);
        if (magic == BYTE_ORDER_MAGIC) {
          little = false;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
          little = true;
        } else {
          throw new CaptureFormatException(source, start + 8, String.format(Locale.ROOT,
              "pcapng section header: byte-order magic must be 0x1a2b3c4d but was 0x%08x", magic));
        }
        interfaces.clear();
      }
      long total = ByteInput.u32(head, 4, little);
      if (total < 12 || total % 4 != 0 || total > MAX_RECORD) {
        throw new CaptureFormatException(source, start + 4, String.format(Locale.ROOT,
            "pcapng block type 0x%08x: total length must be a multiple of 4 in 12..%d but was %d",
            type, MAX_RECORD, total));
      }
      if (type == SHB && total < 28) {
        throw corrupt(start + 4, "section header block is " + total + " bytes, at least 28 needed");
      }
      int already = n - 8;
      if (type != SHB && type != IDB && type != EPB && type != SPB && type != OPB) {
        long want = total - 8 - already;
        long skipped = in.skip(want);
        if (skipped < want) {
          truncation = new Truncation(start, frameNumber + 1, n + skipped, total);
          return null;
        }
        continue;
      }
      byte[] body = new byte[(int) total - 8];
      System.arraycopy(head, 8, body, 0, already);
      int got = in.read(body, already, body.length - already);
      if (got < body.length - already) {
        truncation = new Truncation(start, frameNumber + 1, 8L + already + got, total);
        return null;
      }
      long trailer = ByteInput.u32(body, body.length - 4, little);
      if (trailer != total) {
        throw new CaptureFormatException(source, start + total - 4, String.format(Locale.ROOT,
            "pcapng block type 0x%08x: trailing length must repeat the leading %d but was %d", type, total,
            trailer));
      }
      CapturedFrame frame = switch (type) {
        case SHB -> null;
        case IDB -> {
          interfaces.add(parseInterface(body, start));
          yield null;
        }
        default -> parsePacket(type, body, start);
      };
      if (frame != null) {
        return frame;
      }
    }
  }

  /**
   * The common case read in place: a well-formed enhanced packet block wholly in the input's buffer,
   * left there ({@code into} points at it until the next read). Returns false (consuming nothing) for
   * anything else, which the general path then reads.
   */
  private boolean bufferedEnhancedPacket(RawFrame into) throws IOException {
    if (in.ensure(32) < 32) {
      return false;
    }
    byte[] b = in.buffer();
    int p = in.position();
    if (ByteInput.s32(b, p, little) != EPB) {
      return false;
    }
    long total = ByteInput.u32(b, p + 4, little);
    if (total < 32 || total % 4 != 0 || total > in.capacity() || in.ensure((int) total) < total) {
      return false;
    }
    b = in.buffer();
    p = in.position();
    long ifaceId = ByteInput.u32(b, p + 8, little);
    long capLen = ByteInput.u32(b, p + 20, little);
    if (ifaceId >= interfaces.size() || capLen > total - 32 || capLen > MAX_FRAME
        || ByteInput.u32(b, p + (int) total - 4, little) != total) {
      return false;
    }
    long ts = ByteInput.u32(b, p + 12, little) << 32 | ByteInput.u32(b, p + 16, little);
    long origLen = ByteInput.u32(b, p + 24, little);
    long start = in.offset();
    in.advance((int) total);
    Iface iface = interfaces.get((int) ifaceId);
    frameNumber++;
    into.setInPlace(b, p + 28, (int) capLen, frameNumber, toNanos(ts, iface), (int) ifaceId, iface.linkType,
        (int) Math.min(Integer.MAX_VALUE, origLen), start);
    return true;
  }

  private Iface parseInterface(byte[] body, long start) throws CaptureFormatException {
    if (body.length < 12) {
      throw corrupt(start, "interface description block is " + (body.length + 8) + " bytes, at least 20 needed");
    }
    int linkType = ByteInput.u16(body, 0, little);
    long snap = ByteInput.u32(body, 4, little);
    long units = 1_000_000L;
    long offsetSeconds = 0;
    int p = 8;
    int end = body.length - 4;
    while (p + 4 <= end) {
      int code = ByteInput.u16(body, p, little);
      int len = ByteInput.u16(body, p + 2, little);
      if (code == 0) {
        break;
      }
      if (p + 4 + len > end) {
        throw corrupt(start + 8 + p + 2, "interface option " + code + ": length " + len
            + " runs past the block end");
      }
      if (code == 9 && len >= 1) {
        int v = body[p + 4] & 0xff;
        int exp = v & 0x7f;
        if ((v & 0x80) == 0) {
          if (exp > 18) {
            throw corrupt(start + 8 + p + 4, "if_tsresol 10^-" + exp + " is finer than 10^-18");
          }
          units = BigInteger.TEN.pow(exp).longValueExact();
        } else {
          if (exp > 62) {
            throw corrupt(start + 8 + p + 4, "if_tsresol 2^-" + exp + " is finer than 2^-62");
          }
          units = 1L << exp;
        }
      } else if (code == 14 && len == 8) {
        offsetSeconds = little ? ByteInput.u32(body, p + 4, true) | ByteInput.u32(body, p + 8, true) << 32
            : ByteInput.u32(body, p + 4, false) << 32 | ByteInput.u32(body, p + 8, false);
      }
      p += 4 + ((len + 3) & ~3);
    }
    return new Iface(linkType, snap, units, offsetSeconds);
  }

  private CapturedFrame parsePacket(int type, byte[] body, long start) throws CaptureFormatException {
    int ifaceId;
    long ts = 0;
    long capLen;
    long origLen;
    int dataOff;
    if (type == SPB) {
      if (body.length < 8) {
        throw corrupt(start, "simple packet block is " + (body.length + 8) + " bytes, at least 16 needed");
      }
      ifaceId = 0;
      origLen = ByteInput.u32(body, 0, little);
      dataOff = 4;
      capLen = Math.min(origLen, body.length - 8L);
      Iface first = interface0(start);
      if (first.snapLength > 0) {
        capLen = Math.min(capLen, first.snapLength);
      }
    } else {
      if (body.length < 24) {
        throw corrupt(start, "packet block is " + (body.length + 8) + " bytes, at least 32 needed");
      }
      ifaceId = type == OPB ? ByteInput.u16(body, 0, little) : (int) ByteInput.u32(body, 0, little);
      ts = ByteInput.u32(body, 4, little) << 32 | ByteInput.u32(body, 8, little);
      capLen = ByteInput.u32(body, 12, little);
      origLen = ByteInput.u32(body, 16, little);
      dataOff = 20;
      if (capLen > body.length - 24L) {
        throw corrupt(start + 20, "packet block: captured length " + capLen + " exceeds the block's "
            + (body.length - 24) + " data bytes");
      }
    }
    if (ifaceId < 0 || ifaceId >= interfaces.size()) {
      throw corrupt(start + 8, "packet block names interface " + ifaceId + " but the section describes "
          + interfaces.size());
    }
    Iface iface = interfaces.get(ifaceId);
    if (capLen > MAX_FRAME) {
      throw corrupt(start + 20, "packet block: captured length must be at most " + MAX_FRAME + " but was " + capLen);
    }
    byte[] data = new byte[(int) capLen];
    System.arraycopy(body, dataOff, data, 0, data.length);
    frameNumber++;
    return new CapturedFrame(frameNumber, toNanos(ts, iface), ifaceId, iface.linkType,
        (int) Math.min(Integer.MAX_VALUE, origLen), data, start);
  }

  private Iface interface0(long start) throws CaptureFormatException {
    if (interfaces.isEmpty()) {
      throw corrupt(start, "simple packet block before any interface description block");
    }
    return interfaces.get(0);
  }

  private static long toNanos(long ts, Iface iface) {
    long units = iface.unitsPerSecond;
    long seconds = Long.divideUnsigned(ts, units);
    long frac = Long.remainderUnsigned(ts, units);
    long fracNanos = units <= 1_000_000_000L && 1_000_000_000L % units == 0
        ? frac * (1_000_000_000L / units)
        : BigInteger.valueOf(frac).multiply(BigInteger.valueOf(1_000_000_000L))
            .divide(BigInteger.valueOf(units)).longValue();
    return (seconds + iface.offsetSeconds) * 1_000_000_000L + fracNanos;
  }

  private CaptureFormatException corrupt(long offset, String message) {
    return new CaptureFormatException(source, offset, "pcapng: " + message);
  }

  @Override
  public Truncation truncation() {
    return truncation;
  }
}
