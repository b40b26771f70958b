package org.xphonediag.doctor;

import java.util.List;
import java.util.stream.Collectors;
import org.xphonediag.core.InputException;

/**
 * A deployment profile that cannot be used: every problem found, in file order, each with its
 * location ({@link InputException#problems()}; as text {@code profile.json:7:12: REASON}).
 */
public final class ProfileException extends InputException {
  private static final long serialVersionUID = 1L;

  /**
   * Every problem of a profile, in file order.
   *
   * @throws IllegalArgumentException for an empty list
   */
  public ProfileException(List<Problem> problems) {
    super(problems, null);
  }

  /** One problem of a profile, caused by {@code cause} (e.g. the JSON syntax error). */
  public ProfileException(Problem problem, Throwable cause) {
    super(List.of(problem), cause);
  }

  /** The one problem ({@code LOCATION: REASON}), or {@code N problems: } and each, separated by {@code ; }. */
  @Override
  public String getMessage() {
    List<Problem> all = problems();
    return all.size() == 1 ? all.get(0).toString()
        : all.size() + " problems: " + all.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }
}
