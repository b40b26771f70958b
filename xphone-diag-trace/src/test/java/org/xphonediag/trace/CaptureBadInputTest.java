package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xphonediag.core.InputException;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;

/**
 * Every bad-input path of the capture reader, for pcap and pcapng: input that is not a capture
 * ({@link NotACaptureException}), a corrupt length or impossible field ({@link
 * CaptureFormatException} at the byte offset of the field), and a capture cut off inside a record
 * or block (a {@link Truncation} after the complete frames; {@code trace.truncated} in reports).
 */
class CaptureBadInputTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  /** Section header (28 bytes) and one RAW interface without options (20 bytes): blocks start at 48. */
  private static final int AFTER_IDB = 48;

  interface Body {
    void write(CaptureWriter w) throws Exception;
  }

  private static byte[] pcapng(Body body) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      body.write(w);
    }
    return out.toByteArray();
  }

  private static byte[] pcap(Body body) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcap(out, LinkType.RAW, ByteOrder.BIG_ENDIAN, false)) {
      body.write(w);
    }
    return out.toByteArray();
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** A little-endian block of {@code type} with {@code body} and a correct trailer. */
  private static byte[] block(int type, byte[] body) {
    return le(12 + body.length).putInt(type).putInt(12 + body.length).put(body).putInt(12 + body.length).array();
  }

  private static byte[] epb(int iface, int capLen, int dataBytes) {
    ByteBuffer b = le(20 + dataBytes).putInt(iface).putInt(0).putInt(0).putInt(capLen).putInt(capLen);
    return block(6, b.array());
  }

  static Stream<Arguments> corrupt() throws Exception {
    byte[] hugeEpb = epb(0, (1 << 18) + 4, (1 << 18) + 4);
    return Stream.of(
        Arguments.of("pcap version 3", withBytes(pcap(w -> { }), 4, new byte[] {0, 3}), 4,
            "version must be 2.x but was 3"),
        Arguments.of("pcap captured length above the frame cap", pcap(w -> w.writeRaw(new byte[] {0, 0, 0, 1, 0, 0, 0,
            0, 0x7f, 0, 0, 0, 0, 0, 0, 1})), 24 + 8, "captured length must be at most 262144"),
        Arguments.of("pcapng byte-order magic", le(28).putInt(0x0A0D0D0A).putInt(28).putInt(0x11223344).putLong(0)
            .putInt(0).putInt(28).array(), 8, "byte-order magic must be 0x1a2b3c4d but was 0x44332211"),
        Arguments.of("pcapng section header too short", le(16).putInt(0x0A0D0D0A).putInt(16).putInt(0x1A2B3C4D)
            .putInt(16).array(), 4, "section header block is 16 bytes, at least 28 needed"),
        Arguments.of("pcapng block length not a multiple of 4", pcapng(w -> {
          w.addInterface(LinkType.RAW, -1);
          w.writeRaw(le(8).putInt(6).putInt(13).array());
        }), AFTER_IDB + 4, "total length must be a multiple of 4 in 12..16777216 but was 13"),
        Arguments.of("pcapng block length above the record cap", pcapng(w -> w.writeRaw(le(8).putInt(0x0BAD)
            .putInt(1 << 25).array())), 28 + 4, "but was 33554432"),
        Arguments.of("pcapng trailer differs", withBytes(pcapng(w -> w.writePacket(w.addInterface(LinkType.RAW, -1), T0,
            new byte[4])), AFTER_IDB + 32, new byte[] {99}), AFTER_IDB + 32, "trailing length must repeat the leading 36"),
        Arguments.of("pcapng interface block too short", pcapng(w -> w.writeRaw(block(1, new byte[4]))), 28,
            "interface description block is 16 bytes, at least 20 needed"),
        Arguments.of("pcapng interface option past the block", pcapng(w -> w.writeRaw(block(1, le(12).putShort((short) 101)
            .putShort((short) 0).putInt(0).putShort((short) 9).putShort((short) 40).array()))), 28 + 8 + 8 + 2,
            "interface option 9: length 40 runs past the block end"),
        Arguments.of("pcapng if_tsresol finer than 10^-18", pcapng(w -> w.writeRaw(block(1, le(16).putShort((short) 101)
            .putShort((short) 0).putInt(0).putShort((short) 9).putShort((short) 1).put((byte) 19).array()))),
            28 + 8 + 12, "if_tsresol 10^-19 is finer than 10^-18"),
        Arguments.of("pcapng captured length past the block", pcapng(w -> {
          w.addInterface(LinkType.RAW, -1);
          w.writeRaw(epb(0, 100, 4));
        }), AFTER_IDB + 20, "captured length 100 exceeds the block's 4 data bytes"),
        Arguments.of("pcapng captured length above the frame cap", pcapng(w -> {
          w.addInterface(LinkType.RAW, -1);
          w.writeRaw(hugeEpb);
        }), AFTER_IDB + 20, "captured length must be at most 262144 but was 262148"),
        Arguments.of("pcapng packet of an undescribed interface", pcapng(w -> {
          w.addInterface(LinkType.RAW, -1);
          w.writeRaw(epb(3, 4, 4));
        }), AFTER_IDB + 8, "packet block names interface 3 but the section describes 1"),
        Arguments.of("pcapng packet block too short", pcapng(w -> {
          w.addInterface(LinkType.RAW, -1);
          w.writeRaw(block(6, new byte[16]));
        }), AFTER_IDB, "packet block is 28 bytes, at least 32 needed"),
        Arguments.of("pcapng simple packet before any interface", pcapng(w -> w.writeSimplePacket(new byte[4])), 28,
            "simple packet block before any interface description block"),
        Arguments.of("pcapng simple packet block too short", pcapng(w -> {
          w.addInterface(LinkType.RAW, -1);
          w.writeRaw(block(3, new byte[0]));
        }), AFTER_IDB, "simple packet block is 12 bytes, at least 16 needed"));
  }

  private static byte[] withBytes(byte[] file, int at, byte[] bytes) {
    byte[] b = file.clone();
    System.arraycopy(bytes, 0, b, at, bytes.length);
    return b;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corrupt")
  void corruptFieldThrowsWithItsByteOffset(String name, byte[] file, long offset, String message) {
    CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReaderTest.readAll(file));
    assertFalse(e instanceof NotACaptureException, name + ": " + e.getMessage());
    assertEquals(offset, e.byteOffset(), name + ": " + e.getMessage());
    assertTrue(e.reason().contains(message), e.reason());
    assertEquals(SourceLocation.atOffset("test", offset), e.location());
    assertEquals(List.of(new InputException.Problem(SourceLocation.atOffset("test", offset), e.reason())),
        e.problems());
  }

  /** A pcap record header (big-endian) followed by {@code data}. */
  private static byte[] record(long seconds, long subSecond, byte[] data) {
    return ByteBuffer.allocate(16 + data.length).putInt((int) seconds).putInt((int) subSecond).putInt(data.length)
        .putInt(data.length).put(data).array();
  }

  @ParameterizedTest(name = "nanosecond file {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void impossibleSubSecondFieldIsReadOnAndFlaggedLikeTcpdumpAndTshark(boolean nanos) throws Exception {
    long unit = nanos ? 1_000_000_000L : 1_000_000L;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcap(out, LinkType.RAW, ByteOrder.BIG_ENDIAN, nanos)) {
      w.writeRaw(record(100, unit - 1, new byte[20]));
      w.writeRaw(record(100, unit, new byte[20])); // the sub-second field one too high: tcpdump's "(invalid us)"
      w.writeRaw(record(101, 0x80000000L, new byte[20]));
      w.writeRaw(record(102, 5, new byte[20]));
    }
    try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(out.toByteArray()), "test")) {
      java.util.List<CapturedFrame> frames = new java.util.ArrayList<>();
      for (java.util.Optional<CapturedFrame> f = r.next(); f.isPresent(); f = r.next()) {
        frames.add(f.get());
      }
      assertEquals(4, frames.size(), "every record is read");
      long scale = 1_000_000_000L / unit;
      assertEquals(101 * 1_000_000_000L, frames.get(1).epochNanos(), "the time as written, carried into the seconds");
      assertEquals(101 * 1_000_000_000L + 0x80000000L * scale, frames.get(2).epochNanos());
      assertEquals(102 * 1_000_000_000L + 5 * scale, frames.get(3).epochNanos());
      assertEquals(2, r.invalidTimestampCount());
      assertEquals(java.util.List.of(new InvalidTimestamp(2, 24 + 36 + 4, unit, nanos),
          new InvalidTimestamp(3, 24 + 2 * 36 + 4, 0x80000000L, nanos)), r.invalidTimestamps());
    }
  }

  @org.junit.jupiter.api.Test
  void impossibleTimeStampIsAWarningOfTheCaptureNotUnreadableInput() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcap(out, LinkType.RAW, ByteOrder.BIG_ENDIAN, false)) {
      w.writeRaw(record(100, 1_000_000, PacketBuilder.udp("10.0.0.1", 5060, "10.0.0.2", 5060,
          Sip.response("c1", 200, "OK", "OPTIONS", null))));
    }
    try (TraceScanner s = TraceScanner.of(CaptureReader.open(new ByteArrayInputStream(out.toByteArray()), "t.pcap"))) {
      org.xphonediag.core.Report r = TraceAnalyzer.builder().build().report(s, "t.pcap");
      org.xphonediag.core.Finding f = r.findings().stream().filter(x -> x.code().equals("trace.invalid-timestamp"))
          .findFirst().orElseThrow();
      assertEquals(org.xphonediag.core.Status.WARN, f.severity());
      assertTrue(f.message().startsWith("frame 1: the pcap record's sub-second field must be below 10^6"
          + " (microseconds) but was 1000000"), f.message());
      assertEquals(28, f.location().orElseThrow().byteOffset().orElseThrow());
      java.util.Map<String, Object> packets = ((org.xphonediag.core.Details) r.data().asMap().get("packets")).asMap();
      assertEquals(1L, packets.get("invalidTimestamps"));
      assertEquals(1L, packets.get("sip"));
    }
  }

  static Stream<Arguments> notACapture() throws Exception {
    return Stream.of(
        Arguments.of("empty", new byte[0], "the file has 0 bytes"),
        Arguments.of("three bytes", new byte[] {(byte) 0xa1, (byte) 0xb2, (byte) 0xc3}, "the file has 3 bytes"),
        Arguments.of("unknown magic", "GET / HTTP/1.1\r\n".getBytes(), "magic number must be a1b2c3d4"),
        Arguments.of("pcap header cut", Arrays.copyOf(pcap(w -> { }), 14),
            "the file header needs 24 bytes but the file has 14"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notACapture")
  void inputThatIsNoCaptureIsRefusedAtOffsetZero(String name, byte[] file, String message) {
    NotACaptureException e = assertThrows(NotACaptureException.class,
        () -> CaptureReader.open(new ByteArrayInputStream(file), "test"));
    assertEquals(0, e.byteOffset());
    assertEquals(SourceLocation.atOffset("test", 0), e.location());
    assertTrue(e.reason().contains(message), e.reason());
  }

  static Stream<Arguments> cut() throws Exception {
    byte[] pcapTwo = pcap(w -> {
      w.writePacket(0, T0, new byte[40]);
      w.writePacket(0, T0, new byte[40]);
    });
    byte[] pcapngTwo = pcapng(w -> {
      int i = w.addInterface(LinkType.RAW, 9);
      w.writePacket(i, T0, new byte[40]);
      w.writePacket(i, T0, new byte[40]);
    });
    byte[] unknownBlock = pcapng(w -> {
      int i = w.addInterface(LinkType.RAW, -1);
      w.writePacket(i, T0, new byte[8]);
      w.writeBlock(0x0BAD, new byte[100]);
    });
    return Stream.of(
        // name, file, frames before the cut, offset of the cut record, bytes present, bytes expected
        Arguments.of("pcap record header cut", Arrays.copyOf(pcapTwo, 24 + 56 + 10), 1, 24 + 56, 10, -1),
        Arguments.of("pcap record data cut", Arrays.copyOf(pcapTwo, pcapTwo.length - 1), 1, 24 + 56, 55, 56),
        Arguments.of("pcapng section header cut", Arrays.copyOf(pcapngTwo, 8), 0, 0, 8, -1),
        Arguments.of("pcapng block header cut", Arrays.copyOf(pcapngTwo, 28 + 5), 0, 28, 5, -1),
        Arguments.of("pcapng interface block cut", Arrays.copyOf(pcapngTwo, 28 + 20), 0, 28, 20, 32),
        Arguments.of("pcapng packet block cut in its data", Arrays.copyOf(pcapngTwo, 28 + 32 + 72 + 30), 1, 28 + 32 + 72,
            30, 72),
        Arguments.of("pcapng packet block cut in its trailer", Arrays.copyOf(pcapngTwo, pcapngTwo.length - 2), 1,
            28 + 32 + 72, 70, 72),
        Arguments.of("pcapng unknown block cut", Arrays.copyOf(unknownBlock, unknownBlock.length - 50), 1,
            28 + 20 + 40, 62, 112));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cut")
  void captureCutOffEndsWithATruncationAfterTheCompleteFrames(String name, byte[] file, int frames, long offset,
      long present, long expected) throws Exception {
    try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(file), "cut")) {
      int n = 0;
      while (r.next().isPresent()) {
        n++;
      }
      assertEquals(frames, n, name);
      assertEquals(new Truncation(offset, frames + 1, present, expected), r.truncation().orElseThrow(), name);
      assertTrue(r.next().isEmpty(), "stays at the end");
    }
  }
}
