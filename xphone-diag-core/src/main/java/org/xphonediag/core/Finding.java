package org.xphonediag.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What a check found: a catalogue code, a severity, a message saying what was seen (the rule, the
 * actual value, where), the remedy, the reference to the code's documentation, an optional location in an input file
 * and ordered evidence. Immutable; build with {@link FindingCode#finding(String)}.
 *
 * <p>Messages and evidence never contain secrets; use {@link Secret} for anything sensitive.
 */
public final class Finding {
  private final FindingCode code;
  private final Status severity;
  private final String message;
  private final String remedy;
  private final SourceLocation location;
  private final Details evidence;

  private Finding(Builder b) {
    this.code = b.code;
    this.severity = b.severity;
    this.message = b.message;
    this.remedy = b.remedy;
    this.location = b.location;
    this.evidence = b.evidence.build();
  }

  /** Starts a finding of {@code code}; see {@link FindingCode#finding(String)}. */
  public static Builder builder(FindingCode code, String message) {
    return new Builder(code, message);
  }

  /**
   * A builder holding this finding's severity, remedy, location and evidence under a new message: how a
   * check that knows more restates a finding (e.g. raises a WARN to FAIL and says why).
   */
  public Builder withMessage(String newMessage) {
    Builder b = new Builder(code, newMessage).severity(severity).remedy(remedy).evidence(evidence);
    if (location != null) {
      b.location(location);
    }
    return b;
  }

  /** The catalogue entry. */
  public FindingCode catalogEntry() {
    return code;
  }

  /** The stable code, e.g. {@code sip.forbidden}. */
  public String code() {
    return code.code();
  }

  /** The severity: the code's default unless the check raised or lowered it. */
  public Status severity() {
    return severity;
  }

  /** The catalogue title. */
  public String title() {
    return code.title();
  }

  /** What was seen, specific to this occurrence. */
  public String message() {
    return message;
  }

  /** What to change; the catalogue's remedy unless the check gave a more specific one. */
  public String remedy() {
    return remedy;
  }

  /** Where the code is documented, e.g. {@code docs/findings.md#media.no-binding-success}. */
  public String ref() {
    return code.ref();
  }

  /** Where in an input file the problem is, when the finding is about a file. */
  public Optional<SourceLocation> location() {
    return Optional.ofNullable(location);
  }

  /** Ordered evidence: frames, addresses, values seen. */
  public Details evidence() {
    return evidence;
  }

  @Override
  public String toString() {
    return severity + " " + code.code() + ": " + message
        + (location == null ? "" : " (" + location + ")");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Finding f && f.code.equals(code) && f.severity == severity
        && f.message.equals(message) && f.remedy.equals(remedy)
        && Objects.equals(f.location, location) && f.evidence.equals(evidence);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, severity, message, remedy, location, evidence);
  }

  /** Builds a {@link Finding}; not thread-safe. */
  public static final class Builder {
    private final FindingCode code;
    private final String message;
    private Status severity;
    private String remedy;
    private SourceLocation location;
    private final Details.Builder evidence = Details.builder();

    private Builder(FindingCode code, String message) {
      this.code = Objects.requireNonNull(code, "code");
      this.message = Objects.requireNonNull(message, "message");
      if (message.isBlank()) {
        throw new IllegalArgumentException("finding " + code.code() + " needs a message");
      }
      this.severity = code.severity();
      this.remedy = code.remedy();
    }

    /** Overrides the default severity (e.g. a context that knows more raises WARN to FAIL). */
    public Builder severity(Status severity) {
      Objects.requireNonNull(severity, "severity");
      if (severity == Status.PASS || severity == Status.SKIPPED) {
        throw new IllegalArgumentException("a finding's severity must be WARN, FAIL or ERROR but was " + severity);
      }
      this.severity = severity;
      return this;
    }

    /** Replaces the catalogue remedy with one specific to this occurrence. */
    public Builder remedy(String remedy) {
      this.remedy = Objects.requireNonNull(remedy, "remedy");
      return this;
    }

    /** Sets where in an input the problem is. */
    public Builder location(SourceLocation location) {
      this.location = Objects.requireNonNull(location, "location");
      return this;
    }

    /** Adds one piece of evidence (a plain value, see {@link Details}). */
    public Builder evidence(String key, Object value) {
      evidence.put(key, value);
      return this;
    }

    /** Adds all of {@code details} as evidence. */
    public Builder evidence(Details details) {
      evidence.putAll(details);
      return this;
    }

    public Finding build() {
      return new Finding(this);
    }
  }
}
