package org.xphonediag.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * External input that cannot be read as what it should be (an SDP, a capture, STUN bytes, an ACL
 * file, a profile): every problem with where it is ({@link SourceLocation}: source, line:column,
 * byte offset, key or attribute path) and what was expected. The base of every such exception of
 * this project, all checked; a readable input with wrong content is a finding instead.
 *
 * <p>The message is the problems, one per line, each {@code LOCATION: REASON}.
 */
public class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * One problem of an input.
   *
   * @param location where it is
   * @param reason what is wrong and what was expected, without the location
   */
  public record Problem(SourceLocation location, String reason) {
    public Problem {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(reason, "reason");
    }

    /** {@code LOCATION: REASON}. */
    @Override
    public String toString() {
      return location + ": " + reason;
    }
  }

  private final transient List<Problem> problems;

  /** One problem at {@code location}. */
  public InputException(SourceLocation location, String reason) {
    this(List.of(new Problem(location, reason)), null);
  }

  /** One problem at {@code location}, caused by {@code cause}. */
  public InputException(SourceLocation location, String reason, Throwable cause) {
    this(List.of(new Problem(location, reason)), cause);
  }

  /**
   * Several problems (at least one), e.g. every problem of a profile.
   *
   * @throws IllegalArgumentException for an empty list
   */
  public InputException(List<Problem> problems, Throwable cause) {
    super(message(problems), cause);
    this.problems = List.copyOf(problems);
  }

  private static String message(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an input exception needs at least one problem");
    }
    return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }

  /** Every problem, in input order. */
  public List<Problem> problems() {
    return problems;
  }

  /** Where the first problem is. */
  public SourceLocation location() {
    return problems.get(0).location();
  }

  /** What the first problem is, without its location. */
  public String reason() {
    return problems.get(0).reason();
  }
}
