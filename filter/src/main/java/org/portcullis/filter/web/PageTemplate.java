package org.portcullis.filter.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page's HTML with {@code {{name}}} places, filled in two steps: once at start with what every request
 * shares (the messages, the application's name, whole sections kept or dropped), then per request with
 * that request's values. Every value is HTML-escaped as it goes in, and the text is read once, so a value
 * that looks like a place (an e-mail {@code {{context}}@x.org}) stays text.
 *
 * <pre>{@code
 * PageTemplate page = PageTemplate.parse("signin", "{{#signup}}<a href=\"{{context}}/auth/signup\">{{msg:go}}</a>{{/signup}}")
 *         .bind(name -> name.equals("signup"), key -> Optional.of("Sign up"), Map.of(), Set.of("context"));
 * page.render(Map.of("context", "/app"));  // <a href="/app/auth/signup">Sign up</a>
 * }</pre>
 */
public final class PageTemplate {

    private static final Pattern PLACE = Pattern.compile("\\{\\{([a-zA-Z][a-zA-Z0-9_.:-]*)}}");
    private static final Pattern SECTION = Pattern.compile("\\{\\{#([a-z][a-z0-9_-]*)}}(.*?)\\{\\{/\\1}}", Pattern.DOTALL);
    private static final String MESSAGE = "msg:";

    /** A piece of the page: literal HTML, or the name of a place to fill per request. */
    private record Part(String html, String place) {
    }

    private final String source;
    private final List<Part> parts;

    private PageTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /** The template {@code text}; {@code source} names it in messages (a file name). */
    public static PageTemplate parse(String source, String text) {
        return new PageTemplate(source, List.of(new Part(text, null)));
    }

    /**
     * Fills what every request shares and keeps only the request's places.
     *
     * @param sections  whether {@code {{#name}}…{{/name}}} is kept (its inside) or dropped
     * @param messages  the text of {@code {{msg:key}}}, escaped
     * @param shared    values every request shares: escaped unless named in {@code html}
     * @param perRequest the places left for {@link #render}
     * @throws IllegalArgumentException naming the source and the place, for a message or place nobody fills
     */
    public PageTemplate bind(Predicate<String> sections, Function<String, Optional<String>> messages,
                             Map<String, String> shared, Set<String> perRequest) {
        return bind(sections, messages, shared, Set.of(), perRequest);
    }

    /** As {@link #bind(Predicate, Function, Map, Set)}; the {@code shared} values named in {@code html} go in as they are. */
    public PageTemplate bind(Predicate<String> sections, Function<String, Optional<String>> messages,
                             Map<String, String> shared, Set<String> html, Set<String> perRequest) {
        String text = text();
        Matcher section = SECTION.matcher(text);
        text = section.replaceAll(m -> Matcher.quoteReplacement(sections.test(m.group(1)) ? m.group(2) : ""));
        List<Part> bound = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        StringBuilder literal = new StringBuilder();
        Matcher place = PLACE.matcher(text);
        int at = 0;
        while (place.find()) {
            between(text, at, place.start(), literal, unknown);
            at = place.end();
            String name = place.group(1);
            if (name.startsWith(MESSAGE)) {
                Optional<String> message = messages.apply(name.substring(MESSAGE.length()));
                message.ifPresentOrElse(m -> literal.append(escape(m)), () -> unknown.add(name));
            } else if (shared.containsKey(name)) {
                literal.append(html.contains(name) ? shared.get(name) : escape(shared.get(name)));
            } else if (perRequest.contains(name)) {
                bound.add(new Part(literal.toString(), null));
                literal.setLength(0);
                bound.add(new Part(null, name));
            } else {
                unknown.add(name);
            }
        }
        between(text, at, text.length(), literal, unknown);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(source + " uses " + unknown + ", which nothing fills; use the places "
                    + "of Portcullis' own " + source + " (docs/actions.md, Pages)");
        }
        bound.add(new Part(literal.toString(), null));
        return new PageTemplate(source, bound);
    }

    /** Copies the HTML between two places; a {@code {{} there is a place misspelt, or a section left open. */
    private static void between(String text, int from, int to, StringBuilder literal, Set<String> unknown) {
        String html = text.substring(from, to);
        int brace = html.indexOf("{{");
        if (brace >= 0) {
            unknown.add(html.substring(brace, Math.min(html.length(), brace + 30)).split("\\s")[0]);
        }
        literal.append(html);
    }

    /** The page for one request: each place left by {@link #bind} filled from {@code values}, escaped. */
    public String render(Map<String, String> values) {
        StringBuilder page = new StringBuilder();
        for (Part part : parts) {
            page.append(part.place() == null ? part.html() : escape(values.getOrDefault(part.place(), "")));
        }
        return page.toString();
    }

    /** The text as it is, places included: for a page that goes inside another before either is bound. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            text.append(part.place() == null ? part.html() : "{{" + part.place() + "}}");
        }
        return text.toString();
    }

    /** {@code s} safe inside HTML text and quoted attribute values. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&#39;").replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
