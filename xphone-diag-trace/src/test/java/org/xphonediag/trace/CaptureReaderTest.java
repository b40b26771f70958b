package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.testkit.capture.CaptureWriter;

class CaptureReaderTest {
  static final long T0 = 1_700_000_000_123_456_789L;

  static List<CapturedFrame> readAll(byte[] file) throws Exception {
    try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(file), "test")) {
      List<CapturedFrame> out = new ArrayList<>();
      for (Optional<CapturedFrame> f = r.next(); f.isPresent(); f = r.next()) {
        out.add(f.get());
      }
      return out;
    }
  }

  @ParameterizedTest
  @CsvSource({"BIG,false", "BIG,true", "LITTLE,false", "LITTLE,true"})
  void pcapInEachByteOrderAndResolutionReadsFramesAndTimes(String order, boolean nanos) throws Exception {
    ByteOrder bo = order.equals("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcap(out, LinkType.ETHERNET, bo, nanos)) {
      w.writePacket(0, T0, new byte[] {1, 2, 3});
      w.writePacket(0, T0 + 1_000_000_000L, new byte[60]);
    }
    List<CapturedFrame> frames = readAll(out.toByteArray());
    assertEquals(2, frames.size());
    assertEquals(nanos ? T0 : T0 - 789, frames.get(0).epochNanos());
    assertArrayEquals(new byte[] {1, 2, 3}, frames.get(0).data());
    assertEquals(LinkType.ETHERNET, frames.get(1).linkType());
    assertEquals(2, frames.get(1).number());
  }

  @ParameterizedTest
  @CsvSource({"BIG,6,789", "LITTLE,9,0", "LITTLE,-1,789", "BIG,3,456789"})
  void pcapngWithTsresolConvertsTimestamps(String order, int tsresol, long lostNanos) throws Exception {
    ByteOrder bo = order.equals("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcapng(out, bo)) {
      int i = w.addInterface(LinkType.RAW, tsresol);
      w.writePacket(i, T0, new byte[] {0x45, 0, 0, 20});
    }
    CapturedFrame f = readAll(out.toByteArray()).get(0);
    assertEquals(T0 - lostNanos, f.epochNanos());
    assertEquals(LinkType.RAW, f.linkType());
  }

  @Test
  void pcapngBinaryTsresolConvertsTimestamps() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int i = w.addInterface(LinkType.RAW, 0x80 | 10);
      w.writePacket(i, 5_500_000_000L, new byte[4]);
    }
    assertEquals(5_500_000_000L, readAll(out.toByteArray()).get(0).epochNanos());
  }

  @Test
  void pcapngWithSectionsInterfacesSimpleAndUnknownBlocksReadsEveryPacket() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 6);
      int lo = w.addInterface(LinkType.NULL, 9);
      w.writePacket(eth, T0, new byte[14]);
      w.writeBlock(0x0BAD, new byte[] {1, 2, 3, 4, 5});
      w.writePacket(lo, T0, new byte[5]);
      w.writeSimplePacket(new byte[7]);
      w.startSection(ByteOrder.BIG_ENDIAN);
      int sll2 = w.addInterface(LinkType.LINUX_SLL2, 9);
      w.writePacket(sll2, T0, new byte[21]);
    }
    List<CapturedFrame> frames = readAll(out.toByteArray());
    assertEquals(List.of(LinkType.ETHERNET, LinkType.NULL, LinkType.ETHERNET, LinkType.LINUX_SLL2),
        frames.stream().map(CapturedFrame::linkType).toList());
    assertEquals(List.of(14, 5, 7, 21), frames.stream().map(f -> f.data().length).toList());
    assertEquals(List.of(1L, 2L, 3L, 4L), frames.stream().map(CapturedFrame::number).toList());
  }

  @Test
  void pcapCutInsideLastRecordReportsTruncationAfterCompleteFrames() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcap(out, LinkType.RAW, ByteOrder.LITTLE_ENDIAN, false)) {
      w.writePacket(0, T0, new byte[40]);
      w.writePacket(0, T0, new byte[40]);
    }
    byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() - 10);
    try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(cut), "cut.pcap")) {
      assertTrue(r.next().isPresent());
      assertTrue(r.next().isEmpty());
      Truncation t = r.truncation().orElseThrow();
      assertEquals(24 + 56, t.byteOffset());
      assertEquals(2, t.frameNumber());
      assertEquals(46, t.bytesPresent());
      assertEquals(56, t.bytesExpected());
    }
  }

  @Test
  void pcapngCutInsideBlockReportsTruncation() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.BIG_ENDIAN)) {
      int i = w.addInterface(LinkType.RAW, -1);
      w.writePacket(i, T0, new byte[40]);
      w.writePacket(i, T0, new byte[40]);
    }
    byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() - 3);
    try (CaptureReader r = CaptureReader.open(new ByteArrayInputStream(cut), "cut.pcapng")) {
      assertTrue(r.next().isPresent());
      assertTrue(r.next().isEmpty());
      assertEquals(2, r.truncation().orElseThrow().frameNumber());
    }
  }

  @Test
  void pcapRecordWithHugeCapturedLengthThrowsWithOffset() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcap(out, LinkType.RAW, ByteOrder.BIG_ENDIAN, false)) {
      w.writePacket(0, T0, new byte[4]);
      w.writeRaw(new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 0x7f, 0, 0, 0, 0, 0, 0, 1});
    }
    CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> readAll(out.toByteArray()));
    assertEquals(24 + 20 + 8, e.byteOffset());
    assertTrue(e.reason().contains("captured length must be at most"), e.reason());
  }

  @Test
  void pcapngBlockWithBadLengthThrowsWithOffset() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      w.addInterface(LinkType.RAW, -1);
      w.writeRaw(new byte[] {6, 0, 0, 0, 13, 0, 0, 0});
    }
    CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> readAll(out.toByteArray()));
    assertEquals(28 + 20 + 4, e.byteOffset());
  }

  @Test
  void pcapngTrailerMismatchThrows() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int i = w.addInterface(LinkType.RAW, -1);
      w.writePacket(i, T0, new byte[4]);
    }
    byte[] b = out.toByteArray();
    b[b.length - 4] = 99;
    assertThrows(CaptureFormatException.class, () -> readAll(b));
  }

  @Test
  void textFileIsNotACapture() {
    NotACaptureException e = assertThrows(NotACaptureException.class,
        () -> CaptureReader.open(new ByteArrayInputStream("hello world, not a capture".getBytes()), "x.txt"));
    assertTrue(e.reason().startsWith("not a pcap or pcapng capture"), e.reason());
    assertEquals(SourceLocation.atOffset("x.txt", 0), e.location());
  }

  @Test
  void emptyFileIsNotACapture() {
    assertThrows(NotACaptureException.class, () -> CaptureReader.open(new ByteArrayInputStream(new byte[0]), "e"));
  }

  @Test
  void manyFramesAreStreamedWithoutLoadingTheFile() throws IOException, CaptureFormatException {
    java.io.InputStream endless = new java.io.InputStream() {
      long n;
      final byte[] header;
      {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CaptureWriter w = CaptureWriter.pcap(out, LinkType.RAW, ByteOrder.LITTLE_ENDIAN, false)) {
          w.writePacket(0, T0, new byte[1000]);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        header = out.toByteArray();
      }

      @Override
      public int read() {
        long i = n++;
        if (i < header.length) {
          return header[(int) i] & 0xff;
        }
        long rec = (i - 24) % 1016;
        return rec < 40 ? header[(int) (24 + rec)] & 0xff : 0;
      }
    };
    try (CaptureReader r = CaptureReader.open(endless, "endless")) {
      long count = 0;
      while (count < 20_000 && r.next().isPresent()) {
        count++;
      }
      assertEquals(20_000, count);
    }
  }
}
