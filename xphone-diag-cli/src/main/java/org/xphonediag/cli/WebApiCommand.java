package org.xphonediag.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.webapi.WebApiOptions;
import org.xphonediag.webapi.WebApiProfile;
import org.xphonediag.webapi.WebApiProfileException;
import org.xphonediag.webapi.WebApiSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xphone-diag webapi}: the mobile app's connection test (docs/field-guide.md#connection-test) against a WebAPI URL:
 * configured URL, health, authentication, SignalR hub, softphone re-initialisation; with {@code
 * --all} also version, STUN servers, devices and proxy paths. The password comes from an
 * environment variable and never reaches the output. {@code data.steps} lists each step.
 */
@Command(name = "webapi", mixinStandardHelpOptions = true,
    description = "Run the mobile app's connection test (and with --all the browser tester's calls) against the WebAPI.")
final class WebApiCommand extends ReportCommand {
  @Option(names = "--url", required = true, paramLabel = "URL",
      description = "the WebAPI URL, e.g. https://xphone.example.com/xphoneconnect/webclientapi")
  String url;

  @Option(names = "--mobile-url", paramLabel = "URL", description = "the Mobile URL, to compare hosts")
  String mobileUrl;

  @Option(names = "--user", required = true, paramLabel = "USER", description = "the XPhone user to log in")
  String user;

  @Option(names = "--password-env", required = true, paramLabel = "VAR",
      description = "the environment variable holding the password")
  String passwordEnv;

  @Option(names = "--profile", paramLabel = "FILE", description = "a WebAPI profile overriding routes and fields")
  Path profile;

  @Option(names = "--trust", paramLabel = "FILE", description = "PEM or DER root certificate(s) to trust instead of "
      + "the platform trust store")
  Path trust;

  @Option(names = "--insecure", description = "do not verify TLS certificates or host names (shown in the report)")
  boolean insecure;

  @Option(names = "--all", description = "also run version, STUN servers, devices and proxy paths")
  boolean all;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "deadline of each HTTP call (default 10)")
  long timeoutSeconds = 10;

  @Override
  protected Report produce(Terminal terminal) throws Exception {
    Secret password = Secret.fromEnvironment(passwordEnv).orElseThrow(() -> new UsageException(
        "webapi: environment variable " + passwordEnv + " (--password-env) is not set"));
    if (timeoutSeconds < 1 || timeoutSeconds > 300) {
      throw new UsageException("webapi: --timeout must be 1..300 seconds but was " + timeoutSeconds);
    }
    if (insecure && trust != null) {
      throw new UsageException("webapi: --insecure and --trust conflict: choose one");
    }
    WebApiOptions.Builder ob = WebApiOptions.builder().url(url).mobileUrl(mobileUrl).user(user).password(password)
        .insecure(insecure).callTimeout(Duration.ofSeconds(timeoutSeconds));
    if (!insecure) {
      ob.trust(TrustFile.load(trust));
    }
    if (profile != null) {
      try {
        ob.profile(WebApiProfile.load(profile));
      } catch (IOException e) {
        throw InputFile.unreadable("--profile", profile, e);
      } catch (WebApiProfileException e) {
        throw new UsageException(e.getMessage(), e);
      }
    }
    WebApiOptions options = ob.build();
    Report report;
    try (WebApiSession session = WebApiSession.open(options);
        DiagRunner runner = DiagRunner.builder().parallelism(1)
            .defaultBudget(Duration.ofSeconds(Math.max(30, 4 * timeoutSeconds)))
            .listener(terminal.progress()).build()) {
      report = runChecks(runner, "webapi", all ? session.checks() : session.connectionTest());
    } finally {
      password.destroy();
    }
    List<Details> steps = new ArrayList<>();
    int n = 0;
    for (CheckResult r : report.results()) {
      Details.Builder d = Details.builder().put("id", r.id().value()).put("status", r.status().name())
          .put("summary", r.summary()).put("findings", r.findings().stream().map(f -> f.code()).toList());
      if (n < 5) {
        d.put("step", n + 1);
      }
      n++;
      steps.add(d.build());
    }
    Report.Builder out = report.toBuilder().data("url", url).data("user", user)
        .data("profile", options.profile().source())
        .data("trust", insecure ? "none (TLS verification disabled)" : options.trust().description())
        .data("steps", steps);
    if (insecure) {
      out.note("TLS verification was disabled (--insecure): certificates and host names were not checked.");
    }
    return out.build();
  }
}
