package org.xphonediag.doctor;

import java.util.List;

/**
 * A deployment profile that cannot be used: every problem found, each starting with its location
 * ({@code profile.json:7:12: ...}).
 */
public final class ProfileException extends Exception {
  private final List<String> problems;

  public ProfileException(List<String> problems) {
    super(problems.size() == 1 ? problems.get(0)
        : problems.size() + " problems: " + String.join("; ", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a profile exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, located, in file order. */
  public List<String> problems() {
    return problems;
  }
}
