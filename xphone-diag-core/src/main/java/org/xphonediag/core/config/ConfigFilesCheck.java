package org.xphonediag.core.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Status;

/**
 * The check {@code config.files}: reads the configured web.config and/or appsettings.json and
 * validates them with {@link ConfigValidator} (docs/field-guide.md#web-config, #appsettings-json). A file that cannot be read makes
 * the result ERROR (the check could not run); content problems are findings. Offline, no budget of
 * its own; cancellation is honoured between the files. Immutable and thread-safe.
 *
 * <pre>{@code
 * Check check = ConfigFilesCheck.of(ConfigScenario.of(IisPlacement.DMZ),
 *     Optional.of(Path.of("web.config")), Optional.of(Path.of("appsettings.json")));
 * }</pre>
 */
public final class ConfigFilesCheck implements Check {
  private static final String TITLE = "IIS configuration files (web.config, appsettings.json)";

  private final ConfigValidator validator;
  private final Optional<Path> webConfig;
  private final Optional<Path> appSettings;

  private ConfigFilesCheck(ConfigScenario scenario, Optional<Path> webConfig, Optional<Path> appSettings) {
    this.validator = ConfigValidator.of(scenario);
    this.webConfig = Objects.requireNonNull(webConfig, "webConfig");
    this.appSettings = Objects.requireNonNull(appSettings, "appSettings");
    if (webConfig.isEmpty() && appSettings.isEmpty()) {
      throw new IllegalArgumentException("config.files needs a web.config, an appsettings.json or both");
    }
  }

  /** A check of the given files (at least one). */
  public static ConfigFilesCheck of(ConfigScenario scenario, Optional<Path> webConfig, Optional<Path> appSettings) {
    return new ConfigFilesCheck(scenario, webConfig, appSettings);
  }

  @Override
  public CheckId id() {
    return CheckCatalog.CONFIG_FILES;
  }

  @Override
  public String title() {
    return TITLE;
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    Clock clock = context.clock();
    Instant start = clock.instant();
    Optional<ConfigSource> web;
    Optional<ConfigSource> app;
    try {
      context.checkCancelled();
      web = read(webConfig);
      context.checkCancelled();
      app = read(appSettings);
      context.checkCancelled();
    } catch (IOException e) {
      return CheckResult.error(CheckCatalog.CONFIG_FILES, TITLE, "cannot read a configuration file", e,
          Duration.between(start, clock.instant()));
    }
    ConfigValidation v = validator.validate(web, app);
    return result(v, Duration.between(start, clock.instant()));
  }

  /** The result for a validation, as this check reports it (also used by the CLI). */
  public static CheckResult result(ConfigValidation validation, Duration elapsed) {
    long fails = validation.problems().stream().filter(f -> f.severity().isWorseThan(Status.WARN)).count();
    long warns = validation.problems().stream().filter(f -> f.severity() == Status.WARN).count();
    String summary = validation.problems().isEmpty() ? "no problems found"
        : String.format(Locale.ROOT, "%d problem%s (%d FAIL, %d WARN)", validation.problems().size(),
            validation.problems().size() == 1 ? "" : "s", fails, warns);
    return CheckResult.builder(CheckCatalog.CONFIG_FILES).title(TITLE).summary(summary).findings(validation.problems())
        .details(validation.facts()).elapsed(elapsed).build();
  }

  private static Optional<ConfigSource> read(Optional<Path> file) throws IOException {
    return file.isPresent() ? Optional.of(ConfigSource.read(file.get())) : Optional.empty();
  }
}
