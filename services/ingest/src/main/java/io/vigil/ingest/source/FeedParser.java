package io.vigil.ingest.source;

import io.vigil.topics.events.Event;
import io.vigil.topics.events.NewsArticle;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RSS 2.0 (and RSS 1.0 items) and Atom 1.0 -> NewsArticles, with the JDK's DOM parser locked down: DOCTYPE
 * declarations are refused outright (no entity expansion, no XXE, no billion laughs), no external DTDs or
 * schemas, no XInclude. Stable id: {@code rss-} + hash of the guid (Atom id), else the link, else the title.
 */
public final class FeedParser {

    private static final Pattern TAGS = Pattern.compile("<[^>]{0,2000}>");

    private FeedParser() {
    }

    static DocumentBuilder secureBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
    }

    /** @param source e.g. {@code rss:example.com} */
    public static List<NewsArticle> parse(byte[] xml, String source, Instant now) {
        Document doc;
        try {
            doc = secureBuilder().parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException e) {
            throw new InputException("feed is not well-formed XML (or declares a DOCTYPE): " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        List<NewsArticle> out = new ArrayList<>();
        boolean atom = "feed".equals(root.getLocalName());
        String feedLang = atom ? attr(root, "lang") : firstText(root, "language");
        NodeList items = root.getElementsByTagNameNS("*", atom ? "entry" : "item");
        for (int i = 0; i < items.getLength(); i++) {
            Element it = (Element) items.item(i);
            NewsArticle a = atom ? atomEntry(it, source, now, feedLang) : rssItem(it, source, now, feedLang);
            if (a != null) out.add(a);
        }
        return out;
    }

    private static NewsArticle rssItem(Element it, String source, Instant now, String lang) {
        String title = clean(firstText(it, "title"));
        String link = firstText(it, "link");
        if (link == null) link = attr(it, "about");
        String guid = firstText(it, "guid");
        String body = clean(firstText(it, "description"));
        if (title == null || title.isBlank()) title = body;
        if (title == null || title.isBlank()) return null;
        Instant at = parseTime(firstText(it, "pubDate"));
        if (at == null) at = parseTime(firstText(it, "date")); // dc:date in RSS 1.0
        return article(guid, link, title, body, at == null ? now : at, source, lang);
    }

    private static NewsArticle atomEntry(Element e, String source, Instant now, String lang) {
        String title = clean(firstText(e, "title"));
        String link = null;
        NodeList links = e.getElementsByTagNameNS("*", "link");
        for (int i = 0; i < links.getLength(); i++) {
            Element l = (Element) links.item(i);
            String rel = l.getAttribute("rel");
            if (rel.isEmpty() || rel.equals("alternate")) {
                link = l.getAttribute("href");
                break;
            }
        }
        String body = clean(firstText(e, "summary"));
        if (body == null) body = clean(firstText(e, "content"));
        if (title == null || title.isBlank()) return null;
        Instant at = parseTime(firstText(e, "published"));
        if (at == null) at = parseTime(firstText(e, "updated"));
        String entryLang = attr(e, "lang");
        return article(firstText(e, "id"), link, title, body, at == null ? now : at, source, entryLang != null ? entryLang : lang);
    }

    private static NewsArticle article(String guid, String link, String title, String body, Instant at, String source, String lang) {
        String key = guid != null && !guid.isBlank() ? guid.strip() : link != null && !link.isBlank() ? link.strip() : title;
        if (title.length() > 2000) title = title.substring(0, 2000);
        return new NewsArticle(Ids.hashed("rss", key), at, source, Event.CURRENT_VERSION, title,
                body == null || body.isBlank() ? null : body, link == null || link.isBlank() ? null : link.strip(),
                lang == null || lang.isBlank() ? null : lang.strip(), null, null);
    }

    static Instant parseTime(String s) {
        if (s == null || s.isBlank()) return null;
        String t = s.strip();
        try {
            return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            // not RFC 822/1123: try ISO-8601 (Atom, dc:date)
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    private static String firstText(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) return e.getTextContent();
        }
        return null;
    }

    private static String attr(Element e, String localName) {
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            Node a = e.getAttributes().item(i);
            if (localName.equals(a.getLocalName())) return a.getNodeValue();
        }
        return null;
    }

    /** Descriptions are often escaped HTML: drop tags and decode the few entities feeds use. */
    private static String clean(String s) {
        if (s == null) return null;
        String t = TAGS.matcher(s).replaceAll(" ").replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
        return t.replaceAll("\\s+", " ").strip();
    }
}
