package org.xphonediag.cli;

import java.io.PrintWriter;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagListener;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The process's streams as the CLI uses them: the report goes to {@code out}, progress and errors to
 * {@code err}. Progress lines and colour only when the process runs on a terminal.
 *
 * @param out where the report goes
 * @param err where progress and errors go
 * @param interactive true when running on a terminal
 */
public record Terminal(PrintWriter out, PrintWriter err, boolean interactive) {

  static Terminal of(CommandSpec spec) {
    boolean interactive = spec.root().userObject() instanceof Main m && m.interactive();
    return new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), interactive);
  }

  /** A listener printing one line per check on stderr, when on a terminal. */
  public DiagListener progress() {
    if (!interactive) {
      return DiagListener.none();
    }
    return new DiagListener() {
      @Override
      public void checkFinished(CheckResult result) {
        err.printf("  %-7s %s  %s%n", result.status(), result.id(), result.summary());
        err.flush();
      }

      @Override
      public void checkStarted(CheckId id, String title) {
        err.printf("  ...     %s  %s%n", id, title);
        err.flush();
      }
    };
  }
}
