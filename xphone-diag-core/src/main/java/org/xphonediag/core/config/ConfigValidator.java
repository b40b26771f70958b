package org.xphonediag.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.config.internal.AppSettingsRules;
import org.xphonediag.core.config.internal.JsonConfigReader;
import org.xphonediag.core.config.internal.JsonNode;
import org.xphonediag.core.config.internal.WebConfigReader;
import org.xphonediag.core.config.internal.WebConfigRules;

/**
 * Validates {@code XPhoneMobile\web.config} and {@code WebClientApi\appsettings.json} against a
 * {@link ConfigScenario} and returns every problem at once (docs/field-guide.md#web-config, #appsettings-json, #proxies). Either file may
 * be absent. Immutable and thread-safe; no I/O beyond the given sources, no DNS.
 *
 * <p>Rules: {@code config.syntax} (with line and column), {@code config.duplicate-key} (keys
 * compared case-insensitively, as ASP.NET does), {@code config.wcf-endpoint-localhost},
 * {@code config.server-host-missing}, {@code config.jwt-lifetime-too-short},
 * {@code config.default-secret} (the Secret's value is never shown), {@code
 * config.signalr-debug-incomplete}, {@code config.signalr-longpolling-advised}, and {@code
 * config.invalid-entry} for unknown or misspelled keys ("did you mean") and values ASP.NET cannot
 * read. Values are read as ASP.NET reads them: every JSON scalar becomes a string and is
 * converted by the invariant-culture converter of its type.
 *
 * <pre>{@code
 * ConfigValidation v = ConfigValidator.of(ConfigScenario.of(IisPlacement.LOCAL))
 *     .validate(Optional.empty(), Optional.of(ConfigSource.read(Path.of("appsettings.json"))));
 * }</pre>
 */
public final class ConfigValidator {
  private final ConfigScenario scenario;

  private ConfigValidator(ConfigScenario scenario) {
    this.scenario = Objects.requireNonNull(scenario, "scenario");
  }

  /** A validator for {@code scenario}. */
  public static ConfigValidator of(ConfigScenario scenario) {
    return new ConfigValidator(scenario);
  }

  public ConfigScenario scenario() {
    return scenario;
  }

  /**
   * Validates the files that are given.
   *
   * @throws IllegalArgumentException when neither file is given
   */
  public ConfigValidation validate(Optional<ConfigSource> webConfig, Optional<ConfigSource> appSettings) {
    Objects.requireNonNull(webConfig, "webConfig");
    Objects.requireNonNull(appSettings, "appSettings");
    if (webConfig.isEmpty() && appSettings.isEmpty()) {
      throw new IllegalArgumentException("at least one of web.config and appsettings.json is needed");
    }
    List<Finding> problems = new ArrayList<>();
    Details.Builder facts = Details.builder().put("iis", scenario.iis().optionName());
    scenario.server().ifPresent(s -> facts.put("server", s));
    scenario.proxy().ifPresent(p -> facts.put("proxy", p));
    Optional<String> wcfHost = Optional.empty();
    if (webConfig.isPresent()) {
      ConfigSource src = webConfig.get();
      WebConfigReader.Result read = WebConfigReader.read(src);
      problems.addAll(inFileOrder(read.problems(), WebConfigRules.check(src, scenario, read)));
      wcfHost = WebConfigRules.remoteHost(read);
      facts.put("webConfig", src.name());
      read.setting("WcfIPEndPoint").ifPresent(s -> facts.put("wcfIpEndPoint", s.value()));
    }
    if (appSettings.isPresent()) {
      ConfigSource src = appSettings.get();
      JsonConfigReader.Result read = JsonConfigReader.read(src);
      problems.addAll(inFileOrder(read.problems(), AppSettingsRules.check(src, scenario, read, wcfHost)));
      facts.put("appSettings", src.name());
      Optional<JsonNode> app = read.root().member("AppSettings");
      app.flatMap(a -> a.member("XPhoneServerHost")).flatMap(JsonNode::configValue)
          .ifPresent(v -> facts.put("xphoneServerHost", v));
      app.flatMap(a -> a.member("JwtTokenLifetimeInMinutes")).flatMap(JsonNode::configValue)
          .ifPresent(v -> facts.put("jwtTokenLifetimeInMinutes", v));
      app.flatMap(a -> a.member("SignalRLongPolling")).flatMap(JsonNode::configValue)
          .ifPresent(v -> facts.put("signalRLongPolling", v));
      app.flatMap(a -> a.member("Secret")).flatMap(JsonNode::configValue)
          .ifPresent(v -> facts.put("secretLength", v.length()));
    }
    return new ConfigValidation(problems, facts.build());
  }

  /** One file's problems: syntax first, then by line and column (no line first), stable otherwise. */
  private static List<Finding> inFileOrder(List<Finding> read, List<Finding> rules) {
    List<Finding> all = new ArrayList<>(read);
    all.addAll(rules);
    all.sort(Comparator.comparingInt((Finding f) -> f.code().equals("config.syntax") ? 0 : 1)
        .thenComparingInt(f -> f.location().map(l -> l.line().orElse(0)).orElse(0))
        .thenComparingInt(f -> f.location().map(l -> l.column().orElse(0)).orElse(0)));
    return all;
  }

  /** Validates both files. */
  public ConfigValidation validate(ConfigSource webConfig, ConfigSource appSettings) {
    return validate(Optional.of(webConfig), Optional.of(appSettings));
  }
}
