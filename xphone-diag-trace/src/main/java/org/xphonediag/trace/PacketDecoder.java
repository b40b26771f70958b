package org.xphonediag.trace;

import java.util.Objects;
import java.util.Optional;
import org.xphonediag.trace.internal.LinkDecoder;

/**
 * Decodes captured frames to UDP datagrams, TCP segments and SCTP packets: Ethernet with
 * 802.1Q/802.1ad tags and PPPoE sessions, NULL/LOOP (Npcap loopback; the address family in either
 * byte order), RAW IPv4/IPv6, Linux cooked v1 and v2; IP in IP (protocols 4 and 41, nested up to
 * four deep) unwrapped to the inner packet; IPv4 options, IPv6 extension headers, IPv4 and IPv6
 * fragments reassembled
 * (RFC 791 §3.2, RFC 8200 §4.5; bounded in datagrams, bytes and capture time; overlapping fragments
 * abandon the datagram as RFC 5722 says). Keeps fragment state: one decoder per capture. Not
 * thread-safe.
 */
public final class PacketDecoder {
  private final LinkDecoder link = new LinkDecoder();

  private PacketDecoder() {}

  /** A decoder for one capture. */
  public static PacketDecoder create() {
    return new PacketDecoder();
  }

  /**
   * The UDP/TCP packet in {@code frame}; empty for frames without one (not IP, another protocol,
   * malformed, or a fragment whose datagram is not complete yet).
   */
  public Optional<Packet> decode(CapturedFrame frame) {
    return Optional.ofNullable(link.decode(Objects.requireNonNull(frame, "frame")));
  }

  /** The decoder underneath, for the scanner's allocation-free path. */
  LinkDecoder link() {
    return link;
  }

  /** Frames without IP, or with IP carrying neither UDP, TCP nor SCTP. */
  public long notIp() {
    return link.notIp();
  }

  /** Frames too short for the headers they announce. */
  public long malformed() {
    return link.malformed();
  }

  /** IP fragments seen. */
  public long fragments() {
    return link.fragmentsSeen();
  }

  /** Datagrams reassembled from fragments. */
  public long reassembled() {
    return link.reassembled();
  }

  /** Fragmented datagrams that never became complete (a fragment missing, timed out, or over a bound). */
  public long fragmentsIncomplete() {
    return link.fragmentsIncomplete();
  }

  /** Fragmented datagrams abandoned because their fragments overlapped (RFC 5722). */
  public long fragmentsOverlapping() {
    return link.fragmentsOverlapping();
  }
}
