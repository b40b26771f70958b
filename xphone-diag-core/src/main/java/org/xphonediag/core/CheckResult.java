package org.xphonediag.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable result of one check: its id and title, status, findings, its typed {@link Outcome}
 * (if the check has one), ordered details, how long it took, a one-line summary and, for ERROR, the
 * cause.
 *
 * <p>The status is never better than the worst finding's severity: the builder raises it. The
 * details are the outcome's {@link Outcome#details()} followed by any set on the builder; they are
 * for the report writers, code reads {@link #outcome(Class)}.
 */
public final class CheckResult {
  private final CheckId id;
  private final String title;
  private final Status status;
  private final String summary;
  private final List<Finding> findings;
  private final Outcome outcome;
  private final Details details;
  private final Duration elapsed;
  private final Throwable cause;

  private CheckResult(Builder b) {
    this.id = b.id;
    this.title = b.title == null ? b.id.value() : b.title;
    Status worst = b.status == null ? Status.PASS : b.status;
    for (Finding f : b.findings) {
      worst = worst.worst(f.severity());
    }
    this.status = worst;
    this.summary = b.summary == null ? "" : b.summary;
    this.findings = List.copyOf(b.findings);
    this.outcome = b.outcome;
    this.details = b.outcome == null ? b.details.build()
        : Details.builder().putAll(b.outcome.details()).putAll(b.details.build()).build();
    this.elapsed = b.elapsed;
    this.cause = b.cause;
  }

  /** Starts a result for {@code id}. */
  public static Builder builder(CheckId id) {
    return new Builder(id);
  }

  /** A SKIPPED result with {@code reason} as its summary. */
  public static CheckResult skipped(CheckId id, String title, String reason) {
    return builder(id).title(title).status(Status.SKIPPED).summary(reason).build();
  }

  /** An ERROR result keeping {@code cause}; the summary is {@code what} plus the cause's message. */
  public static CheckResult error(CheckId id, String title, String what, Throwable cause, Duration elapsed) {
    String detail = cause == null ? "" : ": " + describe(cause);
    return builder(id).title(title).status(Status.ERROR).summary(what + detail).cause(cause)
        .elapsed(elapsed).build();
  }

  private static String describe(Throwable t) {
    String msg = t.getMessage();
    return t.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : " (" + msg + ")");
  }

  public CheckId id() {
    return id;
  }

  public String title() {
    return title;
  }

  public Status status() {
    return status;
  }

  /** One line for people: what passed, why it was skipped, what went wrong. May be empty. */
  public String summary() {
    return summary;
  }

  public List<Finding> findings() {
    return findings;
  }

  /** The details for the report writers (the outcome's, then any others); code reads {@link #outcome(Class)}. */
  public Details details() {
    return details;
  }

  /** The check's typed outcome, if it has one. */
  public Optional<Outcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  /** The check's typed outcome when it is a {@code type}; empty when there is none or it is another type. */
  public <T> Optional<T> outcome(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return type.isInstance(outcome) ? Optional.of(type.cast(outcome)) : Optional.empty();
  }

  public Duration elapsed() {
    return elapsed;
  }

  /** For ERROR results: the exception that stopped the check. */
  public Optional<Throwable> cause() {
    return Optional.ofNullable(cause);
  }

  /** True when some finding has the given code. */
  public boolean hasFinding(String code) {
    return findings.stream().anyMatch(f -> f.code().equals(code));
  }

  /** A builder holding these values, e.g. to set the elapsed time measured by the runner. */
  public Builder toBuilder() {
    return toBuilder(id);
  }

  /**
   * A builder holding these values under another id: how a check that wraps another (e.g. runs it on
   * a file it reads first) hands on its result, outcome included.
   */
  public Builder toBuilder(CheckId newId) {
    Builder b = new Builder(newId).title(title).status(status).summary(summary).elapsed(elapsed);
    b.findings.addAll(findings);
    b.outcome = outcome;
    b.details.putAll(details);
    b.cause = cause;
    return b;
  }

  @Override
  public String toString() {
    return id + " " + status + (summary.isEmpty() ? "" : " (" + summary + ")") + " " + findings;
  }

  /** Builds a {@link CheckResult}; not thread-safe. */
  public static final class Builder {
    private final CheckId id;
    private String title;
    private Status status;
    private String summary;
    private final List<Finding> findings = new ArrayList<>();
    private final Details.Builder details = Details.builder();
    private Outcome outcome;
    private Duration elapsed = Duration.ZERO;
    private Throwable cause;

    private Builder(CheckId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * Sets the status. Without it the status is the worst finding's severity, or PASS; with it, a
     * worse finding still raises it.
     */
    public Builder status(Status status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    public Builder summary(String summary) {
      this.summary = Objects.requireNonNull(summary, "summary");
      return this;
    }

    public Builder finding(Finding finding) {
      findings.add(Objects.requireNonNull(finding, "finding"));
      return this;
    }

    public Builder findings(List<Finding> more) {
      more.forEach(this::finding);
      return this;
    }

    /**
     * Sets the check's typed outcome; its {@link Outcome#details()} become the first details of the
     * result.
     *
     * @throws IllegalStateException when an outcome was already set
     */
    public Builder outcome(Outcome outcome) {
      Objects.requireNonNull(outcome, "outcome");
      if (this.outcome != null) {
        throw new IllegalStateException("outcome of " + id + " was already set to a "
            + this.outcome.getClass().getSimpleName());
      }
      this.outcome = outcome;
      return this;
    }

    /** Adds a detail (a plain value, see {@link Details}) beside the outcome's. */
    public Builder detail(String key, Object value) {
      details.put(key, value);
      return this;
    }

    public Builder details(Details more) {
      details.putAll(more);
      return this;
    }

    public Builder elapsed(Duration elapsed) {
      this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
      return this;
    }

    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    public CheckResult build() {
      return new CheckResult(this);
    }
  }
}
