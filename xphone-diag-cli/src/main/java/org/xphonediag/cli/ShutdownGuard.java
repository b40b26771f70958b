package org.xphonediag.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the CLI does when the JVM shuts down under it (SIGINT, SIGTERM): a shutdown hook runs the
 * actions the command registered ({@link #onShutdown}: cancel the run, interrupt the doctor, abandon
 * a half-written file), then waits, at most {@link #WAIT}, until the command has written its
 * (partial) report and removed its temporary files ({@link #command()}). The JVM then exits with
 * 128 + the signal's number (130 for SIGINT, 143 for SIGTERM), as shells expect. Thread-safe.
 */
final class ShutdownGuard {
  /** How long the hook waits for the command to write its report. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private final List<Runnable> actions = new ArrayList<>();
  private int commands;
  private boolean shuttingDown;

  private ShutdownGuard() {}

  /** A guard with a shutdown hook, for {@link Main#main}. */
  static ShutdownGuard install() {
    ShutdownGuard g = new ShutdownGuard();
    Runtime.getRuntime().addShutdownHook(new Thread(g::shutdown, "xphone-diag-shutdown"));
    return g;
  }

  /** A guard without a hook, for running the CLI inside another program or a test. */
  static ShutdownGuard none() {
    return new ShutdownGuard();
  }

  /** The registration of an action or a command; closing it is idempotent. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Runs {@code action} when the JVM shuts down while the returned registration is open; at once
   * when it is already shutting down.
   */
  Registration onShutdown(Runnable action) {
    boolean now;
    synchronized (this) {
      now = shuttingDown;
      if (!now) {
        actions.add(action);
      }
    }
    if (now) {
      runSafely(action);
    }
    return () -> {
      synchronized (this) {
        actions.remove(action);
      }
    };
  }

  /** A command in progress: the hook waits until it is closed (at most {@link #WAIT}). */
  Registration command() {
    synchronized (this) {
      commands++;
    }
    boolean[] closed = {false};
    return () -> {
      synchronized (this) {
        if (!closed[0]) {
          closed[0] = true;
          commands--;
          notifyAll();
        }
      }
    };
  }

  /** True once the JVM is shutting down. */
  synchronized boolean shuttingDown() {
    return shuttingDown;
  }

  /** The hook: run the actions, then wait for the commands to end. */
  void shutdown() {
    List<Runnable> now;
    synchronized (this) {
      shuttingDown = true;
      now = new ArrayList<>(actions);
    }
    now.forEach(ShutdownGuard::runSafely);
    long end = System.nanoTime() + WAIT.toNanos();
    synchronized (this) {
      long left;
      while (commands > 0 && (left = end - System.nanoTime()) > 0) {
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void runSafely(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      // one failing action must not keep the others from running
    }
  }
}
