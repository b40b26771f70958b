package org.xphonediag.doctor.internal;

import java.util.Set;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;

/** A step of the flowchart the profile gives no input for: SKIPPED, saying what is missing. */
public final class MissingInput {
  private MissingInput() {}

  /** A check that is SKIPPED with "the profile has no {@code what}". */
  public static Check check(CheckId id, String title, String what) {
    return Check.of(id, title, Set.of(), ctx -> CheckResult.skipped(id, title,
        "the profile has no " + what + ", so this step was not judged"));
  }
}
