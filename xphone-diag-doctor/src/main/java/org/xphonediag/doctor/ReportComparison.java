package org.xphonediag.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;

/**
 * Compares two reports of the same deployment, one made inside the company network and one from
 * the internet, and says what the difference means (docs/field-guide.md#connection-test "narrowing down": works inside and
 * fails outside means firewall or network). The result is a {@link Report} of command
 * {@code doctor-compare} with one result per check that either run has, in the order they first
 * appear; each carries the outside run's findings, and {@code data.comparison} lists both statuses
 * with the meaning.
 */
public final class ReportComparison {
  /** What a pair of statuses means, for people. */
  public enum Meaning {
    /** Same outcome in both places. */
    SAME("same outcome inside and outside"),
    /** Passes inside, fails outside: the path from the internet is the problem. */
    BLOCKED_OUTSIDE("works inside, fails outside: the firewall, port forwarding or NAT between the internet "
        + "and the deployment blocks it"),
    /** Fails in both places: the configuration, not the network. */
    BROKEN_EVERYWHERE("fails inside and outside: the base configuration is wrong, not the network"),
    /** Fails inside, passes outside: split DNS, an internal proxy or a VPN route differ. */
    BLOCKED_INSIDE("fails inside, works outside: internal DNS (split horizon), an internal proxy or a VPN route "
        + "differs from the public path"),
    /** Ran in one place only. */
    ONE_SIDED("ran in one of the two reports only");

    private final String text;

    Meaning(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    /** The JSON name. */
    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private ReportComparison() {}

  /** Compares {@code inside} with {@code outside}. */
  public static Report compare(Report inside, Report outside) {
    Objects.requireNonNull(inside, "inside");
    Objects.requireNonNull(outside, "outside");
    Map<CheckId, CheckResult> in = index(inside);
    Map<CheckId, CheckResult> out = index(outside);
    Set<CheckId> ids = new LinkedHashSet<>(in.keySet());
    ids.addAll(out.keySet());
    Report.Builder report = Report.builder("doctor-compare")
        .note("inside: " + inside.command() + " started " + inside.startedAt())
        .note("outside: " + outside.command() + " started " + outside.startedAt());
    List<Details> rows = new ArrayList<>();
    Map<Meaning, Integer> counts = new LinkedHashMap<>();
    for (CheckId id : ids) {
      Optional<CheckResult> a = Optional.ofNullable(in.get(id));
      Optional<CheckResult> b = Optional.ofNullable(out.get(id));
      Meaning m = meaning(a.map(CheckResult::status), b.map(CheckResult::status));
      counts.merge(m, 1, Integer::sum);
      CheckResult shown = b.or(() -> a).orElseThrow();
      String inText = a.map(r -> r.status().name()).orElse("absent");
      String outText = b.map(r -> r.status().name()).orElse("absent");
      CheckResult.Builder r = CheckResult.builder(id).title(shown.title())
          .summary("inside " + inText + ", outside " + outText + (m == Meaning.SAME ? "" : ": " + m.text()))
          .findings(shown.findings());
      Status worst = a.map(CheckResult::status).orElse(Status.PASS).worst(b.map(CheckResult::status).orElse(Status.PASS));
      r.status(worst == Status.ERROR ? Status.ERROR : worst);
      report.result(r.build());
      rows.add(Details.builder().put("id", id.value()).put("inside", inText).put("outside", outText)
          .put("meaning", m.jsonName()).build());
    }
    report.data("comparison", rows).data("verdict", verdict(counts));
    return report.build();
  }

  static Meaning meaning(Optional<Status> inside, Optional<Status> outside) {
    if (inside.isEmpty() || outside.isEmpty()) {
      return Meaning.ONE_SIDED;
    }
    boolean inOk = ok(inside.get());
    boolean outOk = ok(outside.get());
    if (inOk && !outOk) {
      return Meaning.BLOCKED_OUTSIDE;
    }
    if (!inOk && outOk) {
      return Meaning.BLOCKED_INSIDE;
    }
    if (!inOk && inside.get() != Status.SKIPPED && outside.get() != Status.SKIPPED) {
      return Meaning.BROKEN_EVERYWHERE;
    }
    return Meaning.SAME;
  }

  private static boolean ok(Status s) {
    return s == Status.PASS || s == Status.WARN;
  }

  private static String verdict(Map<Meaning, Integer> counts) {
    if (counts.getOrDefault(Meaning.BLOCKED_OUTSIDE, 0) > 0) {
      return Meaning.BLOCKED_OUTSIDE.text() + " (docs/field-guide.md#connection-test): check the external firewall, port forwarding and NAT "
          + "for HTTPS to the IIS and UDP 30000-33000 to the XCC";
    }
    if (counts.getOrDefault(Meaning.BROKEN_EVERYWHERE, 0) > 0) {
      return Meaning.BROKEN_EVERYWHERE.text() + " (docs/field-guide.md#connection-test): fix the findings of the failing checks first";
    }
    if (counts.getOrDefault(Meaning.BLOCKED_INSIDE, 0) > 0) {
      return Meaning.BLOCKED_INSIDE.text();
    }
    return "no difference between inside and outside";
  }

  private static Map<CheckId, CheckResult> index(Report r) {
    Map<CheckId, CheckResult> m = new LinkedHashMap<>();
    r.results().forEach(x -> m.put(x.id(), x));
    return m;
  }
}
