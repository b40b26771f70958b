package org.xphonediag.trace.internal;

import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Map;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.trace.Packet;
import org.xphonediag.trace.PayloadKind;

/**
 * Reassembles SIP and STUN over TCP per direction of a connection: several messages per segment and
 * messages across segments. SIP (RFC 3261 §18.3) is framed by Content-Length; STUN either back to
 * back with the length from its header (RFC 8489 §6.2.2; TURN ChannelData, RFC 8656 §12.5, is
 * skipped between messages) or behind the 2-byte length prefix of RFC 4571 that ICE-TCP uses (RFC
 * 6544 §3; framed RTP, RTCP and DTLS are skipped). A SIP stream is recognised by a SIP start line at
 * a line start, a STUN stream by a STUN header (RFC 8489 §5, magic cookie) at the start of a segment,
 * with or without the prefix; so a connection whose handshake was not captured is picked up at the
 * first message that begins a segment. A sequence gap (lost segment) drops the partial data and
 * re-synchronises; retransmitted bytes are skipped; a SYN or a jump back by more than the buffer
 * starts over; a STUN stream that stops looking like STUN is dropped. Bounded: at most {@link
 * #MAX_STREAMS} streams, {@link #MAX_BUFFER} bytes per stream and {@link #MAX_TOTAL} in all. Not
 * thread-safe.
 */
public final class TcpStreams {
  /** Directions tracked at once; the least recently used is dropped. */
  public static final int MAX_STREAMS = 4096;
  /** Bytes buffered per direction. */
  public static final int MAX_BUFFER = 1 << 20;
  /** Bytes buffered over all streams. */
  public static final int MAX_TOTAL = 1 << 25;
  private static final int MAX_HEADER = 1 << 16;
  private static final int SYN = 0x02;

  private static final int STUN_COOKIE = 0x2112A442;

  /** Receives each complete message. */
  public interface Sink {
    /** A complete SIP message in {@code buf[off, off+len)}, valid during the call only. */
    void sip(Packet completing, byte[] buf, int off, int len);

    /** A complete STUN message in {@code buf[off, off+len)}, valid during the call only. */
    void stun(Packet completing, byte[] buf, int off, int len);
  }

  /** How a stream's messages are framed. */
  private enum Framing {
    SIP, STUN, RFC4571
  }

  private static final Logger LOG = LoggerFactory.getLogger(TcpStreams.class);

  private record Key(IpAddress src, int srcPort, IpAddress dst, int dstPort) {
    // written out: a record's generated equals/hashCode go through method handles, which cost a lot
    // per segment before the JIT has compiled them (and spin classes at first use)
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && srcPort == k.srcPort && dstPort == k.dstPort && src.equals(k.src)
          && dst.equals(k.dst);
    }

    @Override
    public int hashCode() {
      return ((src.hashCode() * 31 + srcPort) * 31 + dst.hashCode()) * 31 + dstPort;
    }
  }

  private static final class Stream {
    final Framing framing;
    byte[] buf = new byte[4096];
    int len;
    long nextSeq;

    Stream(Framing framing) {
      this.framing = framing;
    }
  }

  private final Map<Key, Stream> streams = new LinkedHashMap<>(64, 0.75f, true);
  private long gaps;
  private long overflows;
  private long buffered;

  /**
   * Feeds a TCP segment; returns {@link PayloadKind#SIP} or {@link PayloadKind#STUN} when it belonged
   * to a SIP or a STUN stream, else {@link PayloadKind#OTHER}.
   */
  public PayloadKind feed(Packet p, Sink sink) {
    int n = p.payloadLength();
    Key key = new Key(p.source(), p.sourcePort(), p.destination(), p.destinationPort());
    if ((p.tcpFlags() & SYN) != 0) {
      drop(key);
    }
    if (n == 0) {
      return PayloadKind.OTHER;
    }
    Stream s = streams.get(key);
    byte[] b = p.buffer();
    int off = p.payloadOffset();
    long seq = p.tcpSequence();
    if (s != null) {
      int diff = (int) (seq - s.nextSeq);
      if (diff < -MAX_BUFFER) {
        // a jump back further than any retransmission (a new connection whose SYN was not captured)
        gaps++;
        drop(key);
        s = null;
      } else if (diff < 0) {
        if (-diff >= n) {
          return kind(s);
        }
        off += -diff;
        n -= -diff;
        seq = s.nextSeq;
      } else if (diff > 0) {
        gaps++;
        LOG.debug("frame {}: TCP {} stream {} lost {} bytes; re-synchronising", p.frame().number(), s.framing, key,
            diff);
        drop(key);
        s = null;
      }
    }
    if (s == null) {
      Framing framing = stunFraming(b, off, n);
      int start = framing != null ? off : findStart(b, off, n);
      if (start < 0) {
        return PayloadKind.OTHER;
      }
      s = new Stream(framing != null ? framing : Framing.SIP);
      buffered += s.buf.length;
      if (streams.size() >= MAX_STREAMS) {
        drop(streams.keySet().iterator().next());
      }
      streams.put(key, s);
      n -= start - off;
      seq += start - off;
      off = start;
    }
    s.nextSeq = (seq + n) & 0xffffffffL;
    PayloadKind kind = kind(s);
    if (s.len + n > MAX_BUFFER) {
      overflows++;
      drop(key);
      return kind;
    }
    if (s.len + n > s.buf.length) {
      int size = Math.min(MAX_BUFFER, Math.max(s.buf.length * 2, s.len + n));
      if (buffered - s.buf.length + size > MAX_TOTAL) {
        overflows++;
        drop(key);
        return kind;
      }
      buffered += size - s.buf.length;
      byte[] bigger = new byte[size];
      System.arraycopy(s.buf, 0, bigger, 0, s.len);
      s.buf = bigger;
    }
    System.arraycopy(b, off, s.buf, s.len, n);
    s.len += n;
    boolean keep = switch (s.framing) {
      case SIP -> extract(s, p, sink);
      case STUN -> extractStun(s, p, sink);
      case RFC4571 -> extractFramed(s, p, sink);
    };
    if (!keep) {
      LOG.debug("frame {}: TCP {} stream {} lost its framing; dropped", p.frame().number(), s.framing, key);
      drop(key);
    }
    return kind;
  }

  private static PayloadKind kind(Stream s) {
    return s.framing == Framing.SIP ? PayloadKind.SIP : PayloadKind.STUN;
  }

  /**
   * How the STUN stream starting at {@code b[off]} is framed: a STUN header right there (RFC 8489
   * §6.2.2), or behind an RFC 4571 length prefix that equals the message's length; null for neither.
   */
  private static Framing stunFraming(byte[] b, int off, int n) {
    if (stunHeader(b, off, n)) {
      return Framing.STUN;
    }
    if (stunHeader(b, off + 2, n - 2) && ByteInput.u16(b, off, false) == 20 + ByteInput.u16(b, off + 4,
        false)) {
      return Framing.RFC4571;
    }
    return null;
  }

  /** True for the start of a STUN header at {@code off}: top bits 0, length a multiple of 4, magic cookie. */
  private static boolean stunHeader(byte[] b, int off, int n) {
    return n >= 8 && (b[off] & 0xC0) == 0 && ByteInput.u16(b, off + 2, false) % 4 == 0
        && ByteInput.s32(b, off + 4, false) == STUN_COOKIE;
  }

  /**
   * Emits the STUN messages of a plain STUN stream, skipping TURN ChannelData (padded to 4 bytes
   * over TCP); false when the bytes are neither (the stream lost its framing).
   */
  private static boolean extractStun(Stream s, Packet p, Sink sink) {
    int pos = 0;
    while (s.len - pos >= 4) {
      int first = s.buf[pos] & 0xff;
      int total;
      if (first < 0x40) {
        int msgLen = ByteInput.u16(s.buf, pos + 2, false);
        if (msgLen % 4 != 0 || s.len - pos >= 8 && ByteInput.s32(s.buf, pos + 4, false) != STUN_COOKIE) {
          return false;
        }
        total = 20 + msgLen;
        if (s.len - pos < total) {
          break;
        }
        sink.stun(p, s.buf, pos, total);
      } else if (first <= 0x4F) {
        total = 4 + ((ByteInput.u16(s.buf, pos + 2, false) + 3) & ~3);
        if (s.len - pos < total) {
          break;
        }
      } else {
        return false;
      }
      pos += total;
    }
    compact(s, pos);
    return true;
  }

  /** Emits the STUN messages of an RFC 4571 framed stream and skips its other frames. */
  private static boolean extractFramed(Stream s, Packet p, Sink sink) {
    int pos = 0;
    while (s.len - pos >= 2) {
      int frame = ByteInput.u16(s.buf, pos, false);
      if (s.len - pos - 2 < frame) {
        break;
      }
      if (PayloadClassifier.isStun(s.buf, pos + 2, frame)) {
        sink.stun(p, s.buf, pos + 2, frame);
      }
      pos += 2 + frame;
    }
    compact(s, pos);
    return true;
  }

  private static void compact(Stream s, int pos) {
    if (pos > 0) {
      System.arraycopy(s.buf, pos, s.buf, 0, s.len - pos);
      s.len -= pos;
    }
  }

  private void drop(Key key) {
    Stream s = streams.remove(key);
    if (s != null) {
      buffered -= s.buf.length;
    }
  }

  /** Emits complete messages; false when the stream must be dropped (oversized header or body). */
  private static boolean extract(Stream s, Packet p, Sink sink) {
    int pos = 0;
    while (true) {
      while (pos < s.len && (s.buf[pos] == '\r' || s.buf[pos] == '\n')) {
        pos++;
      }
      if (pos < s.len && PayloadClassifier.sipStartLineLength(s.buf, pos, s.len - pos) < 0
          && indexOf(s.buf, pos, s.len, (byte) '\n') >= 0) {
        int start = findStart(s.buf, pos, s.len - pos);
        pos = start < 0 ? s.len : start;
      }
      int headerEnd = headerEnd(s.buf, pos, s.len);
      if (headerEnd < 0) {
        if (s.len - pos > MAX_HEADER) {
          return false;
        }
        break;
      }
      long cl = contentLength(s.buf, pos, headerEnd);
      if (cl < 0 || cl > MAX_BUFFER) {
        return false;
      }
      long total = headerEnd - pos + cl;
      if (pos + total > s.len) {
        break;
      }
      sink.sip(p, s.buf, pos, (int) total);
      pos += (int) total;
    }
    compact(s, pos);
    return true;
  }

  /** Offset of the first SIP start line at a line start in b[off, off+n), or -1. */
  static int findStart(byte[] b, int off, int n) {
    int end = off + n;
    int i = off;
    while (i < end) {
      if (PayloadClassifier.sipStartLineLength(b, i, end - i) > 0) {
        return i;
      }
      int nl = indexOf(b, i, end, (byte) '\n');
      if (nl < 0) {
        return -1;
      }
      i = nl + 1;
    }
    return -1;
  }

  private static int indexOf(byte[] b, int from, int to, byte v) {
    for (int i = from; i < to; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  /** Offset just past the blank line ending the headers, or -1. */
  private static int headerEnd(byte[] b, int from, int to) {
    for (int i = from; i + 1 < to; i++) {
      if (b[i] == '\n') {
        if (b[i + 1] == '\n') {
          return i + 2;
        }
        if (b[i + 1] == '\r' && i + 2 < to && b[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  /** The Content-Length (or compact {@code l}) value, 0 when absent, -1 when unreadable. */
  static long contentLength(byte[] b, int from, int to) {
    int line = from;
    while (line < to) {
      int nl = indexOf(b, line, to, (byte) '\n');
      int end = nl < 0 ? to : nl;
      int colon = indexOf(b, line, end, (byte) ':');
      if (colon > line) {
        String name = new String(b, line, colon - line, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l")) {
          String v = new String(b, colon + 1, end - colon - 1, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
          try {
            return Long.parseLong(v);
          } catch (NumberFormatException e) {
            return -1;
          }
        }
      }
      line = end + 1;
    }
    return 0;
  }

  /** Streams (SIP or STUN) that lost bytes and were re-synchronised. */
  public long gaps() {
    return gaps;
  }

  /** Streams dropped because a message exceeded the buffer. */
  public long overflows() {
    return overflows;
  }
}
