package org.xphonediag.webapi.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.WebApiSession;

/**
 * The SignalR probe cuts calls that do not end (a negotiate whose body stalls) without okhttp's
 * "Callback failure for canceled call" stack trace: the official client reads bodies in its
 * callback, so a call cut there used to throw out of the callback, which okhttp logs at INFO with
 * the exception through java.util.logging.
 */
class SignalRStopIT {
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void captureJul() {
    capture.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void release() {
    Logger.getLogger("").removeHandler(capture);
  }

  /**
   * {@code budgetMs} 1500: the probe gives up on the stalled start and cancels the call while
   * its body is read; 20000: okhttp's read timeout (the call timeout, 1 s) ends the body read.
   */
  @ParameterizedTest
  @ValueSource(ints = {1500, 20000})
  void hubWhenClientNegotiateBodyStallsThenCutWithoutCallbackFailureLog(int budgetMs) throws Exception {
    try (FakeWebClientApi fake = FakeWebClientApi.startStallingNegotiateBodyAfter(1);
        WebApiSession session = WebApiSession.open(fake.options()
            .callTimeout(Duration.ofMillis(budgetMs < 5000 ? 3000 : 1000)).build())) {
      CheckContext auth = CheckContext.standalone(CheckCatalog.WEBAPI_AUTH, Duration.ofSeconds(10));
      assertEquals(Status.PASS, session.check(CheckCatalog.WEBAPI_AUTH).run(auth).status());
      Duration budget = Duration.ofMillis(budgetMs);
      long start = System.nanoTime();
      CheckResult hub = session.check(CheckCatalog.SIGNALR_HUB)
          .run(CheckContext.standalone(CheckCatalog.SIGNALR_HUB, budget));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(hub.status().compareTo(Status.FAIL) >= 0, hub.toString());
      assertTrue(took.compareTo(budget.plusSeconds(3)) < 0, "took " + took + ": " + hub);
      assertTrue(fake.requests().stream().filter(r -> r.endsWith("/negotiate")).count() >= 2,
          "the client's own negotiate was sent: " + fake.requests());
      // okhttp logs a callback failure on the probe's own threads before they end: wait for them
      awaitNoProbeThreads(Duration.ofSeconds(5));
      List<String> failures = records.stream().map(LogRecord::getMessage)
          .filter(m -> m != null && m.contains("Callback failure")).toList();
      assertEquals(List.of(), failures);
    }
  }

  private static void awaitNoProbeThreads(Duration bound) throws InterruptedException {
    long until = System.nanoTime() + bound.toNanos();
    while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("xphone-diag-signalr-"))) {
      assertTrue(System.nanoTime() < until, "the SignalR probe's threads did not end within " + bound);
      Thread.sleep(20);
    }
  }
}
