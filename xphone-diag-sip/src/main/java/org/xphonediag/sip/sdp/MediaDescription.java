package org.xphonediag.sip.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Secret;

/**
 * One media section of an SDP (RFC 8866 §5.14): the {@code m=} line and the lines up to the next
 * one. Holds the ICE attributes of RFC 8839 (ufrag, pwd, candidates, end-of-candidates), DTLS
 * {@code fingerprint}/{@code setup} (RFC 8122, RFC 4145), {@code rtcp-mux} (RFC 5761) and the
 * {@code rtpmap}s. Immutable and thread-safe.
 */
public final class MediaDescription {
  private final String media;
  private final int port;
  private final int portCount;
  private final String proto;
  private final List<String> formats;
  private final SdpConnection connection;
  private final List<SdpAttribute> attributes;
  private final List<SdpCandidate> candidates;
  private final List<RtpMap> rtpMaps;
  private final Secret icePwd;
  private final int line;

  MediaDescription(String media, int port, int portCount, String proto, List<String> formats,
      SdpConnection connection, List<SdpAttribute> attributes, List<SdpCandidate> candidates,
      List<RtpMap> rtpMaps, Secret icePwd, int line) {
    this.media = Objects.requireNonNull(media, "media");
    this.port = port;
    this.portCount = portCount;
    this.proto = Objects.requireNonNull(proto, "proto");
    this.formats = List.copyOf(formats);
    this.connection = connection;
    this.attributes = List.copyOf(attributes);
    this.candidates = List.copyOf(candidates);
    this.rtpMaps = List.copyOf(rtpMaps);
    this.icePwd = icePwd;
    this.line = line;
  }

  /** The media type, e.g. {@code audio}. */
  public String media() {
    return media;
  }

  /** The port of the {@code m=} line (the default candidate's port with ICE). */
  public int port() {
    return port;
  }

  /** The number of ports ({@code m=audio 30000/2 ...}), 1 when not written. */
  public int portCount() {
    return portCount;
  }

  /** The transport protocol, e.g. {@code UDP/TLS/RTP/SAVPF}. */
  public String proto() {
    return proto;
  }

  /** The formats (payload types for RTP), as written. */
  public List<String> formats() {
    return formats;
  }

  /** The media-level {@code c=} line, if any. */
  public Optional<SdpConnection> connection() {
    return Optional.ofNullable(connection);
  }

  /** Every attribute in order ({@code ice-pwd} masked). */
  public List<SdpAttribute> attributes() {
    return attributes;
  }

  /** The well-formed candidates in SDP order. */
  public List<SdpCandidate> candidates() {
    return candidates;
  }

  /** The rtpmap attributes in order. */
  public List<RtpMap> rtpMaps() {
    return rtpMaps;
  }

  /** The media-level {@code ice-ufrag}, if any. */
  public Optional<String> iceUfrag() {
    return IceAttributes.first(attributes, "ice-ufrag");
  }

  /** The media-level {@code ice-pwd}, if any; a secret. */
  public Optional<Secret> icePwd() {
    return Optional.ofNullable(icePwd);
  }

  /** The media-level {@code fingerprint} value ({@code sha-256 AB:CD:...}), if any. */
  public Optional<String> fingerprint() {
    return IceAttributes.first(attributes, "fingerprint");
  }

  /** The media-level {@code setup} value ({@code actpass}, {@code active}, {@code passive}), if any. */
  public Optional<String> setup() {
    return IceAttributes.first(attributes, "setup");
  }

  /** True when {@code a=rtcp-mux} is present. */
  public boolean rtcpMux() {
    return IceAttributes.has(attributes, "rtcp-mux");
  }

  /** True when {@code a=end-of-candidates} is present. */
  public boolean endOfCandidates() {
    return IceAttributes.has(attributes, "end-of-candidates");
  }

  /** The direction attribute ({@code sendrecv}, {@code sendonly}, {@code recvonly}, {@code inactive}), if any. */
  public Optional<String> direction() {
    return IceAttributes.direction(attributes);
  }

  /** The 1-based line number of the {@code m=} line. */
  public int line() {
    return line;
  }

  @Override
  public String toString() {
    return "m=" + media + " " + port + " " + proto + " " + formats + " (" + candidates.size() + " candidates)";
  }
}
