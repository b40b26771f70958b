package org.xphonediag.trace.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.trace.Packet;

/**
 * The user messages in SCTP packets (RFC 9260 §3.3.1 DATA, RFC 8260 §2.1 I-DATA chunks), for SIP
 * over SCTP (RFC 4168: one SIP message per SCTP user message, on any stream). Several chunks per
 * packet (bundling) are walked; a message fragmented over chunks (B and E flags) is put together
 * per association direction and stream in arrival order, which is TSN order unless the capture
 * reordered it (then the message is dropped at the next beginning fragment). A message is handed
 * on when it starts with a SIP start line; the payload protocol identifier is not required (RFC
 * 4168 leaves it 0). Bounded: {@link #MAX_PENDING} partial messages of at most {@link #MAX_MESSAGE}
 * bytes. Not thread-safe.
 */
public final class SctpMessages {
  /** Partial (fragmented) messages kept at once; the oldest is dropped. */
  public static final int MAX_PENDING = 256;
  /** Bytes one user message may have. */
  public static final int MAX_MESSAGE = 1 << 16;
  private static final int DATA = 0;
  private static final int I_DATA = 64;
  private static final int BEGINNING = 0x02;
  private static final int ENDING = 0x01;

  private record Key(IpAddress src, int srcPort, IpAddress dst, int dstPort, int stream, boolean unordered) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && srcPort == k.srcPort && dstPort == k.dstPort && stream == k.stream
          && unordered == k.unordered && src.equals(k.src) && dst.equals(k.dst);
    }

    @Override
    public int hashCode() {
      return (((src.hashCode() * 31 + srcPort) * 31 + dst.hashCode()) * 31 + dstPort) * 31 + stream;
    }
  }

  private static final class Partial {
    byte[] buf = new byte[2048];
    int len;

    boolean append(byte[] b, int off, int n) {
      if (len + n > MAX_MESSAGE) {
        return false;
      }
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.min(MAX_MESSAGE, Math.max(buf.length * 2, len + n)));
      }
      System.arraycopy(b, off, buf, len, n);
      len += n;
      return true;
    }
  }

  private final Map<Key, Partial> pending = new LinkedHashMap<>();
  private long chunks;
  private long malformed;

  /**
   * Walks the chunks of {@code p} (an SCTP packet: its payload is the chunk area) and hands each
   * complete user message that is SIP to {@code sink}; returns how many SIP messages it handed on.
   */
  public int feed(Packet p, TcpStreams.Sink sink) {
    byte[] b = p.buffer();
    int pos = p.payloadOffset();
    int end = pos + p.payloadLength();
    int sip = 0;
    while (end - pos >= 4) {
      int type = b[pos] & 0xff;
      int flags = b[pos + 1] & 0xff;
      int length = ByteInput.u16(b, pos + 2, false);
      if (length < 4 || pos + length > end) {
        malformed++; // a chunk running past the packet (sliced capture) or a zero length
        break;
      }
      int header = type == DATA ? 16 : type == I_DATA ? 20 : -1;
      if (header > 0 && length > header) {
        chunks++;
        int stream = ByteInput.u16(b, pos + 8, false);
        sip += data(p, sink, b, pos + header, length - header, flags, stream);
      }
      pos += (length + 3) & ~3;
    }
    return sip;
  }

  private int data(Packet p, TcpStreams.Sink sink, byte[] b, int off, int len, int flags, int stream) {
    boolean begins = (flags & BEGINNING) != 0;
    boolean ends = (flags & ENDING) != 0;
    if (begins && ends) {
      return deliver(p, sink, b, off, len);
    }
    Key key = new Key(p.source(), p.sourcePort(), p.destination(), p.destinationPort(), stream, (flags & 0x04) != 0);
    Partial part = pending.get(key);
    if (begins) {
      part = new Partial();
      pending.remove(key);
      if (pending.size() >= MAX_PENDING) {
        pending.remove(pending.keySet().iterator().next());
      }
      pending.put(key, part);
    } else if (part == null) {
      return 0; // the beginning was not captured
    }
    if (!part.append(b, off, len)) {
      pending.remove(key);
      return 0;
    }
    if (!ends) {
      return 0;
    }
    pending.remove(key);
    return deliver(p, sink, part.buf, 0, part.len);
  }

  private static int deliver(Packet p, TcpStreams.Sink sink, byte[] b, int off, int len) {
    if (PayloadClassifier.sipStartLineLength(b, off, len) < 0) {
      return 0;
    }
    sink.sip(p, b, off, len);
    return 1;
  }

  /** DATA and I-DATA chunks with user data seen. */
  public long chunks() {
    return chunks;
  }

  /** Chunks whose length ran past their packet. */
  public long malformed() {
    return malformed;
  }
}
