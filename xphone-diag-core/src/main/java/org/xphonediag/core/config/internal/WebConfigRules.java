package org.xphonediag.core.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;
import org.xphonediag.core.config.ConfigScenario;
import org.xphonediag.core.config.ConfigSource;
import org.xphonediag.core.config.IisPlacement;

/** The rules for {@code XPhoneMobile\web.config} (docs/field-guide.md#web-config). */
public final class WebConfigRules {
  static final String WCF = "WcfIPEndPoint";
  static final List<String> KNOWN = List.of(WCF, "PatternNamesUnavailable");

  private WebConfigRules() {}

  /** Applies the rules to a read file. */
  public static List<Finding> check(ConfigSource source, ConfigScenario scenario, WebConfigReader.Result read) {
    List<Finding> out = new ArrayList<>();
    for (WebConfigReader.AppSetting s : read.settings().values()) {
      if (KNOWN.stream().anyMatch(k -> k.equalsIgnoreCase(s.key()))) {
        continue;
      }
      Spelling.suggest(s.key(), KNOWN).ifPresent(k -> out.add(
          FindingCatalog.CONFIG_INVALID_ENTRY.finding(String.format(Locale.ROOT,
                  "appSettings.%s: unknown key '%s'; did you mean '%s'?", s.key(), s.key(), k))
              .location(SourceLocation.of(source.name(), s.line(), s.column()).withPath("appSettings." + s.key()))
              .remedy(String.format(Locale.ROOT, "In %s line %d change key=\"%s\" to key=\"%s\".", source.name(),
                  s.line(), s.key(), k))
              .build()));
    }
    Optional<WebConfigReader.AppSetting> wcf = read.setting(WCF);
    wcf.filter(s -> !s.value().isBlank() && Hosts.hostOf(s.value()).isEmpty()).ifPresent(s -> out.add(
        FindingCatalog.CONFIG_INVALID_ENTRY.finding(String.format(Locale.ROOT,
                "appSettings.%s is %s, which is not a host name or IP address", WCF, AspNetValues.quote(s.value())))
            .severity(Status.FAIL).location(valueAt(source, s))
            .remedy(String.format(Locale.ROOT, "In %s line %d set value=\"...\" of %s to the XPhone Server's host name "
                + "or IP (localhost when IIS runs on the server).", source.name(), s.valueLine(), WCF))
            .build()));
    if (scenario.iis() == IisPlacement.DMZ) {
      String server = scenario.server().map(h -> Hosts.hostOf(h).orElse(h)).orElse("SERVER");
      if (wcf.isEmpty() && read.complete()) {
        SourceLocation loc = read.appSettingsAt()
            .map(a -> SourceLocation.of(source.name(), a[0], a[1])).orElse(SourceLocation.of(source.name()))
            .withPath("appSettings." + WCF);
        out.add(FindingCatalog.CONFIG_WCF_ENDPOINT_LOCALHOST.finding(
                "appSettings." + WCF + " is missing, so the Mobile web app uses its default localhost, but IIS runs "
                    + "in the DMZ")
            .location(loc)
            .remedy(String.format(Locale.ROOT, "In %s add <add key=\"%s\" value=\"%s\"/> inside <appSettings> (the XPhone "
                + "Server's host name or IP), then restart the IIS default web site.", source.name(), WCF, server))
            .build());
      } else if (wcf.isPresent() && Hosts.isLocal(wcf.get().value())) {
        WebConfigReader.AppSetting s = wcf.get();
        String actual = s.value().isBlank() ? "empty" : AspNetValues.quote(s.value()) + " (this machine)";
        out.add(FindingCatalog.CONFIG_WCF_ENDPOINT_LOCALHOST.finding(String.format(Locale.ROOT,
                "appSettings.%s is %s, but IIS runs in the DMZ, so it must name the XPhone Server", WCF, actual))
            .location(valueAt(source, s))
            .remedy(String.format(Locale.ROOT, "In %s line %d change the element to <add key=\"%s\" value=\"%s\"/> (the XPhone "
                + "Server's host name or IP), then restart the IIS default web site.", source.name(), s.line(), s.key(), server))
            .build());
      }
    }
    return out;
  }

  /** The host of the effective, non-local WcfIPEndPoint, for the cross-file comparison. */
  public static Optional<String> remoteHost(WebConfigReader.Result read) {
    return read.setting(WCF).map(WebConfigReader.AppSetting::value).filter(v -> !Hosts.isLocal(v))
        .flatMap(Hosts::hostOf);
  }

  private static SourceLocation valueAt(ConfigSource source, WebConfigReader.AppSetting s) {
    return SourceLocation.of(source.name(), s.valueLine(), s.valueColumn()).withPath("appSettings." + s.key());
  }
}
