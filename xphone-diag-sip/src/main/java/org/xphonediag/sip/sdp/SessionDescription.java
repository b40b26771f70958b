package org.xphonediag.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Secret;

/**
 * A parsed SDP (RFC 8866): the origin, session name, session-level connection and attributes,
 * the media sections, and the malformed candidate lines the parser skipped. Immutable and
 * thread-safe. Parse with {@link SdpParser}; the ICE password is a {@link Secret} and never
 * printed.
 *
 * <pre>{@code
 * SessionDescription sdp = SdpParser.defaults().parse(text, "invite.sdp");
 * sdp.origin().username();   // "IceLink"
 * sdp.candidates();          // every candidate, SDP order
 * sdp.problems();            // malformed candidate lines (sdp.malformed-candidate)
 * }</pre>
 */
public final class SessionDescription {
  private final String source;
  private final SdpOrigin origin;
  private final String sessionName;
  private final SdpConnection connection;
  private final List<SdpAttribute> attributes;
  private final List<SdpCandidate> sessionCandidates;
  private final List<MediaDescription> media;
  private final List<SdpProblem> problems;
  private final Secret icePwd;
  private final int lineCount;

  SessionDescription(String source, SdpOrigin origin, String sessionName, SdpConnection connection,
      List<SdpAttribute> attributes, List<SdpCandidate> sessionCandidates, List<MediaDescription> media,
      List<SdpProblem> problems, Secret icePwd, int lineCount) {
    this.source = Objects.requireNonNull(source, "source");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
    this.connection = connection;
    this.attributes = List.copyOf(attributes);
    this.sessionCandidates = List.copyOf(sessionCandidates);
    this.media = List.copyOf(media);
    this.problems = List.copyOf(problems);
    this.icePwd = icePwd;
    this.lineCount = lineCount;
  }

  /** The label of the input (file name, {@code <stdin>}, a frame number). */
  public String source() {
    return source;
  }

  /** The {@code o=} line. */
  public SdpOrigin origin() {
    return origin;
  }

  /** The {@code s=} line's text; empty when absent. */
  public String sessionName() {
    return sessionName;
  }

  /** The session-level {@code c=} line, if any. */
  public Optional<SdpConnection> connection() {
    return Optional.ofNullable(connection);
  }

  /** The session-level attributes in order ({@code ice-pwd} masked). */
  public List<SdpAttribute> attributes() {
    return attributes;
  }

  /** The media sections in order. */
  public List<MediaDescription> media() {
    return media;
  }

  /**
   * Every well-formed candidate in SDP order: those written before the first {@code m=} line
   * (not standard, but seen) and those of each media section.
   */
  public List<SdpCandidate> candidates() {
    List<SdpCandidate> all = new ArrayList<>(sessionCandidates);
    media.forEach(m -> all.addAll(m.candidates()));
    return List.copyOf(all);
  }

  /** The malformed candidate lines that were skipped, in order. */
  public List<SdpProblem> problems() {
    return problems;
  }

  /** The session-level {@code ice-ufrag}, else the first media section's. */
  public Optional<String> iceUfrag() {
    Optional<String> s = IceAttributes.first(attributes, "ice-ufrag");
    return s.isPresent() ? s : media.stream().map(MediaDescription::iceUfrag).flatMap(Optional::stream).findFirst();
  }

  /** The session-level {@code ice-pwd}, else the first media section's; a secret. */
  public Optional<Secret> icePwd() {
    return icePwd != null ? Optional.of(icePwd)
        : media.stream().map(MediaDescription::icePwd).flatMap(Optional::stream).findFirst();
  }

  /** The session-level {@code fingerprint}, else the first media section's. */
  public Optional<String> fingerprint() {
    Optional<String> s = IceAttributes.first(attributes, "fingerprint");
    return s.isPresent() ? s
        : media.stream().map(MediaDescription::fingerprint).flatMap(Optional::stream).findFirst();
  }

  /** The session-level {@code setup}, else the first media section's. */
  public Optional<String> setup() {
    Optional<String> s = IceAttributes.first(attributes, "setup");
    return s.isPresent() ? s : media.stream().map(MediaDescription::setup).flatMap(Optional::stream).findFirst();
  }

  /** The number of lines read. */
  public int lineCount() {
    return lineCount;
  }

  @Override
  public String toString() {
    return "SDP[" + source + ", o=" + origin.username() + ", " + media.size() + " media, "
        + candidates().size() + " candidates, " + problems.size() + " problems]";
  }
}
