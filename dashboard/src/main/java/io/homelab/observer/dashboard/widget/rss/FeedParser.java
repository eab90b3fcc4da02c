package io.homelab.observer.dashboard.widget.rss;

import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** RSS 2.0 and Atom with the JDK's XML parser, external entities and DTDs off (no XXE). */
final class FeedParser {

  private FeedParser() {}

  static List<FeedItem> parse(String xml, String source) {
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new IllegalArgumentException("not an RSS or Atom feed");
    }
    Element root = doc.getDocumentElement();
    String feedTitle = source;
    List<FeedItem> out = new ArrayList<>();
    boolean atom = "feed".equals(root.getTagName());
    if (feedTitle == null) {
      Element channel = atom ? root : first(root, "channel");
      feedTitle = channel == null ? null : text(channel, "title");
    }
    NodeList entries = root.getElementsByTagName(atom ? "entry" : "item");
    for (int i = 0; i < entries.getLength(); i++) {
      Element e = (Element) entries.item(i);
      String link;
      if (atom) {
        Element l = first(e, "link");
        link = l == null ? null : l.getAttribute("href");
      } else {
        link = text(e, "link");
      }
      if (link != null && !link.startsWith("http://") && !link.startsWith("https://")) {
        link = null;
      }
      String date = atom ? orElse(text(e, "updated"), text(e, "published")) : text(e, "pubDate");
      out.add(new FeedItem(orElse(text(e, "title"), "(untitled)"), link, feedTitle, date(date)));
    }
    return out;
  }

  private static Element first(Element parent, String tag) {
    NodeList l = parent.getElementsByTagName(tag);
    return l.getLength() == 0 ? null : (Element) l.item(0);
  }

  private static String text(Element parent, String tag) {
    Element e = first(parent, tag);
    return e == null ? null : e.getTextContent().trim();
  }

  private static String orElse(String a, String b) {
    return a == null || a.isEmpty() ? b : a;
  }

  static Instant date(String s) {
    if (s == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
