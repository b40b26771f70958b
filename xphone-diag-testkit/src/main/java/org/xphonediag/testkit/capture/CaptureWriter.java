package org.xphonediag.testkit.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Writes pcap or pcapng captures: for tests, the testkit lab and benchmarks that need captures of
 * a known shape (each byte order, micro- or nanosecond pcap, pcapng interfaces with their own link
 * type and {@code if_tsresol}, enhanced and simple packet blocks, unknown blocks, new sections).
 * Build the frames with {@link PacketBuilder}. Not thread-safe; {@link #close()} flushes and closes.
 *
 * <pre>{@code
 * try (CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
 *   int eth = w.addInterface(1, 6);   // LINKTYPE_ETHERNET
 *   w.writePacket(eth, System.currentTimeMillis() * 1_000_000L, frameBytes);
 * }
 * }</pre>
 */
public final class CaptureWriter implements AutoCloseable {
  /** The file formats a writer writes. */
  public enum Format {
    /** Classic libpcap. */
    PCAP,
    /** pcapng (sections, interfaces, blocks). */
    PCAPNG
  }

  private final OutputStream out;
  private final Format format;
  private ByteOrder order;
  private final boolean nanos;
  private final int pcapLinkType;
  private long[] unitsPerSecond = new long[0];

  private CaptureWriter(OutputStream out, Format format, ByteOrder order, boolean nanos, int linkType) {
    this.out = new BufferedOutputStream(Objects.requireNonNull(out, "out"), 1 << 16);
    this.format = format;
    this.order = Objects.requireNonNull(order, "order");
    this.nanos = nanos;
    this.pcapLinkType = linkType;
  }

  /** A classic pcap writer; writes the 24-byte file header at once (snap length 262144). */
  public static CaptureWriter pcap(OutputStream out, int linkType, ByteOrder order, boolean nanosecond)
      throws IOException {
    CaptureWriter w = new CaptureWriter(out, Format.PCAP, order, nanosecond, linkType);
    ByteBuffer b = w.buffer(24);
    b.putInt(nanosecond ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
        .putInt(262144).putInt(linkType);
    w.out.write(b.array());
    return w;
  }

  /** A pcapng writer; writes the first section header at once. Add interfaces before packets. */
  public static CaptureWriter pcapng(OutputStream out, ByteOrder order) throws IOException {
    CaptureWriter w = new CaptureWriter(out, Format.PCAPNG, order, false, -1);
    w.startSection(order);
    return w;
  }

  /** The format being written. */
  public Format format() {
    return format;
  }

  /** pcapng: starts a new section in {@code order}; its interfaces start again from 0. */
  public void startSection(ByteOrder sectionOrder) throws IOException {
    requirePcapng();
    this.order = Objects.requireNonNull(sectionOrder, "sectionOrder");
    unitsPerSecond = new long[0];
    ByteBuffer b = buffer(28);
    b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L)
        .putInt(28);
    out.write(b.array());
  }

  /**
   * pcapng: describes an interface and returns its id.
   *
   * @param tsresol the {@code if_tsresol} byte (6 = microseconds, the default; 9 = nanoseconds;
   *     0x80|n = 2^-n), or -1 to write no option
   */
  public int addInterface(int linkType, int tsresol) throws IOException {
    requirePcapng();
    boolean opt = tsresol >= 0;
    int len = 20 + (opt ? 12 : 0);
    ByteBuffer b = buffer(len);
    b.putInt(1).putInt(len).putShort((short) linkType).putShort((short) 0).putInt(0);
    if (opt) {
      b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]).putShort((short) 0)
          .putShort((short) 0);
    }
    b.putInt(len);
    out.write(b.array());
    long units;
    if (tsresol < 0) {
      units = 1_000_000L;
    } else if ((tsresol & 0x80) == 0) {
      units = (long) Math.pow(10, tsresol);
    } else {
      units = 1L << (tsresol & 0x7f);
    }
    long[] grown = java.util.Arrays.copyOf(unitsPerSecond, unitsPerSecond.length + 1);
    grown[grown.length - 1] = units;
    unitsPerSecond = grown;
    return grown.length - 1;
  }

  /** Writes a frame: a pcap record (interface ignored) or a pcapng enhanced packet block. */
  public void writePacket(int interfaceId, long epochNanos, byte[] data) throws IOException {
    writePacket(interfaceId, epochNanos, data, data.length);
  }

  /** Writes a frame whose on-wire length was {@code originalLength} (at least {@code data.length}). */
  public void writePacket(int interfaceId, long epochNanos, byte[] data, int originalLength) throws IOException {
    if (format == Format.PCAP) {
      ByteBuffer b = buffer(16);
      long sec = Math.floorDiv(epochNanos, 1_000_000_000L);
      long ns = Math.floorMod(epochNanos, 1_000_000_000L);
      b.putInt((int) sec).putInt((int) (nanos ? ns : ns / 1000)).putInt(data.length).putInt(originalLength);
      out.write(b.array());
      out.write(data);
      return;
    }
    if (interfaceId < 0 || interfaceId >= unitsPerSecond.length) {
      throw new IllegalArgumentException("interface " + interfaceId + " was not added in this section");
    }
    long units = unitsPerSecond[interfaceId];
    long sec = Math.floorDiv(epochNanos, 1_000_000_000L);
    long ns = Math.floorMod(epochNanos, 1_000_000_000L);
    long ts = sec * units + java.math.BigInteger.valueOf(ns).multiply(java.math.BigInteger.valueOf(units))
        .divide(java.math.BigInteger.valueOf(1_000_000_000L)).longValue();
    int padded = (data.length + 3) & ~3;
    int len = 32 + padded;
    ByteBuffer b = buffer(len);
    b.putInt(6).putInt(len).putInt(interfaceId).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(data.length)
        .putInt(originalLength).put(data).position(28 + padded);
    b.putInt(len);
    out.write(b.array());
  }

  /** pcapng: writes a simple packet block (no timestamp, interface 0). */
  public void writeSimplePacket(byte[] data) throws IOException {
    requirePcapng();
    int padded = (data.length + 3) & ~3;
    int len = 16 + padded;
    ByteBuffer b = buffer(len);
    b.putInt(3).putInt(len).putInt(data.length).put(data).position(12 + padded);
    b.putInt(len);
    out.write(b.array());
  }

  /** pcapng: writes a block of any type with {@code body} (padded to 4 bytes), e.g. one a reader skips. */
  public void writeBlock(int type, byte[] body) throws IOException {
    requirePcapng();
    int padded = (body.length + 3) & ~3;
    int len = 12 + padded;
    ByteBuffer b = buffer(len);
    b.putInt(type).putInt(len).put(body).position(8 + padded);
    b.putInt(len);
    out.write(b.array());
  }

  /** Writes raw bytes as they are, e.g. to build a corrupt or cut-off capture in a test. */
  public void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
  }

  /** The byte order of the current section (or file). */
  public ByteOrder order() {
    return order;
  }

  private void requirePcapng() {
    if (format != Format.PCAPNG) {
      throw new IllegalStateException("sections, interfaces and blocks exist only in pcapng, not in " + format);
    }
  }

  private ByteBuffer buffer(int len) {
    return ByteBuffer.allocate(len).order(order);
  }

  /** Flushes what was written. */
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
