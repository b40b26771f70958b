package org.xphonediag.webapi.fake;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The server side of RFC 6455: the opening handshake's accept value (§4.2.2) and frames (§5.2):
 * client frames must be masked (§5.3) and are unmasked here, server frames are sent unmasked;
 * fragmented messages are joined (§5.4); ping is answered with pong (§5.5.2); a close frame is
 * answered with a close frame carrying the same code (§5.5.1). Control payloads are at most 125
 * bytes and data messages at most 1 MiB.
 */
final class WebSocketWire {
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  private static final int CONTINUATION = 0x0;
  private static final int PING = 0x9;
  private static final int PONG = 0xA;
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int MAX_MESSAGE = 1024 * 1024;

  private final DataInputStream in;
  private final OutputStream out;
  private boolean closeSent;

  /** A message: {@link #TEXT}, {@link #BINARY} or {@link #CLOSE} (payload: the close code, 2 bytes, and reason). */
  record Message(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  WebSocketWire(InputStream in, OutputStream out) {
    this.in = new DataInputStream(in);
    this.out = out;
  }

  /** {@code Sec-WebSocket-Accept} for a client's {@code Sec-WebSocket-Key} (RFC 6455 §4.2.2 step 5.4). */
  static String accept(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
  }

  /** The next data message or close; pings are answered on the way. */
  Message read() throws IOException {
    ByteArrayOutputStream message = null;
    int messageOpcode = 0;
    while (true) {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      boolean fin = (b0 & 0x80) != 0;
      if ((b0 & 0x70) != 0) {
        throw new IOException("RSV bits set without a negotiated extension (RFC 6455 §5.2)");
      }
      int opcode = b0 & 0x0F;
      if ((b1 & 0x80) == 0) {
        throw new IOException("client frame not masked (RFC 6455 §5.3)");
      }
      long length = b1 & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      if (length > MAX_MESSAGE) {
        throw new IOException("frame of " + length + " bytes over the fake's 1 MiB limit");
      }
      byte[] mask = new byte[4];
      in.readFully(mask);
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      if (opcode >= 0x8) {
        if (!fin || payload.length > 125) {
          throw new IOException("control frame fragmented or over 125 bytes (RFC 6455 §5.5)");
        }
        if (opcode == PING) {
          send(PONG, payload);
          continue;
        }
        if (opcode == PONG) {
          continue;
        }
        if (opcode == CLOSE) {
          return new Message(CLOSE, payload);
        }
        throw new IOException("unknown control opcode " + opcode);
      }
      if (opcode == CONTINUATION) {
        if (message == null) {
          throw new IOException("continuation frame without a message (RFC 6455 §5.4)");
        }
      } else {
        if (message != null) {
          throw new IOException("new message inside a fragmented one (RFC 6455 §5.4)");
        }
        message = new ByteArrayOutputStream();
        messageOpcode = opcode;
      }
      message.write(payload);
      if (message.size() > MAX_MESSAGE) {
        throw new IOException("message over the fake's 1 MiB limit");
      }
      if (fin) {
        return new Message(messageOpcode, message.toByteArray());
      }
    }
  }

  /** Sends a text message in one frame. */
  synchronized void sendText(String text) throws IOException {
    send(TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends a close frame with {@code code} once; later calls do nothing. */
  synchronized void sendClose(int code) throws IOException {
    if (closeSent) {
      return;
    }
    closeSent = true;
    send(CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
  }

  private synchronized void send(int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(payload.length);
    } else if (payload.length <= 0xFFFF) {
      frame.write(126);
      frame.write(payload.length >> 8);
      frame.write(payload.length);
    } else {
      frame.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >> shift));
      }
    }
    frame.write(payload);
    out.write(frame.toByteArray());
    out.flush();
  }
}
