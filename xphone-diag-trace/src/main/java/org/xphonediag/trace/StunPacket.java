package org.xphonediag.trace;

import java.util.Arrays;
import java.util.Objects;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.Transport;

/**
 * A STUN message seen in a capture, with its header fields only (RFC 8489 §5): message type,
 * length, transaction id, and the raw bytes for a STUN decoder to read the attributes.
 *
 * @param frame frame number
 * @param epochNanos capture time
 * @param transport UDP, or TCP (back to back or RFC 4571 framed, RFC 6544)
 * @param source sender
 * @param destination receiver
 * @param messageType the 14-bit message type (class and method bits interleaved)
 * @param transactionId the 96-bit transaction id as 24 lower-case hex digits
 * @param bytes the whole message (header and attributes); owned by the record, not to be modified
 */
public record StunPacket(long frame, long epochNanos, Transport transport, HostAndPort source,
    HostAndPort destination, int messageType, String transactionId, byte[] bytes) implements TraceMessage {

  public StunPacket {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(bytes, "bytes");
  }

  /** The method number (1 = Binding), from the type's method bits (RFC 8489 §5). */
  public int method() {
    return (messageType & 0x3E00) >> 2 | (messageType & 0x00E0) >> 1 | (messageType & 0x000F);
  }

  /** The class: {@code request}, {@code indication}, {@code success-response} or {@code error-response}. */
  public String messageClass() {
    int c = (messageType & 0x0100) >> 7 | (messageType & 0x0010) >> 4;
    return switch (c) {
      case 0 -> "request";
      case 1 -> "indication";
      case 2 -> "success-response";
      default -> "error-response";
    };
  }

  /** A copy of the message bytes. */
  public byte[] copyOfBytes() {
    return Arrays.copyOf(bytes, bytes.length);
  }
}
