package org.xphonediag.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.config.ConfigFilesCheck;
import org.xphonediag.core.config.ConfigScenario;
import org.xphonediag.core.config.ConfigSource;
import org.xphonediag.core.config.ConfigValidation;
import org.xphonediag.core.config.ConfigValidator;
import org.xphonediag.core.config.IisPlacement;
import org.xphonediag.core.net.AddressFormatException;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.report.TextReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xphone-diag config}: validates {@code XPhoneMobile\web.config} and/or
 * {@code WebClientApi\appsettings.json} offline against where IIS runs (docs/field-guide.md#web-config, #appsettings-json).
 * {@code data.problems} lists every problem with file, key path, line, column and the change to
 * make. A missing or unreadable file is bad input (exit 2); a broken file is a
 * {@code config.syntax} FAIL (exit 1).
 */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Validate web.config and appsettings.json of the IIS against the deployment (IIS local or in the DMZ).")
final class ConfigCommand extends ReportCommand {
  @Option(names = "--web-config", paramLabel = "FILE", description = "XPhoneMobile\\web.config to validate.")
  Path webConfig;

  @Option(names = "--appsettings", paramLabel = "FILE", description = "WebClientApi\\appsettings.json to validate.")
  Path appSettings;

  @Option(names = "--iis", required = true, paramLabel = "local|dmz",
      description = "Where IIS runs: local (on the XPhone Server) or dmz.")
  IisPlacement iis;

  @Option(names = "--server", paramLabel = "HOST",
      description = "The XPhone Server's host name or IP as you know it (compared with the files).")
  String server;

  @Option(names = "--proxy", paramLabel = "NAME",
      description = "The reverse proxy or firewall in front of IIS, e.g. netscaler (no WebSockets).")
  String proxy;

  /** What {@link #produce} found, for the text summary. */
  private ConfigValidation validation;

  @Override
  protected Report produce(Terminal terminal) {
    if (webConfig == null && appSettings == null) {
      throw new UsageException("config needs --web-config FILE, --appsettings FILE or both");
    }
    ConfigScenario scenario = ConfigScenario.of(iis);
    if (server != null) {
      try {
        HostAndPort.parse(server.strip(), 1);
      } catch (AddressFormatException e) {
        throw new UsageException("--server must be a host name or IP address but was '" + server + "'", e);
      }
      scenario = scenario.withServer(server);
    }
    if (proxy != null) {
      scenario = scenario.withProxy(proxy);
    }
    long start = System.nanoTime();
    Optional<ConfigSource> web = read("--web-config", webConfig);
    Optional<ConfigSource> app = read("--appsettings", appSettings);
    ConfigValidation v = ConfigValidator.of(scenario).validate(web, app);
    validation = v;
    Report.Builder report = Report.builder("config")
        .result(ConfigFilesCheck.result(v, Duration.ofNanos(System.nanoTime() - start)))
        .data("problems", problems(v));
    if (scenario.proxy().isPresent() && !scenario.proxyBlocksWebSockets()) {
      report.note("proxy '" + scenario.proxy().get() + "' is not known to block WebSockets (known: netscaler), "
          + "so no long-polling advice is given");
    }
    return report.elapsed(Duration.ofNanos(System.nanoTime() - start)).build();
  }

  private static Optional<ConfigSource> read(String option, Path file) {
    if (file == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ConfigSource.read(file));
    } catch (IOException e) {
      throw InputFile.unreadable(option, file, e);
    }
  }

  /** One entry per problem: code, severity, file, path, line, column, message, change. */
  static List<Details> problems(ConfigValidation v) {
    List<Details> out = new ArrayList<>();
    for (Finding f : v.problems()) {
      Details.Builder d = Details.builder().put("code", f.code()).put("severity", f.severity().name());
      f.location().ifPresent(l -> {
        d.put("file", l.source());
        l.path().ifPresent(p -> d.put("path", p));
        l.line().ifPresent(n -> d.put("line", n));
        l.column().ifPresent(n -> d.put("column", n));
        l.byteOffset().ifPresent(n -> d.put("byteOffset", n));
      });
      out.add(d.put("message", f.message()).put("change", f.remedy()).build());
    }
    return out;
  }

  @Override
  protected TextReportWriter.DataRenderer textData() {
    return (data, w) -> renderSummary(w);
  }

  private void renderSummary(PrintWriter w) {
    int n = validation == null ? 0 : validation.problems().size();
    w.println(n == 0 ? "  no problems found" : "  " + n + " problem" + (n == 1 ? "" : "s")
        + " (each above with file:line:column [key path] and the change to make)");
  }
}
