package org.portcullis.filter.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portcullis.filter.web.HostApplication;
import org.portcullis.filter.web.PageTemplate;

/**
 * The subject, text and HTML of every mail Portcullis sends, one set per purpose, read once at the start.
 * Each purpose is three files, {@code <purpose>.subject}, {@code <purpose>.txt} and {@code <purpose>.html}
 * (the HTML is optional); Portcullis' own are in its jar, and a host replaces any of them by putting a file
 * of the same name in {@code /WEB-INF/portcullis/mail/} of its WAR, beside its replaced pages:
 *
 * <pre>{@code
 * /WEB-INF/portcullis/mail/verify_email.subject     Confirm your address for {{app_name}}
 * /WEB-INF/portcullis/mail/verify_email.txt         Hello {{name}}, your code is {{code}}. ...
 * }</pre>
 *
 * A template names values as {@code {{name}}}, and shows a part only when a value is there as
 * {@code {{#link}}…{{/link}}}. In the HTML every value is HTML-escaped; in the subject line breaks are
 * removed. A template naming a value its purpose does not have stops the start, naming the file ({@link IllegalStateException}).
 */
public final class MailTemplates {

    /** The purposes, and the values each one's templates may name. */
    public static final Map<String, Set<String>> PURPOSES = Map.of(
            "add_email", Set.of("app_name", "email", "code", "minutes"),
            "verify_email", Set.of("app_name", "name", "email", "code", "link", "minutes"),
            "account_exists", Set.of("app_name", "email", "signin_link", "forgot_link"),
            "reset_password", Set.of("app_name", "name", "email", "code", "link", "minutes"),
            "invitation", Set.of("app_name", "inviter", "email", "code", "link", "valid_for"));

    private static final String OWN = "org/portcullis/filter/mail/templates/";
    private static final String HOST = "/WEB-INF/portcullis/mail/";
    private static final Pattern PLACE = Pattern.compile("\\{\\{([#/]?)([a-z_]+)}}");
    private static final int MAX_TEMPLATE_BYTES = 64 * 1024;

    private record Template(String subject, String text, String html) {
    }

    private final Map<String, Template> templates = new HashMap<>();
    private final String appName;

    /**
     * @param host    the web application, whose {@code /WEB-INF/portcullis/mail/} holds its replacements
     * @param appName what {@code {{app_name}}} says
     * @throws IllegalStateException when a host's template names a value its purpose does not have
     */
    public MailTemplates(HostApplication host, String appName) {
        this.appName = Objects.requireNonNull(appName, "appName");
        for (String purpose : PURPOSES.keySet()) {
            String subject = read(host, purpose + ".subject", true);
            String text = read(host, purpose + ".txt", true);
            String html = read(host, purpose + ".html", false);
            templates.put(purpose, new Template(subject.strip(), text, html));
        }
    }

    /**
     * The mail of {@code purpose} to {@code to} with {@code values} put in; {@code app_name} is given.
     *
     * @param values each value a template of the purpose may name; a missing one is empty
     */
    public Message render(String purpose, String to, Map<String, String> values) {
        Template template = templates.get(purpose);
        if (template == null) {
            throw new IllegalArgumentException("no mail template " + purpose);
        }
        Map<String, String> all = new HashMap<>(values);
        all.put("app_name", appName);
        String subject = fill(template.subject(), all, false).replaceAll("[\\r\\n]+", " ").strip();
        String html = template.html() == null ? null : fill(template.html(), all, true);
        return new Message(to, purpose, subject, fill(template.text(), all, false), html);
    }

    private static String fill(String template, Map<String, String> values, boolean escape) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        Matcher m = PLACE.matcher(template);
        int at = 0;
        String skipping = null;
        while (m.find()) {
            if (skipping == null) {
                out.append(template, at, m.start());
            }
            at = m.end();
            String kind = m.group(1);
            String name = m.group(2);
            String value = values.get(name);
            boolean present = value != null && !value.isEmpty();
            if (kind.equals("#")) {
                if (skipping == null && !present) {
                    skipping = name;
                }
            } else if (kind.equals("/")) {
                if (name.equals(skipping)) {
                    skipping = null;
                }
            } else if (skipping == null && present) {
                out.append(escape ? PageTemplate.escape(value) : value);
            }
        }
        if (skipping == null) {
            out.append(template, at, template.length());
        }
        return out.toString();
    }

    private static String read(HostApplication host, String file, boolean required) {
        Optional<byte[]> replaced = host.file(HOST + file);
        String text;
        if (replaced.isPresent()) {
            if (replaced.get().length > MAX_TEMPLATE_BYTES) {
                throw new IllegalStateException("mail template " + HOST + file + " is larger than 64 KiB");
            }
            text = new String(replaced.get(), StandardCharsets.UTF_8);
        } else {
            URL own = MailTemplates.class.getClassLoader().getResource(OWN + file);
            if (own == null) {
                if (required) {
                    throw new IllegalStateException("missing mail template " + OWN + file);
                }
                return null;
            }
            try (InputStream in = own.openStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read mail template " + file, e);
            }
        }
        String purpose = file.substring(0, file.indexOf('.'));
        Matcher m = PLACE.matcher(text);
        while (m.find()) {
            if (!PURPOSES.get(purpose).contains(m.group(2))) {
                throw new IllegalStateException("mail template " + (replaced.isPresent() ? HOST : OWN) + file + " names {{"
                        + m.group(1) + m.group(2) + "}}, which " + purpose + " mails do not have; they have "
                        + List.copyOf(new java.util.TreeSet<>(PURPOSES.get(purpose))));
            }
        }
        return text;
    }
}
