package org.xphonediag.core.config.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.config.ConfigSource;

/**
 * Reads the {@code <appSettings>} of an ASP.NET web.config (docs/field-guide.md#web-config) with the JDK's own SAX
 * parser, hardened: a DOCTYPE is refused outright, external entities and DTDs are never loaded,
 * and an entity resolver refuses anything that slips through. Keys are compared case-insensitively
 * and a repeated {@code <add>} silently wins in .NET ({@code KeyValueConfigurationCollection} does
 * not throw on duplicates), so each repetition is a WARN. {@code <remove>} and {@code <clear>} are
 * honoured. A syntax error stops reading; what was read before it is kept.
 */
public final class WebConfigReader {
  private static final Pattern ATTRIBUTE = Pattern.compile("\\s(key|value)\\s*=\\s*[\"']");

  /** One effective {@code <add key value>} with where its element and its value are. */
  public record AppSetting(String key, String value, int line, int column, int valueLine, int valueColumn) {}

  /** What was read. */
  public record Result(Map<String, AppSetting> settings, Optional<int[]> appSettingsAt, List<Finding> problems,
      boolean complete) {
    /** The effective setting for {@code key} (case-insensitive). */
    public Optional<AppSetting> setting(String key) {
      return Optional.ofNullable(settings.get(key.toLowerCase(Locale.ROOT)));
    }
  }

  private final ConfigSource source;
  private final TextPositions positions;
  private final Map<String, AppSetting> settings = new LinkedHashMap<>();
  private final List<Finding> problems = new ArrayList<>();
  private int[] appSettingsAt;

  private WebConfigReader(ConfigSource source) {
    this.source = source;
    this.positions = new TextPositions(source.text());
  }

  /** Reads {@code source}; never throws for bad content and never opens another file or URL. */
  public static Result read(ConfigSource source) {
    return new WebConfigReader(source).run();
  }

  /** The hardened parser factory (also used by tests to prove the XXE refusal). */
  static SAXParser newParser() throws ParserConfigurationException, SAXException {
    SAXParserFactory f = SAXParserFactory.newDefaultInstance();
    f.setNamespaceAware(false);
    f.setValidating(false);
    f.setXIncludeAware(false);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    SAXParser p = f.newSAXParser();
    p.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    p.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return p;
  }

  private Result run() {
    if (source.badByteOffset().isPresent()) {
      problems.add(Problems.badEncoding(source));
      return result(false);
    }
    try {
      XMLReader reader = newParser().getXMLReader();
      reader.setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external entity refused: web.config must not reference other files or URLs");
      });
      Handler h = new Handler();
      reader.setContentHandler(h);
      reader.setErrorHandler(h);
      reader.parse(new InputSource(new StringReader(source.text())));
      return result(true);
    } catch (SAXParseException e) {
      problems.add(syntax(Math.max(1, e.getLineNumber()), Math.max(0, e.getColumnNumber()), explain(e.getMessage())));
      return result(false);
    } catch (SAXException e) {
      problems.add(syntax(1, 0, explain(e.getMessage())));
      return result(false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's SAX parser lacks a hardening feature: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("reading from a String cannot fail: " + e.getMessage(), e);
    }
  }

  private Result result(boolean complete) {
    return new Result(Map.copyOf(settings), Optional.ofNullable(appSettingsAt), List.copyOf(problems), complete);
  }

  static String explain(String sax) {
    String m = sax == null ? "" : sax;
    if (m.contains("DOCTYPE") || m.contains("DTD")) {
      return "a DOCTYPE (DTD) is not allowed in web.config; it was refused and no entity or external file was read";
    }
    if (m.contains("external entity refused")) {
      return "an external entity was refused; web.config must not reference other files or URLs";
    }
    String one = m.replaceAll("\\s+", " ").strip();
    return one.length() > 200 ? one.substring(0, 200) + "..." : one;
  }

  private Finding syntax(int line, int column, String what) {
    return FindingCatalog.CONFIG_SYNTAX.finding(String.format(Locale.ROOT,
            "%s is not well-formed XML at line %d, column %d: %s", source.name(), line, column, what))
        .location(SourceLocation.of(source.name(), line, column))
        .remedy(String.format(Locale.ROOT, "Fix %s at line %d, column %d (%s); IIS does not start the Mobile web "
            + "app otherwise.", source.name(), line, column, what))
        .build();
  }

  /** Finds the start of the tag that ends just before the locator's position. */
  private int[] tagStart(Locator l) {
    int end = positions.offset(l.getLineNumber(), l.getColumnNumber());
    int start = source.text().lastIndexOf('<', Math.max(0, end - 1));
    return new int[] {Math.max(0, start), end};
  }

  private final class Handler extends DefaultHandler {
    private final Deque<String> stack = new ArrayDeque<>();
    private Locator locator;

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
      String parent = stack.peek();
      String grand = stack.size() >= 2 ? stack.toArray(new String[0])[1] : null;
      stack.push(qName);
      if (qName.equals("appSettings") && ("configuration".equals(parent) || "location".equals(parent))) {
        int[] se = tagStart(locator);
        appSettingsAt = new int[] {positions.line(se[0]), positions.column(se[0])};
        return;
      }
      if (!"appSettings".equals(parent) || !("configuration".equals(grand) || "location".equals(grand))) {
        return;
      }
      int[] se = tagStart(locator);
      int line = positions.line(se[0]);
      int col = positions.column(se[0]);
      String tag = source.text().substring(se[0], se[1]);
      switch (qName) {
        case "clear" -> settings.clear();
        case "remove" -> {
          String key = atts.getValue("key");
          if (key != null) {
            settings.remove(key.toLowerCase(Locale.ROOT));
          }
        }
        case "add" -> add(atts, tag, se[0], line, col);
        default -> { }
      }
    }

    private void add(Attributes atts, String tag, int start, int line, int col) {
      String key = atts.getValue("key");
      String value = atts.getValue("value");
      if (key == null) {
        problems.add(FindingCatalog.CONFIG_SYNTAX.finding(String.format(Locale.ROOT,
                "%s line %d: <add> in <appSettings> has no key attribute, which .NET rejects", source.name(), line))
            .location(SourceLocation.of(source.name(), line, col).withPath("appSettings"))
            .remedy("Give the element a key, e.g. <add key=\"WcfIPEndPoint\" value=\"...\"/>, or delete it.").build());
        return;
      }
      int valueOffset = start;
      Matcher m = ATTRIBUTE.matcher(tag);
      while (m.find()) {
        if (m.group(1).equals("value")) {
          valueOffset = start + m.end();
        }
      }
      AppSetting s = new AppSetting(key, value == null ? "" : value, line, col,
          positions.line(valueOffset), positions.column(valueOffset));
      AppSetting earlier = settings.put(key.toLowerCase(Locale.ROOT), s);
      if (earlier != null) {
        String how = earlier.key().equals(key) ? "" : " as '" + earlier.key() + "'";
        problems.add(FindingCatalog.CONFIG_DUPLICATE_KEY.finding(String.format(Locale.ROOT,
                "appSettings.%s: key '%s' is added twice, first%s at line %d, again at line %d (keys are compared "
                    + "case-insensitively); .NET silently uses the later one", key, key, how, earlier.line(), line))
            .location(SourceLocation.of(source.name(), line, col).withPath("appSettings." + key))
            .remedy(String.format(Locale.ROOT, "In %s delete one of the two <add key=\"%s\"> elements (lines %d and "
                + "%d) and keep the value you want.", source.name(), key, earlier.line(), line))
            .evidence("firstLine", earlier.line()).build());
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      stack.pop();
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public org.xml.sax.InputSource resolveEntity(String publicId, String systemId) throws SAXException {
      throw new SAXException("external entity refused: web.config must not reference other files or URLs");
    }
  }
}
