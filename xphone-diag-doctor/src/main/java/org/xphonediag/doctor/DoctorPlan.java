package org.xphonediag.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckId;

/**
 * The checks the doctor runs for one profile, each in its {@link Stage}, in flowchart order. Holds
 * the resources the checks share (an HTTP session); {@link #close()} releases them, idempotently.
 */
public final class DoctorPlan implements AutoCloseable {
  /** One check and the stage it belongs to. */
  public record Step(Stage stage, Check check) {
    public Step {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(check, "check");
    }
  }

  private final List<Step> steps;
  private final List<AutoCloseable> resources;
  private boolean closed;

  DoctorPlan(List<Step> steps, List<AutoCloseable> resources) {
    this.steps = List.copyOf(steps);
    this.resources = List.copyOf(resources);
  }

  public List<Step> steps() {
    return steps;
  }

  /** The checks in flowchart order, for a {@link org.xphonediag.core.DiagRunner}. */
  public List<Check> checks() {
    List<Check> l = new ArrayList<>();
    steps.forEach(s -> l.add(s.check()));
    return l;
  }

  /** The stage of every check id. */
  public Map<CheckId, Stage> stages() {
    Map<CheckId, Stage> m = new java.util.LinkedHashMap<>();
    steps.forEach(s -> m.put(s.check().id(), s.stage()));
    return m;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(DoctorPlan.class).debug("closing {} failed", r, e);
      }
    }
  }
}
