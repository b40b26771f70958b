package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownGuardTest {

  @Test
  void shutdownWhenActionsRegisteredThenRunsOpenOnesOnly() {
    ShutdownGuard g = ShutdownGuard.none();
    List<String> ran = new ArrayList<>();
    ShutdownGuard.Registration a = g.onShutdown(() -> ran.add("a"));
    g.onShutdown(() -> ran.add("b"));
    g.onShutdown(() -> {
      throw new IllegalStateException("a failing action");
    });
    g.onShutdown(() -> ran.add("c"));
    a.close();
    g.shutdown();
    assertEquals(List.of("b", "c"), ran);
    assertTrue(g.shuttingDown());
  }

  @Test
  void onShutdownWhenAlreadyShuttingDownThenRunsAtOnce() {
    ShutdownGuard g = ShutdownGuard.none();
    g.shutdown();
    List<String> ran = new ArrayList<>();
    g.onShutdown(() -> ran.add("late")).close();
    assertEquals(List.of("late"), ran);
  }

  @Test
  void shutdownWhenCommandRunningThenWaitsUntilItEnds() throws Exception {
    ShutdownGuard g = ShutdownGuard.none();
    ShutdownGuard.Registration command = g.command();
    CompletableFuture<Void> hook = CompletableFuture.runAsync(g::shutdown);
    Thread.sleep(200);
    assertFalse(hook.isDone(), "the hook must wait for the command to write its report");
    command.close();
    command.close();
    hook.get(5, TimeUnit.SECONDS);
  }

  @Test
  void shutdownWhenNoCommandThenReturnsAtOnce() throws Exception {
    ShutdownGuard g = ShutdownGuard.none();
    g.command().close();
    CompletableFuture.runAsync(g::shutdown).get(2, TimeUnit.SECONDS);
  }
}
