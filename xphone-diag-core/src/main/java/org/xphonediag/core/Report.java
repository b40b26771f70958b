package org.xphonediag.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable outcome of a run or an offline analysis: the command that produced it, the results
 * in plan order, the command's structured {@code data}, notes on how it ran (e.g. an explicitly
 * insecure TLS mode), timing and whether it was cancelled. Its status is the worst result's.
 */
public final class Report {
  private final String command;
  private final List<CheckResult> results;
  private final Details data;
  private final List<String> notes;
  private final Instant startedAt;
  private final Duration elapsed;
  private final boolean cancelled;
  private final Status status;

  private Report(Builder b) {
    this.command = b.command;
    this.results = List.copyOf(b.results);
    this.data = b.data.build();
    this.notes = List.copyOf(b.notes);
    this.startedAt = b.startedAt;
    this.elapsed = b.elapsed;
    this.cancelled = b.cancelled;
    Status s = Status.PASS;
    for (CheckResult r : results) {
      s = s.worst(r.status());
    }
    this.status = s;
  }

  /** Starts a report for {@code command} (e.g. {@code doctor}, {@code trace}). */
  public static Builder builder(String command) {
    return new Builder(command);
  }

  public String command() {
    return command;
  }

  /** The worst status of all results; PASS for a report without results. */
  public Status status() {
    return status;
  }

  public List<CheckResult> results() {
    return results;
  }

  /** The result of check {@code id}, if the report has one. */
  public Optional<CheckResult> result(CheckId id) {
    return results.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The typed outcome of check {@code id} when the report has that result and its outcome is a {@code type}. */
  public <T> Optional<T> outcome(CheckId id, Class<T> type) {
    return result(id).flatMap(r -> r.outcome(type));
  }

  /** Every finding of every result, in order. */
  public List<Finding> findings() {
    List<Finding> all = new ArrayList<>();
    results.forEach(r -> all.addAll(r.findings()));
    return all;
  }

  /** The command's own structured output (ARCHITECTURE.md, "The CLI contract"). */
  public Details data() {
    return data;
  }

  /** How the run was made, for people reading the report (e.g. "TLS verification disabled"). */
  public List<String> notes() {
    return notes;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Duration elapsed() {
    return elapsed;
  }

  /** True when the run was cancelled; the checks that never ran are SKIPPED. */
  public boolean cancelled() {
    return cancelled;
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder(command).startedAt(startedAt).elapsed(elapsed).cancelled(cancelled);
    b.results.addAll(results);
    b.data.putAll(data);
    b.notes.addAll(notes);
    return b;
  }

  @Override
  public String toString() {
    return "Report[" + command + " " + status + ", " + results.size() + " results"
        + (cancelled ? ", cancelled" : "") + "]";
  }

  /** Builds a {@link Report}; not thread-safe. */
  public static final class Builder {
    private final String command;
    private final List<CheckResult> results = new ArrayList<>();
    private final Details.Builder data = Details.builder();
    private final List<String> notes = new ArrayList<>();
    private Instant startedAt = Instant.now();
    private Duration elapsed = Duration.ZERO;
    private boolean cancelled;

    private Builder(String command) {
      this.command = Objects.requireNonNull(command, "command");
    }

    public Builder result(CheckResult result) {
      results.add(Objects.requireNonNull(result, "result"));
      return this;
    }

    public Builder results(List<CheckResult> more) {
      more.forEach(this::result);
      return this;
    }

    /** Adds an entry of the command's structured data. */
    public Builder data(String key, Object value) {
      data.put(key, value);
      return this;
    }

    public Builder data(Details more) {
      data.putAll(more);
      return this;
    }

    public Builder note(String note) {
      notes.add(Objects.requireNonNull(note, "note"));
      return this;
    }

    public Builder startedAt(Instant startedAt) {
      this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
      return this;
    }

    public Builder elapsed(Duration elapsed) {
      this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
      return this;
    }

    public Builder cancelled(boolean cancelled) {
      this.cancelled = cancelled;
      return this;
    }

    public Report build() {
      return new Report(this);
    }
  }
}
