package org.portcullis.filter.routing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The left-hand side of a route: literal segments, at most one {@code {id}} segment, or a trailing
 * {@code /**} that covers the pattern's own path and everything below it. Literals match without regard
 * to case; the id segment must fit its {@link IdGrammar} exactly as the client spelled it.
 *
 * <pre>{@code
 * RoutePattern.parse("/notes");             // the collection
 * RoutePattern.parse("/notes/{id}");        // one note; {id:uuid} and {id:slug} select other grammars
 * RoutePattern.parse("/notes/{id}/export"); // literal segments may follow the id
 * RoutePattern.parse("/admin/**");          // /admin, /admin/x, /admin/x/y ...
 * }</pre>
 */
public final class RoutePattern {

    /** How a pattern matches, from least to most specific: the declaration order is the ranking. */
    enum Kind { PREFIX, INSTANCE, LITERAL }

    /** Most specific first: exact literal, then {@code {id}} (a later id wins), then the longest prefix. */
    static final Comparator<RoutePattern> SPECIFICITY = Comparator.comparing((RoutePattern p) -> p.kind)
            .thenComparingInt(p -> p.kind == Kind.INSTANCE ? p.idIndex : p.segments.size());

    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");

    private final String text;
    private final List<String> segments; // literals in lower case; the placeholder at idIndex
    private final int idIndex;           // -1 without an id
    private final Optional<IdGrammar> idGrammar;
    private final Kind kind;

    private RoutePattern(String text, List<String> segments, int idIndex, Optional<IdGrammar> idGrammar,
                         boolean prefix) {
        this.text = text;
        this.segments = List.copyOf(segments);
        this.idIndex = idIndex;
        this.idGrammar = idGrammar;
        this.kind = prefix ? Kind.PREFIX : idIndex >= 0 ? Kind.INSTANCE : Kind.LITERAL;
    }

    /**
     * Parses one pattern.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static RoutePattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("the pattern must start with '/'");
        }
        if (text.equals("/")) {
            throw new IllegalArgumentException("'/' alone cannot be a route; '/**' guards every path");
        }
        String[] parts = text.substring(1).split("/", -1);
        List<String> segments = new ArrayList<>();
        int idIndex = -1;
        Optional<IdGrammar> grammar = Optional.empty();
        boolean prefix = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("**")) {
                if (i != parts.length - 1) {
                    throw new IllegalArgumentException("'**' may only be the last segment");
                }
                prefix = true;
            } else if (part.contains("{") || part.contains("}")) {
                grammar = IdGrammar.ofPlaceholder(part);
                if (grammar.isEmpty()) {
                    throw new IllegalArgumentException("'" + part + "' is no placeholder; a placeholder is a whole"
                            + " segment: {id}, {id:uuid} or {id:slug}");
                }
                if (idIndex >= 0) {
                    throw new IllegalArgumentException("a pattern may hold only one {id}");
                }
                idIndex = segments.size();
                segments.add(part);
            } else if (LITERAL.matcher(part).matches() && !part.equals(".") && !part.equals("..")) {
                segments.add(part.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException(part.isEmpty() ? "empty segment (a doubled or trailing '/')"
                        : "segment '" + part + "' is not a literal of letters, digits, '.', '_', '~' or '-'");
            }
        }
        if (idIndex == 0) {
            // Nothing would tell which paths the route guards: a bad id anywhere would be refused.
            throw new IllegalArgumentException("{id} needs a literal segment before it, as in /notes/{id}");
        }
        if (prefix && idIndex >= 0) {
            throw new IllegalArgumentException("a pattern has an {id} or a trailing /**, not both");
        }
        return new RoutePattern(text, segments, idIndex, grammar, prefix);
    }

    /** The grammar of the {@code {id}} segment, or empty when the pattern names no instance. */
    public Optional<IdGrammar> idGrammar() {
        return idGrammar;
    }

    /** Whether the pattern ends in {@code /**}. */
    public boolean isPrefix() {
        return kind == Kind.PREFIX;
    }

    /** The pattern as written in the route table. */
    @Override
    public String toString() {
        return text;
    }

    /** A key equal for two patterns that would match the same paths: case and id grammar left out. */
    String shape() {
        List<String> shape = new ArrayList<>(segments);
        if (idIndex >= 0) {
            shape.set(idIndex, "{}");
        }
        return "/" + String.join("/", shape) + (kind == Kind.PREFIX ? "/**" : "");
    }

    /**
     * The first segment in lower case when it is a literal, or {@code null} when the pattern can
     * start with anything (an id first, or a bare {@code /**}).
     */
    String firstLiteral() {
        return segments.isEmpty() || idIndex == 0 ? null : segments.get(0);
    }

    /** The literal segments before the id (or all of them), written as a path: what the route guards. */
    String guardedPrefix() {
        return "/" + String.join("/", segments.subList(0, coverDepth()));
    }

    /** Whether the path matches exactly: literals in any case, the id as its grammar demands. */
    boolean matches(List<String> path) {
        return fits(path, false);
    }

    /** Whether only the id spoils an exact match. */
    boolean matchesButForId(List<String> path) {
        return idIndex >= 0 && fits(path, true);
    }

    /**
     * Whether the path is a look-alike: it matches once its segments are {@link #fold folded}
     * ({@code / notes}, {@code /ｎｏｔｅｓ}) and any id is allowed. A trimming or folding host router
     * would serve such a path as if it were this route.
     *
     * @param folded the path's segments, each {@link #fold folded}
     */
    boolean nearlyMatches(List<String> folded) {
        return fits(folded, true);
    }

    /**
     * Whether the path starts with the literal segments before the id (or all of them).
     *
     * @param folded the path's segments, each {@link #fold folded}
     */
    boolean covers(List<String> folded) {
        int depth = coverDepth();
        return folded.size() >= depth && sameLiterals(folded, depth);
    }

    /** The id segment of a path this pattern {@link #matches}, in its original case. */
    Optional<String> instanceId(List<String> path) {
        return idIndex < 0 ? Optional.empty() : Optional.of(path.get(idIndex));
    }

    /** How many literal segments {@link #covers} compares: those before the id, or all of them. */
    int coverDepth() {
        return idIndex >= 0 ? idIndex : segments.size();
    }

    private boolean fits(List<String> path, boolean anyId) {
        if (kind == Kind.PREFIX ? path.size() < segments.size() : path.size() != segments.size()) {
            return false;
        }
        boolean idFits = idIndex < 0 || anyId || idGrammar.orElseThrow().accepts(path.get(idIndex));
        return idFits && sameLiterals(path, segments.size());
    }

    /**
     * Compares the first {@code count} literals. {@code equalsIgnoreCase} rather than
     * {@code toLowerCase().equals}: it also folds characters such as U+0130 (İ) and U+212A (Kelvin sign)
     * onto ASCII, as a host router comparing that way would, so those spellings count as guarded too.
     */
    private boolean sameLiterals(List<String> path, int count) {
        for (int i = 0; i < count; i++) {
            if (i != idIndex && !path.get(i).equalsIgnoreCase(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A segment as a lenient host router might read it: compatibility characters folded (NFKC, so
     * fullwidth letters become ASCII) and white space at either end removed (Spring CVE-2016-5007).
     */
    static String fold(String segment) {
        if (printableAscii(segment)) {
            return segment; // NFKC leaves printable ASCII alone, and it has no white space to trim
        }
        String folded = Normalizer.normalize(segment, Normalizer.Form.NFKC);
        int start = 0;
        int end = folded.length();
        while (start < end && isBlank(folded.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(folded.charAt(end - 1))) {
            end--;
        }
        return folded.substring(start, end);
    }

    private static boolean printableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200b' || c == '\ufeff';
    }
}
