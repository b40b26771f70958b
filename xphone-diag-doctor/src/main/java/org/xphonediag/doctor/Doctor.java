package org.xphonediag.doctor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.DiagRun;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Durations;
import org.xphonediag.core.Options;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.Status;
import org.xphonediag.core.acl.AclCandidatesCheck;
import org.xphonediag.core.acl.AclLint;
import org.xphonediag.core.acl.AclLintCheck;
import org.xphonediag.core.acl.AclServerCheck;
import org.xphonediag.core.config.ConfigFilesCheck;
import org.xphonediag.core.config.ConfigScenario;
import org.xphonediag.core.config.IisPlacement;
import org.xphonediag.core.net.HostResolver;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.doctor.DeploymentProfile.Placement;
import org.xphonediag.doctor.internal.AclFileCheck;
import org.xphonediag.doctor.internal.AclSource;
import org.xphonediag.doctor.internal.CandidateAclCheck;
import org.xphonediag.doctor.internal.CaptureCheck;
import org.xphonediag.doctor.internal.MediaPortsCheck;
import org.xphonediag.doctor.internal.MissingInput;
import org.xphonediag.doctor.internal.NextSteps;
import org.xphonediag.doctor.internal.ProfileCheck;
import org.xphonediag.doctor.internal.TurnRelayCheck;
import org.xphonediag.sip.SipMethod;
import org.xphonediag.sip.SipClient;
import org.xphonediag.sip.SipRequestCheck;
import org.xphonediag.stun.StunBindingCheck;
import org.xphonediag.stun.turn.TurnUri;
import org.xphonediag.webapi.TlsCheck;
import org.xphonediag.webapi.TlsInspector;
import org.xphonediag.webapi.TrustMaterial;
import org.xphonediag.webapi.WebApiOptions;
import org.xphonediag.webapi.WebApiSession;

/**
 * The doctor: builds the guide's flowchart (docs/field-guide.md chapters 3-7) for a {@link DeploymentProfile} as a
 * plan of checks from the other modules, runs it, and ends the report with the next steps the guide
 * would take. Configuration first (offline), then the app's five connection steps with TLS and proxy
 * paths, then STUN from this machine, this network's candidates against the XCC's ACL and the XCC's
 * media ports, a TURN relay (servers and credentials from the WebAPI's STUN/TURN answer, else from
 * the profile; the result's {@code source} detail says which), then the capture and FreeSWITCH log
 * when the profile names them. A step the profile gives no input for is SKIPPED and says what is missing.
 *
 * <pre>{@code
 * DeploymentProfile profile = ProfileReader.read(Path.of("site.jsonc"));
 * Report report = Doctor.builder(profile).password(Secret.fromEnvironment("XPHONE_PASSWORD").orElseThrow())
 *     .build().run(DiagListener.none());
 * }</pre>
 *
 * <p>Immutable; {@link #diagnose(DiagListener)} and {@link #run(DiagListener)} may be called more than once.
 */
public final class Doctor {
  /** Budget of the media port sweep. */
  public static final Duration MEDIA_SWEEP_BUDGET = Duration.ofSeconds(5);
  /** Budget of a check that declares none; cut to the run deadline when that is shorter. */
  private static final Duration DEFAULT_CHECK_BUDGET = Duration.ofSeconds(30);

  private final DeploymentProfile profile;
  private final Optional<Secret> password;
  private final Optional<Secret> turnPassword;
  private final Optional<HostResolver> resolver;
  private final Optional<TrustMaterial> trust;
  private final Optional<HostResolver> stunResolver;
  private final Duration runDeadline;
  private final Duration signalRWait;

  private Doctor(Builder b) {
    this.profile = b.profile;
    this.password = Optional.ofNullable(b.password);
    this.turnPassword = Optional.ofNullable(b.turnPassword);
    this.resolver = Optional.ofNullable(b.resolver);
    this.trust = Optional.ofNullable(b.trust);
    this.stunResolver = Optional.ofNullable(b.stunResolver);
    this.runDeadline = b.runDeadline;
    this.signalRWait = b.signalRWait;
  }

  public static Builder builder(DeploymentProfile profile) {
    return new Builder(profile);
  }

  public DeploymentProfile profile() {
    return profile;
  }

  /**
   * Builds the plan; close it after the run.
   *
   * @throws java.io.UncheckedIOException when the profile's trust file cannot be read
   */
  public DoctorPlan plan() {
    List<DoctorPlan.Step> steps = new ArrayList<>();
    List<AutoCloseable> resources = new ArrayList<>();
    Optional<AclSource> acl = profile.aclFile().map(AclSource::new);
    configuration(steps, acl);
    Optional<WebApiSession> session = signalling(steps, resources);
    media(steps, acl, session);
    capture(steps);
    return new DoctorPlan(steps, resources);
  }

  /**
   * Runs the plan and returns the report with {@code data.flow} and {@code data.nextSteps}: the
   * {@link DoctorReport#report() report} of {@link #diagnose(DiagListener)}, for callers that only
   * write or compare reports.
   *
   * @throws InterruptedException not thrown since interrupting returns the partial report; kept so
   *     that callers written for earlier versions still compile
   */
  public Report run(DiagListener listener) throws InterruptedException {
    return diagnose(listener).report();
  }

  /**
   * Runs the plan and returns what it found: the report with {@code data.flow} and
   * {@code data.nextSteps}, and both typed ({@link DoctorReport#flow()}, {@link DoctorReport#nextSteps()}).
   * Interrupting the calling thread cancels the run: the report then comes back at once, marked
   * cancelled, with the checks that had not finished SKIPPED ("cancelled ..."), and the thread's
   * interrupt flag set again (e.g. a CLI's shutdown hook interrupts it to print a partial report).
   */
  public DoctorReport diagnose(DiagListener listener) {
    Objects.requireNonNull(listener, "listener");
    boolean interrupted = false;
    Duration budget = DEFAULT_CHECK_BUDGET.compareTo(runDeadline) > 0 ? runDeadline : DEFAULT_CHECK_BUDGET;
    try (DoctorPlan plan = plan(); DiagRunner runner = DiagRunner.builder().runDeadline(runDeadline)
        .defaultBudget(budget).parallelism(4).build()) {
      DiagRun run = runner.start("doctor", plan.checks(), listener);
      Report report;
      try {
        report = run.await(runDeadline.plusSeconds(10));
      } catch (InterruptedException e) {
        interrupted = true;
        run.cancel();
        report = run.report().orElseThrow();
      }
      List<DoctorReport.FlowStage> flow = flow(plan, report);
      List<String> nextSteps = report.cancelled()
          ? List.of("The run was cancelled before every check finished (the checks SKIPPED as cancelled did not run"
              + " to the end): run the doctor again for next steps.")
          : NextSteps.of(report);
      Report.Builder b = report.toBuilder();
      if (profile.insecure()) {
        b.note("TLS verification disabled (insecure: true in the profile)");
      }
      b.data("profile", profileSummary());
      b.data("flow", flow.stream().map(DoctorReport.FlowStage::details).toList());
      b.data("nextSteps", nextSteps);
      return new DoctorReport(b.build(), flow, nextSteps);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the doctor's run did not end within its deadline of " + runDeadline, e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---- the flowchart ---------------------------------------------------------------------------

  private void configuration(List<DoctorPlan.Step> steps, Optional<AclSource> aclSource) {
    steps.add(new DoctorPlan.Step(Stage.CONFIGURATION, new ProfileCheck(profile)));
    if (profile.webConfig().isPresent() || profile.appSettings().isPresent()) {
      ConfigScenario scenario = configScenario();
      steps.add(new DoctorPlan.Step(Stage.CONFIGURATION,
          ConfigFilesCheck.of(scenario, profile.webConfig(), profile.appSettings())));
    } else {
      steps.add(new DoctorPlan.Step(Stage.CONFIGURATION, MissingInput.check(CheckCatalog.CONFIG_FILES,
          "Configuration files", "files.webConfig or files.appSettings")));
    }
    if (aclSource.isPresent()) {
      AclSource acl = aclSource.get();
      boolean localXcc = profile.xccPlacement() == Placement.LOCAL;
      Optional<IpAddress> server = profile.serverAddress().flatMap(IpAddress::tryParse);
      steps.add(new DoctorPlan.Step(Stage.CONFIGURATION, new AclFileCheck(CheckCatalog.ACL_LINT, "XCC ACL lint", acl,
          Set.of(), config -> {
            AclLint.Builder lint = AclLint.builder().localXcc(localXcc).localNetworks(profile.localNetworks());
            server.ifPresent(lint::serverIp);
            return new AclLintCheck(config, profile.inboundLists(), profile.localNetworks(), lint.build());
          })));
      if (server.isPresent()) {
        steps.add(new DoctorPlan.Step(Stage.CONFIGURATION, new AclFileCheck(CheckCatalog.ACL_SERVER,
            "XPhone Server allowed by the XCC's inbound ACL", acl, Set.of(),
            config -> new AclServerCheck(config, profile.inboundLists(), profile.localNetworks(), server.get(),
                localXcc))));
      } else {
        steps.add(new DoctorPlan.Step(Stage.CONFIGURATION, MissingInput.check(CheckCatalog.ACL_SERVER,
            "XPhone Server allowed by the XCC's inbound ACL", "server.address as an IP address")));
      }
    } else {
      steps.add(new DoctorPlan.Step(Stage.CONFIGURATION, MissingInput.check(CheckCatalog.ACL_LINT, "XCC ACL lint",
          "files.acl")));
    }
  }

  private ConfigScenario configScenario() {
    return new ConfigScenario(profile.iis() == Placement.DMZ ? IisPlacement.DMZ : IisPlacement.LOCAL,
        profile.serverAddress(), profile.proxy());
  }

  /** The WebAPI steps; returns the session (shared with the TURN step), empty without a WebAPI URL. */
  private Optional<WebApiSession> signalling(List<DoctorPlan.Step> steps, List<AutoCloseable> resources) {
    if (profile.webApiUrl().isEmpty()) {
      steps.add(new DoctorPlan.Step(Stage.SIGNALLING, MissingInput.check(CheckCatalog.WEBAPI_CONFIGURED_URL,
          "Configured WebAPI URL", "webApiUrl")));
      return Optional.empty();
    }
    TrustMaterial trustMaterial = trust.orElseGet(() -> profile.trust().map(p -> {
      try {
        return TrustMaterial.fromFile(p);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot read the trust file " + p + ": " + e.getMessage(), e);
      }
    }).orElse(TrustMaterial.platform()));
    WebApiOptions.Builder o = WebApiOptions.builder().url(profile.webApiUrl().get().toString())
        .signalRReceiveBound(signalRWait);
    if (profile.insecure()) {
      o.insecure(true);
    } else {
      o.trust(trustMaterial);
    }
    profile.mobileUrl().ifPresent(u -> o.mobileUrl(u.toString()));
    profile.user().ifPresent(o::user);
    password.ifPresent(o::password);
    resolver.ifPresent(o::resolver);
    WebApiSession session = WebApiSession.open(o.build());
    resources.add(session);
    session.checks().forEach(c -> steps.add(new DoctorPlan.Step(Stage.SIGNALLING, c)));
    java.net.URI url = profile.webApiUrl().get();
    TlsInspector.Builder inspector = TlsInspector.builder().trust(trustMaterial);
    resolver.ifPresent(inspector::resolver);
    if (!profile.insecure()) {
      steps.add(new DoctorPlan.Step(Stage.SIGNALLING,
          TlsCheck.of(url.getHost(), url.getPort() < 0 ? 443 : url.getPort(), inspector.build())));
    }
    return Optional.of(session);
  }

  private void media(List<DoctorPlan.Step> steps, Optional<AclSource> acl, Optional<WebApiSession> session) {
    boolean stun = !profile.stunServers().isEmpty();
    if (stun) {
      StunBindingCheck.Builder b = StunBindingCheck.builder(profile.stunServers());
      stunResolver.ifPresent(r -> b.resolver(r::resolve));
      steps.add(new DoctorPlan.Step(Stage.MEDIA, b.build()));
    } else {
      steps.add(new DoctorPlan.Step(Stage.MEDIA, MissingInput.check(CheckCatalog.STUN_CLASSIC,
          "Classic STUN from this machine", "stunServers")));
    }
    if (acl.isPresent() && stun) {
      steps.add(new DoctorPlan.Step(Stage.MEDIA, new CandidateAclCheck(acl.get(),
          profile.candidateLists(), profile.localNetworks())));
    } else {
      steps.add(new DoctorPlan.Step(Stage.MEDIA, MissingInput.check(CheckCatalog.ACL_CANDIDATES,
          "This network's candidates against the XCC's candidate ACL", stun ? "files.acl" : "stunServers")));
    }
    turn(steps, session);
    profile.xccSipUri().ifPresent(uri -> steps.add(new DoctorPlan.Step(Stage.MEDIA, SipRequestCheck.of(
        CheckCatalog.SIP_OPTIONS, SipClient.builder(uri).method(SipMethod.OPTIONS).build()))));
    if (profile.xccAddress().isPresent()) {
      steps.add(new DoctorPlan.Step(Stage.MEDIA, new MediaPortsCheck(profile.xccAddress().get(),
          profile.xccMediaPorts(), MEDIA_SWEEP_BUDGET)));
    } else {
      steps.add(new DoctorPlan.Step(Stage.MEDIA, MissingInput.check(CheckCatalog.MEDIA_PORTS, "XCC media ports",
          "xcc.address")));
    }
  }

  /**
   * The TURN relay step: servers and credentials from the WebAPI's STUN/TURN answer when it has
   * any, else from the profile (docs/field-guide.md#connection-test). Left out when neither a WebAPI nor turnServers are given.
   */
  private void turn(List<DoctorPlan.Step> steps, Optional<WebApiSession> session) {
    if (profile.turnServers().isEmpty() && session.isEmpty()) {
      return;
    }
    List<TurnUri> uris = profile.turnServers();
    Optional<javax.net.ssl.X509TrustManager> turnTrust = Optional.empty();
    if (!profile.insecure()) {
      turnTrust = trust.or(() -> profile.trust().map(p -> {
        try {
          return TrustMaterial.fromFile(p);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot read the trust file " + p + ": " + e.getMessage(), e);
        }
      })).map(TrustMaterial::trustManager);
    }
    steps.add(new DoctorPlan.Step(Stage.MEDIA, new TurnRelayCheck(session, uris, profile.turnUser(), turnPassword,
        turnTrust)));
  }

  private void capture(List<DoctorPlan.Step> steps) {
    // Optional input: without a capture the stage is left out (doctor.profile lists it as not given),
    // so a run that judged everything else is not reported as SKIPPED.
    profile.capture().ifPresent(c -> steps.add(new DoctorPlan.Step(Stage.CAPTURE,
        new CaptureCheck(c, profile.fsLog()))));
  }

  private Details profileSummary() {
    Details.Builder b = Details.builder();
    profile.name().ifPresent(n -> b.put("name", n));
    profile.webApiUrl().ifPresent(u -> b.put("webApiUrl", u.toString()));
    profile.mobileUrl().ifPresent(u -> b.put("mobileUrl", u.toString()));
    b.put("iis", profile.iis().jsonName()).put("xcc", profile.xccPlacement().jsonName());
    profile.xccAddress().ifPresent(a -> b.put("xccAddress", a));
    b.put("xccMediaPorts", profile.xccMediaPorts().toString());
    b.put("stunServers", profile.stunServers().stream().map(Object::toString).toList());
    return b.build();
  }

  private static List<DoctorReport.FlowStage> flow(DoctorPlan plan, Report report) {
    Map<Stage, List<CheckResult>> byStage = new LinkedHashMap<>();
    Map<CheckId, Stage> stages = plan.stages();
    for (CheckResult r : report.results()) {
      byStage.computeIfAbsent(stages.getOrDefault(r.id(), Stage.CONFIGURATION), s -> new ArrayList<>()).add(r);
    }
    List<DoctorReport.FlowStage> flow = new ArrayList<>();
    for (Stage s : Stage.values()) {
      List<CheckResult> rs = byStage.get(s);
      if (rs != null) {
        flow.add(new DoctorReport.FlowStage(s, Status.worstOf(rs.stream().map(CheckResult::status).toList()), rs));
      }
    }
    return flow;
  }

  /** Options of a {@link Doctor}; not thread-safe. */
  public static final class Builder {
    private final DeploymentProfile profile;
    private Secret password;
    private Secret turnPassword;
    private HostResolver resolver;
    private TrustMaterial trust;
    private HostResolver stunResolver;
    private Duration runDeadline = Duration.ofMinutes(3);
    private Duration signalRWait = Duration.ofSeconds(10);

    private Builder(DeploymentProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** The password of the profile's user. */
    public Builder password(Secret password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The TURN password for the profile's {@code turnUser}. */
    public Builder turnPassword(Secret password) {
      this.turnPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /** How host names are resolved for the WebAPI and its TLS chain (e.g. a lab's names); default: the system's. */
    public Builder resolver(HostResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** Certificates to trust instead of the profile's trust file or the platform's. */
    public Builder trust(TrustMaterial trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /** How STUN server names are resolved; default: the system's. */
    public Builder stunResolver(HostResolver resolver) {
      this.stunResolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * The deadline of the whole run (default 3 min). Every check's budget is cut to it: a check still
     * running at the deadline returns what it has or is reported as ERROR naming the deadline, and
     * checks not started by then are SKIPPED.
     */
    public Builder runDeadline(Duration deadline) {
      this.runDeadline = Durations.requirePositive(deadline, "runDeadline");
      return this;
    }

    /** How long the SignalR check waits for a server-to-client message (default 10 s). */
    public Builder signalRWait(Duration wait) {
      this.signalRWait = Durations.requirePositive(wait, "signalRWait");
      return this;
    }

    /**
     * Builds the doctor.
     *
     * @throws IllegalStateException when the profile says {@code insecure: true} and a trust store is given
     *     (in the profile or with {@link #trust(TrustMaterial)})
     */
    public Doctor build() {
      Options.requireNotBoth("insecure", profile.insecure(), "trust", trust != null ? trust : profile.trust().orElse(null),
          "Doctor");
      return new Doctor(this);
    }
  }
}
