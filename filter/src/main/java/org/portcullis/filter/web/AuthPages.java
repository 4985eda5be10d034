package org.portcullis.filter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Portcullis' own pages under {@code /auth/}: sign-in, sign-up, the account pages (e-mail code, forgotten
 * password, new password, the page of a mailed link) and sign-out, each inside one layout with the
 * application's name, and the script and stylesheet they share ({@link PageAssets}). Each page can be
 * switched off. A host replaces the layout or any page with its own file in
 * {@code /WEB-INF/portcullis/pages/<name>.html}, and any word through {@link PageTexts}; both are read
 * once, at start.
 *
 * <p>{@code /auth/signin?next=/path} sends the browser to {@code /path} after signing in, if that is a path
 * on this site; any other {@code next} is ignored. {@code ?email=} fills in the e-mail of the account pages.
 * Every value from the request is HTML-escaped ({@link PageTemplate}).
 */
public final class AuthPages {

    /** The sign-in page's path. */
    public static final String SIGNIN = "/auth/signin";
    /** The page of a mailed link: this prefix, then the link's token. */
    public static final String LINK = "/auth/link/";
    /** Where a host puts its own pages, {@code layout.html} and {@code <name>.html}. */
    public static final String HOST_PAGES = "/WEB-INF/portcullis/pages/";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,200}");
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final Set<String> PER_REQUEST = Set.of("context", "next", "email", "token");

    /** Which pages are on; the script and stylesheet are served while any is, or {@code /auth/me} is. */
    public record Switches(boolean signin, boolean signup, boolean account, boolean signout, boolean signedInAs,
                           boolean invitationRequired) {

        /** Switches of a site where anyone may sign up. */
        public Switches(boolean signin, boolean signup, boolean account, boolean signout, boolean signedInAs) {
            this(signin, signup, account, signout, signedInAs, false);
        }

        boolean anyPage() {
            return signin || signup || account || signout;
        }

        /** Whether a section {@code {{#name}}} of a page is kept: the page it links to is on. */
        boolean section(String name) {
            return switch (name) {
                case "signin" -> signin;
                case "signup" -> signup;
                case "account" -> account;
                case "signout" -> signout;
                case "invitation" -> invitationRequired;
                default -> throw new IllegalArgumentException("no section {{#" + name + "}}; use signin, signup, "
                        + "account, signout or invitation");
            };
        }
    }

    /** What a mailed link is for, as its page shows it. */
    public enum LinkKind { VERIFY_EMAIL, RESET_PASSWORD, INVITATION, DEAD }

    /** The pages: their file, their path (none for the link's pages) and whether they are on. */
    private enum Page {
        SIGNIN("signin", AuthPages.SIGNIN), SIGNUP("signup", "/auth/signup"), VERIFY("verify", "/auth/verify"),
        FORGOT("forgot", "/auth/forgot"), RESET("reset", "/auth/reset"), SIGNOUT("signout", "/auth/signout"),
        LINK_VERIFY("link-verify", LinkKind.VERIFY_EMAIL), LINK_RESET("link-reset", LinkKind.RESET_PASSWORD),
        LINK_INVITATION("link-invitation", LinkKind.INVITATION), LINK_DEAD("link-dead", LinkKind.DEAD);

        final String file;
        final String path;
        final LinkKind link;

        Page(String file, String path) {
            this.file = file;
            this.path = path;
            this.link = null;
        }

        Page(String file, LinkKind link) {
            this.file = file;
            this.path = null;
            this.link = link;
        }

        boolean on(Switches on) {
            return switch (this) {
                case SIGNIN -> on.signin();
                case SIGNUP -> on.signup();
                case SIGNOUT -> on.signout();
                default -> on.account();
            };
        }
    }

    private final Map<String, PageTemplate> byPath = new LinkedHashMap<>();
    private final Map<LinkKind, PageTemplate> links = new EnumMap<>(LinkKind.class);
    private final Function<String, LinkKind> linkLookup;
    private final PageAssets assets;
    private final boolean linkPages;

    /**
     * Reads and binds every page that is on.
     *
     * @param appName    the name the pages show
     * @param linkLookup what a mailed link's token is for, without consuming it ({@link LinkKind#DEAD} for none)
     * @throws IllegalArgumentException naming the file, for a host page that uses a place nothing fills
     */
    public AuthPages(Switches on, String appName, HostApplication host, Function<String, LinkKind> linkLookup) {
        this.linkLookup = linkLookup;
        this.assets = new PageAssets(host);
        this.linkPages = on.account();
        PageTexts texts = PageTexts.of(host);
        String layout = source(host, "layout");
        if (!layout.contains("{{content}}")) {
            throw new IllegalArgumentException("layout.html has no {{content}}, the place of each page's form");
        }
        for (Page page : Page.values()) {
            if (!page.on(on)) {
                continue;
            }
            String title = texts.text(page.file.replace('-', '.') + ".title").orElseThrow(
                    () -> new IllegalArgumentException("messages.properties has no " + page.file + ".title"));
            PageTemplate bound = PageTemplate.parse(page.file + ".html", layout.replace("{{content}}", source(host, page.file)))
                    .bind(on::section, texts::text, Map.of("app", appName, "title", title, "texts", texts.forScript()),
                            Set.of("texts"), PER_REQUEST);
            if (page.path != null) {
                byPath.put(page.path, bound);
            } else {
                links.put(page.link, bound);
            }
        }
        if (on.anyPage() || on.signedInAs()) {
            assets.paths().forEach(path -> byPath.put(path, null));
        }
    }

    /** The exact paths Portcullis answers: the pages that are on, and their script and stylesheet. */
    public List<String> paths() {
        return List.copyOf(byPath.keySet());
    }

    /** Whether the page of mailed links, under {@link #LINK}, is on. */
    public boolean linkPages() {
        return linkPages;
    }

    /**
     * Serves one of {@link #paths}.
     *
     * @throws ApiError 405 for a method other than GET or HEAD, written in {@link ErrorReplies.Shape#PLAIN}
     */
    public void serve(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        requireRead(request);
        PageTemplate page = byPath.get(path);
        if (page == null) {
            assets.serve(path, request, response);
            return;
        }
        Responses.html(request, response, 200, page.render(Map.of("context", request.getContextPath(),
                "next", next(request), "email", email(request))));
    }

    /**
     * Serves {@code /auth/link/<token>}: a page whose button redeems the link, or one saying it is dead.
     * Nothing changes here, whatever the method: mail scanners open links. The token goes only into the page;
     * the page sends no referrer and is never stored.
     *
     * @throws ApiError 405 for a method other than GET or HEAD
     */
    public void serveLink(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        requireRead(request);
        String token = path.substring(LINK.length());
        LinkKind kind = TOKEN.matcher(token).matches() ? linkLookup.apply(token) : LinkKind.DEAD;
        Responses.html(request, response, kind == LinkKind.DEAD ? 404 : 200, links.get(kind).render(Map.of(
                "context", request.getContextPath(), "token", kind == LinkKind.DEAD ? "" : token)));
    }

    private static void requireRead(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            throw ApiError.methodNotAllowed("GET, HEAD", "Pages are read with GET or HEAD.");
        }
    }

    /**
     * Where the sign-in page sends the browser afterwards: its {@code ?next=}, if that is a path on this
     * site ({@link SafeRedirect}), else nothing, and the page follows the action's own redirect.
     */
    private static String next(HttpServletRequest request) {
        String next = request.getParameter("next");
        return next != null && SafeRedirect.isRelative(next) ? next : "";
    }

    /** The {@code ?email=} the account pages fill in, if it could be an address at all. */
    private static String email(HttpServletRequest request) {
        String email = request.getParameter("email");
        return email != null && email.length() <= MAX_EMAIL_LENGTH ? email.strip() : "";
    }

    /** The host's page {@code name} if it has one, else Portcullis' own. */
    private static String source(HostApplication host, String name) {
        return host.file(HOST_PAGES + name + ".html").map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .orElseGet(() -> resource("pages/" + name + ".html"));
    }

    static String resource(String name) {
        try (InputStream in = AuthPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing page resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
