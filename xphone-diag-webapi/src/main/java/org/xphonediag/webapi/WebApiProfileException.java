package org.xphonediag.webapi;

import java.util.List;
import java.util.Objects;

/**
 * A WebAPI profile that cannot be read: not JSON, or keys missing or malformed. Carries the source
 * and every problem found, each naming the key path (and line:column for syntax errors).
 */
public final class WebApiProfileException extends Exception {
  private final String source;
  private final List<String> problems;

  /** An exception for {@code source} listing {@code problems} (at least one). */
  public WebApiProfileException(String source, List<String> problems, Throwable cause) {
    super("WebAPI profile " + source + ": " + String.join("; ", problems), cause);
    this.source = Objects.requireNonNull(source, "source");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a profile exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The file name or resource the profile came from. */
  public String source() {
    return source;
  }

  /** Every problem found, e.g. {@code routes.login.method: must be GET, POST, PUT or DELETE but was 'FETCH'}. */
  public List<String> problems() {
    return problems;
  }
}
