package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.trace.internal.RawFrame;

/**
 * Frames read in place (the trace scanner's way, {@link RawFrame}) are the frames {@link
 * CaptureReader#next()} returns: same numbers, times, interfaces, link types, lengths, offsets and
 * bytes, with the truncation at the same place, whether a frame fits the read buffer (256 KiB) or
 * not (a frame of up to 256 KiB with its record header), and however the input stream splits its reads.
 */
class InPlaceReadingTest {
  private static final long T0 = 1_700_000_000_123_456_789L;

  private record Seen(long number, long nanos, int iface, int linkType, int originalLength, long offset, String bytes) {
    static Seen of(CapturedFrame f) {
      return new Seen(f.number(), f.epochNanos(), f.interfaceId(), f.linkType(), f.originalLength(), f.fileOffset(),
          Arrays.toString(f.data()));
    }

    static Seen of(RawFrame r) {
      return new Seen(r.number, r.epochNanos, r.interfaceId, r.linkType, r.originalLength, r.fileOffset,
          Arrays.toString(Arrays.copyOfRange(r.buf, r.off, r.off + r.len)));
    }
  }

  /** Frames of 1 byte to 256 KiB, a few larger than the read buffer; the file cut {@code cut} bytes short. */
  private static byte[] capture(String format, ByteOrder order, int cut) throws IOException {
    Random random = new Random(42);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = format.equals("pcap") ? CaptureWriter.pcap(out, LinkType.ETHERNET, order, true)
        : CaptureWriter.pcapng(out, order)) {
      int eth = format.equals("pcap") ? 0 : w.addInterface(LinkType.ETHERNET, 9);
      int lo = format.equals("pcap") ? 0 : w.addInterface(LinkType.NULL, 6);
      for (int i = 0; i < 400; i++) {
        int size = i % 97 == 13 ? 70_000 + random.nextInt(130_000)
            : i % 89 == 11 ? (1 << 18) - random.nextInt(64) // with its record header, more than the buffer
            : 1 + random.nextInt(1500);
        byte[] data = new byte[size];
        random.nextBytes(data);
        w.writePacket(i % 3 == 0 ? lo : eth, T0 + i * 1_000_000L, data, size + (i % 5 == 0 ? 10 : 0));
        if (format.equals("pcapng") && i % 50 == 7) {
          w.writeBlock(0x0BAD, new byte[] {1, 2, 3});
          w.writeSimplePacket(new byte[] {9, 8, 7, 6, 5});
        }
      }
    }
    byte[] b = out.toByteArray();
    return Arrays.copyOf(b, b.length - cut);
  }

  /** Hands out at most {@code max} bytes per read. */
  private static InputStream dribble(byte[] b, int max) {
    return new FilterInputStream(new ByteArrayInputStream(b)) {
      @Override
      public int read(byte[] dst, int off, int len) throws IOException {
        return super.read(dst, off, Math.min(len, max));
      }
    };
  }

  @ParameterizedTest
  @CsvSource({"pcap,LITTLE,0,300000", "pcap,BIG,7,7", "pcap,LITTLE,1000,1000",
      "pcapng,LITTLE,0,300000", "pcapng,BIG,3,13", "pcapng,LITTLE,1000,4096"})
  void inPlaceFramesAreTheFramesNextReturns(String format, String order, int cut, int maxRead) throws Exception {
    byte[] file = capture(format, order.equals("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, cut);
    List<Seen> copied = new ArrayList<>();
    Optional<Truncation> copiedCut;
    try (CaptureReader r = CaptureReader.open(dribble(file, maxRead), "a")) {
      for (Optional<CapturedFrame> f = r.next(); f.isPresent(); f = r.next()) {
        copied.add(Seen.of(f.get()));
      }
      copiedCut = r.truncation();
    }
    List<Seen> inPlace = new ArrayList<>();
    List<Seen> materialised = new ArrayList<>();
    try (CaptureReader r = CaptureReader.open(dribble(file, maxRead), "b")) {
      RawFrame raw = new RawFrame();
      while (r.next(raw)) {
        inPlace.add(Seen.of(raw));
        materialised.add(Seen.of(raw.frame()));
      }
      assertFalse(r.next(raw), "stays at the end");
      assertEquals(copiedCut, r.truncation());
    }
    assertEquals(copied, inPlace);
    assertEquals(copied, materialised);
    assertEquals(cut > 0, copiedCut.isPresent());
    int written = format.equals("pcap") ? 400 : 408; // 400 packets, 8 simple packets
    if (cut == 0) {
      assertEquals(written, copied.size());
    } else {
      assertTrue(copied.size() < written && copied.size() > written - 10, copied.size() + " of " + written);
    }
  }
}
