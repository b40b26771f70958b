package org.xphonediag.exporter.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.DiagRun;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.doctor.Doctor;
import org.xphonediag.doctor.DoctorPlan;
import org.xphonediag.exporter.ProbeModule;

/**
 * Runs the checks of one {@link ProbeModule} from a doctor's plan within a deadline: the checks the
 * module selects and, in plan order, the prerequisites they build on. At the deadline the runner
 * stops what still runs (ERROR, "stopped at the run deadline") and skips what has not started, so
 * the report is complete when the deadline passes.
 */
public final class ProbeRun {
  /** The budget of one check when the deadline allows it, as in the doctor. */
  static final Duration CHECK_BUDGET = Duration.ofSeconds(30);
  /** Checks run at once within one probe, as in the doctor. */
  static final int PARALLELISM = 4;

  private ProbeRun() {}

  /** The checks {@code module} runs from {@code plan}, in plan order. */
  public static List<Check> select(DoctorPlan plan, ProbeModule module) {
    Map<CheckId, Check> byId = new LinkedHashMap<>();
    plan.checks().forEach(c -> byId.put(c.id(), c));
    Set<CheckId> wanted = new HashSet<>();
    Deque<CheckId> todo = new ArrayDeque<>();
    byId.keySet().stream().filter(module::selects).forEach(todo::add);
    while (!todo.isEmpty()) {
      CheckId id = todo.pop();
      Check c = byId.get(id);
      if (c != null && wanted.add(id)) {
        todo.addAll(c.prerequisites());
      }
    }
    List<Check> out = new ArrayList<>();
    byId.forEach((id, c) -> {
      if (wanted.contains(id)) {
        out.add(c);
      }
    });
    return out;
  }

  /**
   * Runs {@code module}'s checks of {@code doctor}'s plan and returns the report by {@code deadline}
   * (plus the runner's short grace).
   *
   * @throws InterruptedException when the calling thread is interrupted; the run is cancelled
   */
  public static Report run(Doctor doctor, ProbeModule module, Duration deadline) throws InterruptedException {
    Duration budget = deadline.compareTo(CHECK_BUDGET) < 0 ? deadline : CHECK_BUDGET;
    try (DoctorPlan plan = doctor.plan(); DiagRunner runner = DiagRunner.builder().runDeadline(deadline)
        .defaultBudget(budget).parallelism(PARALLELISM).build()) {
      DiagRun run = runner.start("doctor", select(plan, module), DiagListener.none());
      try {
        return run.await(deadline.plusSeconds(3));
      } catch (TimeoutException e) {
        run.cancel();
        return run.report().orElseThrow(() -> new IllegalStateException("a cancelled run has no report"));
      } catch (InterruptedException e) {
        run.cancel();
        throw e;
      }
    }
  }
}
