package org.xphonediag.examples;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.metrics.ReportMeters;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.Scenario;
import org.xphonediag.webapi.WebApiSession;

/**
 * Recipe: publish reports to your own Micrometer registry (a partner's service that checks its
 * customers' deployments on a schedule). Runs the app's connection test against a lab whose proxy
 * blocks WebSockets, publishes the report with {@link ReportMeters} and prints the status and
 * finding gauges; with a Prometheus registry they appear as {@code xphone_diag_check_status} and
 * {@code xphone_diag_finding}, the names {@code xphone-diag serve} uses.
 */
public final class PublishToMicrometer {
  private PublishToMicrometer() {}

  public static void main(String[] args) throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (Lab lab = Lab.start(Scenario.WEBSOCKET_BLOCKED);
        WebApiSession session = WebApiSession.open(lab.options().build());
        DiagRunner runner = DiagRunner.builder().build();
        ReportMeters meters = ReportMeters.builder(registry).tags(Tags.of("deployment", "lab")).build()) {
      Report report = runner.run("connection-test", session.connectionTest());
      meters.publish(report); // call again with every new report; the gauges follow the latest
      Stream.concat(registry.find("xphone.diag.finding").gauges().stream(),
              registry.find("xphone.diag.check.status").gauges().stream().filter(g -> g.value() == 1.0))
          .sorted(Comparator.comparing(g -> g.getId().toString()))
          .forEach(PublishToMicrometer::print);
    }
  }

  private static void print(Gauge g) {
    System.out.println(g.getId().getName() + "{" + g.getId().getTags().stream()
        .filter(t -> !t.getKey().equals("deployment")).map(t -> t.getKey() + "=" + t.getValue())
        .collect(Collectors.joining(", ")) + "} = " + g.value());
  }
}
