package org.xphonediag.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xphonediag.core.Finding;

/** Test fixtures under src/test/resources/config and small helpers. */
final class Fixtures {
  static final String LOCAL_SECRET = "xzno62nAX3oX3vYgwmTRUz/DLFvTFRgLq7sRHrfY21iV/Zmr";
  static final String DMZ_SECRET = "xLpgrRbQBpmiyUZ0WuKmskgjYXC1qbMTlxSG6p4Wk5rCNlWQ";
  static final ConfigScenario LOCAL = ConfigScenario.of(IisPlacement.LOCAL);
  static final ConfigScenario DMZ = ConfigScenario.of(IisPlacement.DMZ).withServer("xphone01.corp.example");

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/config/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    String s = new String(bytes(name), StandardCharsets.UTF_8);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/config/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static ConfigSource web(String text) {
    return ConfigSource.of("web.config", text);
  }

  static ConfigSource json(String text) {
    return ConfigSource.of("appsettings.json", text);
  }

  static ConfigValidation validate(ConfigScenario scenario, ConfigSource web, ConfigSource app) {
    return ConfigValidator.of(scenario).validate(Optional.ofNullable(web), Optional.ofNullable(app));
  }

  static ConfigValidation validateJson(ConfigScenario scenario, String json) {
    return validate(scenario, null, json(json));
  }

  static ConfigValidation validateWeb(ConfigScenario scenario, String xml) {
    return validate(scenario, web(xml), null);
  }

  static List<String> codes(ConfigValidation v) {
    return v.problems().stream().map(Finding::code).collect(Collectors.toList());
  }

  static Finding only(ConfigValidation v, String code) {
    List<Finding> f = v.problems().stream().filter(p -> p.code().equals(code)).collect(Collectors.toList());
    if (f.size() != 1) {
      throw new AssertionError("expected exactly one " + code + " but got " + v.problems());
    }
    return f.get(0);
  }

  /** A minimal appsettings.json with the given AppSettings members (JSON text) and a strong secret. */
  static String appSettings(String members) {
    return "{\n  \"AppSettings\": {\n    \"Secret\": \"" + LOCAL_SECRET + "\",\n" + members + "\n  }\n}\n";
  }

  /** A minimal web.config with the given appSettings elements. */
  static String webConfig(String adds) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <appSettings>\n" + adds
        + "\n  </appSettings>\n</configuration>\n";
  }
}
