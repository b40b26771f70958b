package org.xphonediag.trace;

import java.util.Arrays;
import java.util.Objects;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.core.net.Transport;

/**
 * A UDP datagram, TCP segment or SCTP packet decoded from a frame: addresses, ports and where the
 * payload lies in {@code buffer} (the frame's bytes, or the reassembled datagram for IP fragments).
 * The buffer is shared, not copied: callers must not modify it; {@link #payload()} returns a copy.
 *
 * @param frame the frame (for reassembled fragments: the last fragment's frame)
 * @param transport UDP, TCP or SCTP (whose payload is its chunks)
 * @param source source IP address
 * @param sourcePort source port
 * @param destination destination IP address
 * @param destinationPort destination port
 * @param buffer bytes holding the payload
 * @param payloadOffset payload start in {@code buffer}
 * @param payloadLength payload length (as captured; less than sent when the frame was sliced)
 * @param tcpSequence TCP sequence number (0 for UDP)
 * @param tcpFlags TCP flags (0 for UDP)
 * @param reassembled true when the datagram was reassembled from IP fragments
 */
public record Packet(CapturedFrame frame, Transport transport, IpAddress source, int sourcePort,
    IpAddress destination, int destinationPort, byte[] buffer, int payloadOffset, int payloadLength,
    long tcpSequence, int tcpFlags, boolean reassembled) {

  public Packet {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(buffer, "buffer");
    if (payloadOffset < 0 || payloadLength < 0 || payloadOffset + payloadLength > buffer.length) {
      throw new IllegalArgumentException("payload " + payloadOffset + "+" + payloadLength
          + " must lie within the buffer of " + buffer.length + " bytes");
    }
  }

  /** A copy of the payload bytes. */
  public byte[] payload() {
    return Arrays.copyOfRange(buffer, payloadOffset, payloadOffset + payloadLength);
  }

  /** The source as {@code ip:port}. */
  public HostAndPort sourceEndpoint() {
    return new HostAndPort(source.toString(), sourcePort);
  }

  /** The destination as {@code ip:port}. */
  public HostAndPort destinationEndpoint() {
    return new HostAndPort(destination.toString(), destinationPort);
  }

  /** True when both addresses are loopback addresses (127.0.0.0/8, ::1). */
  public boolean loopback() {
    return isLoopback(source) && isLoopback(destination);
  }

  static boolean isLoopback(IpAddress a) {
    return a.addressClass() == org.xphonediag.core.net.AddressClass.LOOPBACK;
  }
}
