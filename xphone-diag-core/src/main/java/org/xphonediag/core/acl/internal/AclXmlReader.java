package org.xphonediag.core.acl.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
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
import org.xphonediag.core.FindingCode;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;
import org.xphonediag.core.acl.AclList;
import org.xphonediag.core.acl.AclNode;
import org.xphonediag.core.acl.AclParseException;
import org.xphonediag.core.acl.AclType;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/**
 * Reads FreeSWITCH's {@code acl.conf.xml} ({@code <network-lists><list name default><node/>}) with
 * the JDK's SAX parser, hardened: no DOCTYPE at all, no external entities or DTDs, secure
 * processing limits. Every element's position is its {@code <} (line:column). Problems in a
 * well-formed file are collected as findings; the file is read to the end (DOMAIN §3.4).
 */
public final class AclXmlReader {
  /** The remedy of {@code config.syntax} findings about {@code acl.conf.xml}. */
  public static final String SYNTAX_REMEDY = "Fix acl.conf.xml at the given line and column, then run 'reloadacl' "
      + "on the XCC: FreeSWITCH logs an error for such a node or list and leaves it out.";

  /** The most nodes read from one file. */
  public static final int MAX_NODES = 1_000_000;

  /** What was read: the lists in file order and the problems found. */
  public record Result(List<AclList> lists, List<Finding> problems, int networkListsElements) {}

  private AclXmlReader() {}

  /** Parses {@code text}, naming it {@code source} in locations. */
  public static Result read(String text, String source) throws AclParseException {
    Handler h = new Handler(text, source);
    try {
      XMLReader reader = newReader();
      reader.setContentHandler(h);
      reader.setErrorHandler(h);
      reader.setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external entity refused (DTDs and external entities are never resolved)");
      });
      reader.parse(new InputSource(new StringReader(text)));
    } catch (SAXParseException e) {
      int line = Math.max(1, e.getLineNumber());
      int col = Math.max(0, e.getColumnNumber());
      throw new AclParseException(String.format(Locale.ROOT, "%s:%d:%d: acl.conf.xml is not well-formed XML: %s",
          source, line, col, e.getMessage()), SourceLocation.of(source, line, col), e);
    } catch (SAXException e) {
      throw new AclParseException(source + ": acl.conf.xml cannot be read: " + e.getMessage(),
          SourceLocation.of(source), e);
    } catch (IOException e) {
      throw new AclParseException(source + ": acl.conf.xml cannot be read: " + e.getMessage(),
          SourceLocation.of(source), e);
    }
    return new Result(List.copyOf(h.lists), List.copyOf(h.problems), h.networkLists);
  }

  private static XMLReader newReader() throws SAXException {
    try {
      SAXParserFactory f = SAXParserFactory.newInstance();
      f.setNamespaceAware(false);
      f.setValidating(false);
      f.setXIncludeAware(false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return f.newSAXParser().getXMLReader();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's SAX parser does not support the hardening features", e);
    }
  }

  private static final class Handler extends DefaultHandler {
    private final String text;
    private final String source;
    private final int[] lineStarts;
    private final Deque<String> stack = new ArrayDeque<>();
    private final List<AclList> lists = new ArrayList<>();
    private final List<Finding> problems = new ArrayList<>();
    private Locator locator;
    private int networkLists;
    private int totalNodes;
    // the list being read
    private String listName;
    private AclType listDefault;
    private SourceLocation listAt;
    private List<AclNode> listNodes;
    private int listDepth;

    Handler(String text, String source) {
      this.text = text;
      this.source = source;
      // counted first, so the index is allocated once at its size (millions of empty lines are input too)
      int lines = 1;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          lines++;
        }
      }
      int[] starts = new int[lines];
      int n = 1;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          starts[n++] = i + 1;
        }
      }
      lineStarts = starts;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
      String parent = stack.peek();
      stack.push(qName);
      if (qName.equals("network-lists")) {
        networkLists++;
      } else if (qName.equals("list") && "network-lists".equals(parent)) {
        startList(atts);
      } else if (qName.equals("node") && "list".equals(parent) && listNodes != null && stack.size() == listDepth + 1) {
        if (++totalNodes > MAX_NODES) {
          throw new SAXParseException("more than " + MAX_NODES + " nodes: the file exceeds the reading cap", locator);
        }
        readNode(atts);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      if (qName.equals("list") && listNodes != null && stack.size() == listDepth) {
        if (listName != null) {
          lists.add(AclList.read(listName, listDefault, listNodes, listAt));
        }
        listNodes = null;
      }
      stack.pop();
    }

    private void startList(Attributes atts) {
      listAt = here();
      listDepth = stack.size();
      listNodes = new ArrayList<>();
      listName = atts.getValue("name");
      String dflt = atts.getValue("default");
      listDefault = dflt == null ? AclType.ALLOW : AclType.fromAttribute(dflt);
      if (listName == null || listName.isEmpty()) {
        problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, listAt,
            "<list> needs a name attribute (FreeSWITCH skips a list without one)");
        listName = null;
        return;
      }
      if (dflt != null && !AclType.isPlain(dflt)) {
        problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, listAt, String.format(Locale.ROOT,
            "list '%s': default must be allow or deny but was '%s' (FreeSWITCH reads it as %s)",
            listName, dflt, listDefault.written()));
      }
      for (AclList earlier : lists) {
        if (earlier.name().equals(listName)) {
          problem(FindingCatalog.CONFIG_DUPLICATE_KEY, null, listAt, String.format(Locale.ROOT,
              "list '%s' is defined again (first at line %d); FreeSWITCH keeps the last definition",
              listName, earlier.location().flatMap(l -> l.line().isPresent()
                  ? java.util.Optional.of(l.line().getAsInt()) : java.util.Optional.empty()).orElse(0)));
        }
      }
    }

    private void readNode(Attributes atts) {
      if (listName == null) {
        return;
      }
      SourceLocation at = here();
      String typeText = atts.getValue("type");
      AclType type = typeText == null ? listDefault : AclType.fromAttribute(typeText);
      String where = "list '" + listName + "' node";
      if (typeText != null && !AclType.isPlain(typeText)) {
        problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, at, String.format(Locale.ROOT,
            "%s: type must be allow or deny but was '%s' (FreeSWITCH reads it as %s)", where, typeText, type.written()));
      }
      for (String portAttr : List.of("port", "ports", "port-min", "port-max")) {
        if (atts.getValue(portAttr) != null) {
          problem(FindingCatalog.ACL_NOT_EVALUABLE, null, at, String.format(Locale.ROOT,
              "%s: the %s restriction is not evaluated offline; the node is applied to every port", where, portAttr));
        }
      }
      String domain = atts.getValue("domain");
      String cidr = atts.getValue("cidr");
      String host = atts.getValue("host");
      String mask = atts.getValue("mask");
      if (domain != null) {
        listNodes.add(AclNode.read(AclNode.Kind.DOMAIN, type, null, "domain=" + domain, at));
        problem(FindingCatalog.ACL_NOT_EVALUABLE, null, at, String.format(Locale.ROOT,
            "%s: domain='%s' takes the cidr attributes of that directory's users, which are not known offline",
            where, domain));
      } else if (cidr != null) {
        for (String part : cidr.split(",", -1)) {
          readCidr(type, part.strip(), at, where);
        }
      } else if (host != null && mask != null) {
        readHostMask(type, host.strip(), mask.strip(), at, where);
      } else {
        listNodes.add(AclNode.read(AclNode.Kind.EMPTY, type, null, "(nothing)", at));
        problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, at, where
            + ": needs cidr, host and mask, or domain (FreeSWITCH ignores this node)");
      }
    }

    private void readCidr(AclType type, String cidr, SourceLocation at, String where) {
      if (cidr.contains("${")) {
        listNodes.add(AclNode.read(AclNode.Kind.CIDR, type, null, cidr, at));
        problem(FindingCatalog.ACL_NOT_EVALUABLE, null, at, String.format(Locale.ROOT,
            "%s: cidr '%s' holds a FreeSWITCH variable, expanded only on the XCC", where, cidr));
        return;
      }
      int slash = cidr.indexOf('/');
      if (slash < 0) {
        problem(FindingCatalog.CONFIG_SYNTAX, null, at, String.format(Locale.ROOT,
            "%s: cidr must be address/length (FreeSWITCH rejects a cidr without /n at load) but was '%s'", where, cidr));
        return;
      }
      Cidr c;
      try {
        c = Cidr.parse(cidr);
      } catch (IllegalArgumentException e) {
        problem(FindingCatalog.CONFIG_SYNTAX, null, at, String.format(Locale.ROOT,
            "%s: cidr must be an IPv4 or IPv6 prefix (FreeSWITCH rejects or misreads it) but %s", where, e.getMessage()));
        return;
      }
      listNodes.add(AclNode.read(AclNode.Kind.CIDR, type, c, cidr, at));
      if (c.prefixLength() == 0) {
        problem(FindingCatalog.ACL_UNDEFINED_NODE, null, at, c.network().equals(c.address())
            ? String.format(Locale.ROOT, "%s: '%s' has length /0, which never decides in FreeSWITCH (a node must "
                + "be longer than /0 to win the lookup); evaluated here as covering every address of its family",
                where, cidr)
            : String.format(Locale.ROOT, "%s: '%s' is /0 with a non-zero network, which FreeSWITCH compares as a "
                + "single address and never lets decide; evaluated here as covering every address of its family",
                where, cidr));
      } else if (c.isIpv4() && c.prefixLength() == 32 && c.address().equals(IpAddress.parse("0.0.0.0"))) {
        problem(FindingCatalog.ACL_UNDEFINED_NODE, null, at, String.format(Locale.ROOT,
            "%s: '%s' builds its mask with an undefined 32-bit shift in FreeSWITCH (on x86 it matches every IPv4 "
                + "address); evaluated here as the single address 0.0.0.0", where, cidr));
      }
    }

    private void readHostMask(AclType type, String host, String mask, SourceLocation at, String where) {
      String text = host + "/" + mask;
      IpAddress h = IpAddress.tryParse(host).orElse(null);
      IpAddress m = IpAddress.tryParse(mask).orElse(null);
      if (h == null || m == null) {
        problem(FindingCatalog.CONFIG_SYNTAX, null, at, String.format(Locale.ROOT,
            "%s: host and mask must be IP addresses but were host='%s' mask='%s'", where, host, mask));
        return;
      }
      if (h.isIpv6() || m.isIpv6()) {
        listNodes.add(AclNode.read(AclNode.Kind.HOST_MASK, type, null, text, at));
        problem(FindingCatalog.ACL_UNDEFINED_NODE, null, at, String.format(Locale.ROOT,
            "%s: host/mask accepts IPv4 only, but host='%s' mask='%s' (FreeSWITCH stores an undefined address); "
                + "the node is not evaluated, write cidr='…/n' instead", where, host, mask));
        return;
      }
      int len = contiguousLength(m.bytes());
      if (len < 0) {
        listNodes.add(AclNode.read(AclNode.Kind.HOST_MASK, type, null, text, at));
        problem(FindingCatalog.ACL_UNDEFINED_NODE, null, at, String.format(Locale.ROOT,
            "%s: mask must be contiguous ones then zeros but was '%s'; the node is not evaluated", where, mask));
        return;
      }
      listNodes.add(AclNode.read(AclNode.Kind.HOST_MASK, type, Cidr.of(h, len), text, at));
    }

    private static int contiguousLength(byte[] mask) {
      int bits = 0;
      boolean zeros = false;
      for (byte b : mask) {
        for (int i = 7; i >= 0; i--) {
          boolean one = (b >> i & 1) == 1;
          if (one && zeros) {
            return -1;
          }
          if (one) {
            bits++;
          } else {
            zeros = true;
          }
        }
      }
      return bits;
    }

    private void problem(FindingCode code, Status severity, SourceLocation at, String message) {
      Finding.Builder b = code.finding(message).location(at);
      if (code == FindingCatalog.CONFIG_SYNTAX) {
        b.remedy(SYNTAX_REMEDY);
      }
      if (severity != null) {
        b.severity(severity);
      }
      problems.add(b.build());
    }

    /** The position of the current element's {@code <}: SAX reports the end of the start tag. */
    private SourceLocation here() {
      int line = Math.max(1, locator.getLineNumber());
      int col = Math.max(1, locator.getColumnNumber());
      int lineIdx = Math.min(line - 1, lineStarts.length - 1);
      int offset = Math.min(text.length(), lineStarts[lineIdx] + col - 1);
      int lt = text.lastIndexOf('<', Math.max(0, offset - 1));
      if (lt < 0) {
        return SourceLocation.of(source, line, col);
      }
      int idx = Arrays.binarySearch(lineStarts, lt);
      int startLine = idx >= 0 ? idx : -idx - 2;
      return SourceLocation.of(source, startLine + 1, lt - lineStarts[startLine] + 1);
    }
  }
}
