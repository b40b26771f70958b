package org.xphonediag.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.HostAndPort;

class DoctorCancelIT {

  @Test
  void runWhenThreadInterruptedThenPartialReportMarkedCancelledAtOnce() throws Exception {
    try (DatagramSocket blackHole = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      DeploymentProfile profile = DeploymentProfile.builder().name("cancel")
          .stunServer(HostAndPort.of((InetSocketAddress) blackHole.getLocalSocketAddress())).build();
      CountDownLatch stunStarted = new CountDownLatch(1);
      DiagListener listener = new DiagListener() {
        @Override
        public void checkStarted(CheckId id, String title) {
          if (id.value().startsWith("stun.")) {
            stunStarted.countDown();
          }
        }
      };
      AtomicReference<Thread> runner = new AtomicReference<>();
      AtomicBoolean interruptFlag = new AtomicBoolean();
      CompletableFuture<Report> done = CompletableFuture.supplyAsync(() -> {
        runner.set(Thread.currentThread());
        try {
          Report r = Doctor.builder(profile).build().run(listener);
          interruptFlag.set(Thread.interrupted());
          return r;
        } catch (InterruptedException e) {
          throw new AssertionError("the partial report must come back, not an exception", e);
        }
      });
      assertTrue(stunStarted.await(10, TimeUnit.SECONDS), "the STUN check never started");
      long t0 = System.nanoTime();
      runner.get().interrupt();
      Report report = done.get(5, TimeUnit.SECONDS);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 4000, "the report took " + ms + " ms after the interrupt");
      assertTrue(report.cancelled());
      assertTrue(interruptFlag.get(), "the interrupt flag must be set again");
      CheckResult stun = report.results().stream().filter(r -> r.id().value().startsWith("stun."))
          .findFirst().orElseThrow();
      assertEquals(Status.SKIPPED, stun.status());
      assertTrue(stun.summary().contains("cancelled"), stun.summary());
      assertTrue(report.data().get("flow").isPresent(), "the partial report keeps the flowchart walk");
      assertTrue(String.valueOf(report.data().get("nextSteps").orElseThrow()).contains("cancelled"),
          "a cancelled run must not claim that everything looks right");
    }
  }
}
