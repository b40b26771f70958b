package org.xphonediag.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.io.InputFiles;
import org.xphonediag.trace.internal.ByteInput;
import org.xphonediag.trace.internal.FrameSource;
import org.xphonediag.trace.internal.PcapSource;
import org.xphonediag.trace.internal.PcapngSource;
import org.xphonediag.trace.internal.RawFrame;

/**
 * A streaming reader of pcap and pcapng captures (DEPENDENCIES.md "Captures"): frames are read one
 * at a time and memory does not grow with the file; no record larger than 16 MiB (a frame: 256
 * KiB) is ever loaded. Classic pcap in micro- or nanosecond resolution and either byte order;
 * pcapng with several sections, interfaces, link types and {@code if_tsresol}.
 *
 * <p>A capture that ends inside a record ends the iteration; {@link #truncation()} then says where.
 * A corrupt length throws {@link CaptureFormatException} with the byte offset; input that is not
 * a capture at all throws {@link NotACaptureException} from {@code open}. A record with an
 * impossible time stamp is read and flagged ({@link #invalidTimestamps()}). Not thread-safe.
 *
 * <pre>{@code
 * try (CaptureReader reader = CaptureReader.open(Path.of("call.pcapng"))) {
 *   for (Optional<CapturedFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
 *     System.out.println(f.get().number() + " " + LinkType.name(f.get().linkType()));
 *   }
 * }
 * }</pre>
 */
public final class CaptureReader implements AutoCloseable {
  private static final int PCAP_MICROS = 0xA1B2C3D4;
  private static final int PCAP_NANOS = 0xA1B23C4D;

  private final ByteInput in;
  private final String source;
  private final CaptureFormat format;
  private final FrameSource frames;
  private boolean ended;

  private CaptureReader(ByteInput in, String source, CaptureFormat format, FrameSource frames) {
    this.in = in;
    this.source = source;
    this.format = format;
    this.frames = frames;
  }

  /** Opens {@code file}; the file's name is the source named in errors. */
  public static CaptureReader open(Path file) throws IOException, CaptureFormatException {
    Objects.requireNonNull(file, "file");
    return open(InputFiles.newInputStream(file), file.toString());
  }

  /**
   * Reads a capture from {@code in} (closed by {@link #close()}, also when this method throws).
   *
   * @param source the name used in errors, e.g. the file name
   */
  public static CaptureReader open(InputStream in, String source) throws IOException, CaptureFormatException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(source, "source");
    ByteInput input = new ByteInput(in);
    try {
      return detect(input, source);
    } catch (IOException | CaptureFormatException | RuntimeException e) {
      input.close();
      throw e;
    }
  }

  private static CaptureReader detect(ByteInput input, String source) throws IOException, CaptureFormatException {
    byte[] magic = new byte[4];
    int n = input.read(magic, 0, 4);
    if (n < 4) {
      throw new NotACaptureException(source, 0, String.format(Locale.ROOT,
          "not a pcap or pcapng capture: the file has %d bytes, a capture header needs at least 24", n));
    }
    int big = ByteInput.s32(magic, 0, false);
    int little = ByteInput.s32(magic, 0, true);
    if (big == 0x0A0D0D0A) {
      return new CaptureReader(input, source, CaptureFormat.PCAPNG, new PcapngSource(input, source, magic));
    }
    boolean isLittle;
    boolean nanos;
    if (big == PCAP_MICROS || big == PCAP_NANOS) {
      isLittle = false;
      nanos = big == PCAP_NANOS;
    } else if (little == PCAP_MICROS || little == PCAP_NANOS) {
      isLittle = true;
      nanos = little == PCAP_NANOS;
    } else {
      throw new NotACaptureException(source, 0, String.format(Locale.ROOT,
          "not a pcap or pcapng capture: the magic number must be a1b2c3d4, a1b23c4d (either byte order) "
              + "or 0a0d0d0a but was %08x", big));
    }
    byte[] header = new byte[24];
    System.arraycopy(magic, 0, header, 0, 4);
    int got = input.read(header, 4, 20);
    if (got < 20) {
      throw new NotACaptureException(source, 0, "not a complete pcap capture: the file header needs 24 bytes "
          + "but the file has " + (4 + got));
    }
    int major = ByteInput.u16(header, 4, isLittle);
    if (major != 2) {
      throw new CaptureFormatException(source, 4, "pcap file header: version must be 2.x but was " + major);
    }
    return new CaptureReader(input, source, CaptureFormat.PCAP,
        new PcapSource(input, source, header, isLittle, nanos));
  }

  /** The file format. */
  public CaptureFormat format() {
    return format;
  }

  /** The source name used in errors. */
  public String source() {
    return source;
  }

  /**
   * The next frame, or empty at the end of the capture (clean or cut off, see {@link #truncation()}).
   *
   * @throws CaptureFormatException for a corrupt length or impossible field, with its byte offset
   */
  public Optional<CapturedFrame> next() throws IOException, CaptureFormatException {
    if (ended) {
      return Optional.empty();
    }
    CapturedFrame f = frames.next();
    if (f == null) {
      ended = true;
    }
    return Optional.ofNullable(f);
  }

  /** As {@link #next()}, into {@code into} and in place where possible (valid until the next read). */
  boolean next(RawFrame into) throws IOException, CaptureFormatException {
    if (ended) {
      return false;
    }
    if (!frames.next(into)) {
      ended = true;
      return false;
    }
    return true;
  }

  /** Where the capture was cut off; empty while reading and for a capture that ends cleanly. */
  public Optional<Truncation> truncation() {
    return Optional.ofNullable(frames.truncation());
  }

  /** How many frames read so far had an impossible time stamp (see {@link InvalidTimestamp}). */
  public long invalidTimestampCount() {
    return frames.invalidTimestamps().count();
  }

  /** The first frames (at most 10) read so far with an impossible time stamp. */
  public java.util.List<InvalidTimestamp> invalidTimestamps() {
    return frames.invalidTimestamps().first();
  }

  /** Bytes read so far. */
  public long bytesRead() {
    return in.offset();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
