package org.portcullis.filter.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every word the pages show, from a bundle of messages: Portcullis' English one in the jar, each key the
 * host's {@code /WEB-INF/portcullis/messages.properties} gives replacing Portcullis' (UTF-8). Keys that
 * start with {@code error.} name an action's error {@code code}: the pages show that text instead of the
 * server's English message.
 *
 * <pre>{@code
 * # /WEB-INF/portcullis/messages.properties
 * signin.title = Anmelden
 * error.invalid_credentials = E-Mail oder Passwort ist falsch.
 * }</pre>
 */
public final class PageTexts {

    /** Where a host puts its own messages. */
    public static final String HOST_FILE = "/WEB-INF/portcullis/messages.properties";
    private static final String ERROR = "error.";
    private static final String SCRIPT = "script.";

    private final Map<String, String> texts;

    private PageTexts(Map<String, String> texts) {
        this.texts = Map.copyOf(texts);
    }

    /** Portcullis' messages with the host's on top. */
    public static PageTexts of(HostApplication host) {
        Map<String, String> texts = read(PageTexts.class.getResourceAsStream("messages.properties"), "messages.properties");
        host.file(HOST_FILE).ifPresent(bytes -> texts.putAll(read(new ByteArrayInputStream(bytes), HOST_FILE)));
        return new PageTexts(texts);
    }

    /** The text of {@code key}, if the bundle has one. */
    public Optional<String> text(String key) {
        return Optional.ofNullable(texts.get(key));
    }

    /**
     * What the script shows in the browser, as an inert {@code <template>} it reads: the {@code script.*}
     * texts by name and the {@code error.*} texts by error code.
     */
    public String forScript() {
        StringBuilder html = new StringBuilder("<template id=\"portcullis-texts\">");
        new TreeMap<>(texts).forEach((key, text) -> {
            if (key.startsWith(SCRIPT)) {
                html.append(span("data-text", key.substring(SCRIPT.length()), text));
            } else if (key.startsWith(ERROR)) {
                html.append(span("data-code", key.substring(ERROR.length()), text));
            }
        });
        return html.append("</template>").toString();
    }

    private static String span(String attribute, String name, String text) {
        return "<span " + attribute + "=\"" + PageTemplate.escape(name) + "\">" + PageTemplate.escape(text) + "</span>";
    }

    private static Map<String, String> read(InputStream in, String source) {
        if (in == null) {
            throw new IllegalStateException("missing page resource " + source);
        }
        Properties properties = new Properties();
        try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + source + ": " + e.getMessage(), e);
        }
        Map<String, String> texts = new TreeMap<>();
        properties.forEach((key, value) -> texts.put(((String) key).strip(), ((String) value).strip()));
        return texts;
    }
}
