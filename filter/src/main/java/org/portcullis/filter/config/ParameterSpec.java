package org.portcullis.filter.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One parameter, declared once: its name, kind, default, allowed values, a one-line doc and an example.
 * Reading it ({@link Parameters#get}), refusing a name that is no parameter, and the reference table in
 * docs/configuration.md (checked by a test) all start from the specs a settings record declares.
 *
 * <pre>{@code
 * static final ParameterSpec<Integer> COST = ParameterSpec.integer("bcrypt.cost", 11, 10, 16,
 *         "bcrypt work factor", "12");
 * int cost = parameters.get(COST);   // 11 when not given; "4" stops the start naming bcrypt.cost
 * }</pre>
 *
 * @param <T> the value's type once read
 */
public final class ParameterSpec<T> {

    /** What a value looks like. */
    public enum Kind { TEXT, LINES, BOOLEAN, INTEGER, DURATION, CHOICE, SECRET, SECRETS, LIST, PATH }

    /** Turns a given, non-blank value into {@code T}; a value it cannot use is an {@link IllegalArgumentException}. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String value);
    }

    private static final Pattern ORIGIN = Pattern.compile(
            "https?://[a-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+](:[0-9]{1,5})?");
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}");

    private final String name;
    private final Kind kind;
    private final String literalDefault;
    private final String describedDefault;
    private final Supplier<T> fallback;
    private final String range;
    private final String doc;
    private final String example;
    private final Parser<T> parser;

    private ParameterSpec(String name, Kind kind, String literalDefault, String describedDefault, Supplier<T> fallback,
                          String range, String doc, String example, Parser<T> parser) {
        this.name = Objects.requireNonNull(name);
        this.kind = kind;
        this.literalDefault = literalDefault;
        this.describedDefault = describedDefault;
        this.fallback = fallback;
        this.range = range;
        this.doc = doc;
        this.example = example;
        this.parser = parser;
    }

    private static <T> ParameterSpec<T> spec(String name, Kind kind, String literalDefault, String range, String doc,
                                             String example, Parser<T> parser, T absent) {
        T fallback = literalDefault == null ? absent : parser.parse(literalDefault);
        return new ParameterSpec<>(name, kind, literalDefault, null, () -> fallback, range, doc, example, parser);
    }

    /** Free text, absent ({@code null}) when not given. */
    static ParameterSpec<String> text(String name, String doc, String example) {
        return spec(name, Kind.TEXT, null, null, doc, example, value -> value, null);
    }

    /** Free text with a default. */
    static ParameterSpec<String> text(String name, String fallback, String doc, String example) {
        return spec(name, Kind.TEXT, fallback, null, doc, example, value -> value, null);
    }

    /** Several lines, each an item of a repeated group (e.g. one route a line); empty when not given. */
    static ParameterSpec<String> lines(String name, String doc, String example) {
        return spec(name, Kind.LINES, null, null, doc, example, value -> value, "");
    }

    /**
     * Several lines read into one value by {@code parser} (e.g. one profile field a line), {@code empty}
     * when not given; the parser's message names the line.
     */
    static <T> ParameterSpec<T> linesOf(String name, String doc, String example, Parser<T> parser, T empty) {
        return spec(name, Kind.LINES, null, null, doc, example, parser, empty);
    }

    /** Text that must match {@code regex} entirely; {@code fix} says what to write instead. */
    static ParameterSpec<String> matching(String name, String fallback, String regex, String fix, String doc,
                                          String example) {
        Pattern pattern = Pattern.compile(regex);
        return spec(name, Kind.TEXT, fallback, null, doc, example, value -> {
            if (!pattern.matcher(value).matches()) {
                throw new IllegalArgumentException("'" + value + "' is not allowed; " + fix);
            }
            return value;
        }, null);
    }

    /** {@code true}/{@code false}, also {@code yes}/{@code no} and {@code on}/{@code off}. */
    static ParameterSpec<Boolean> bool(String name, boolean fallback, String doc) {
        return spec(name, Kind.BOOLEAN, String.valueOf(fallback), null, doc, String.valueOf(!fallback), value ->
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> true;
                    case "false", "no", "off" -> false;
                    default -> throw new IllegalArgumentException("'" + value + "' is not a boolean; use true or false");
                }, null);
    }

    /** A whole number from {@code min} to {@code max}. */
    static ParameterSpec<Integer> integer(String name, int fallback, int min, int max, String doc, String example) {
        return spec(name, Kind.INTEGER, String.valueOf(fallback), min + " to " + max, doc, example, value -> {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("'" + value + "' must be a whole number from " + min + " to " + max);
        }, null);
    }

    /**
     * An ISO-8601 duration from {@code min} to {@code max}; a {@code min} of zero means off, a {@code min}
     * under a second takes any positive duration.
     */
    static ParameterSpec<Duration> duration(String name, Duration fallback, Duration min, Duration max, String doc,
                                            String example) {
        String range = min.isZero() ? "PT0S (off) to " + show(max)
                : min.compareTo(Duration.ofSeconds(1)) < 0 ? "more than PT0S and at most " + show(max)
                : show(min) + " to " + show(max);
        return spec(name, Kind.DURATION, show(fallback), range, doc, example, value -> {
            try {
                Duration parsed = Duration.parse(value);
                if (parsed.compareTo(min) >= 0 && parsed.compareTo(max) <= 0) {
                    return parsed;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw new IllegalArgumentException("'" + value + "' must be an ISO-8601 duration "
                    + (range.startsWith("more") ? "of " : "from ") + range + ", e.g. " + example);
        }, null);
    }

    /** One of an enum's constants, written in lower case with {@code -} for {@code _}. */
    static <E extends Enum<E>> ParameterSpec<E> choice(String name, E fallback, Class<E> type, String doc,
                                                       String example) {
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(ParameterSpec::spelling).toList();
        return spec(name, Kind.CHOICE, spelling(fallback), String.join(", ", allowed), doc, example, value -> {
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + value + "' is not one of " + allowed);
            }
        }, null);
    }

    /** A secret of at least {@code minBytes} bytes (UTF-8), absent when not given; never quoted in a message. */
    static ParameterSpec<byte[]> secret(String name, int minBytes, String doc, String example) {
        return spec(name, Kind.SECRET, null, "at least " + minBytes + " bytes", doc, example, value -> {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < minBytes) {
                throw new IllegalArgumentException("is " + bytes.length + " bytes; use at least " + minBytes
                        + " random bytes (e.g. `openssl rand -base64 48`), or leave it out to have one generated");
            }
            return bytes;
        }, null);
    }

    /** Secrets separated by commas or white space, each of at least {@code minBytes} bytes; empty when not given. */
    static ParameterSpec<List<byte[]>> secrets(String name, int minBytes, String doc, String example) {
        return spec(name, Kind.SECRETS, null, "each at least " + minBytes + " bytes", doc, example, value -> {
            List<byte[]> out = new ArrayList<>();
            for (String one : value.split("[\\s,]+")) {
                if (one.isEmpty()) {
                    continue;
                }
                byte[] bytes = one.getBytes(StandardCharsets.UTF_8);
                if (bytes.length < minBytes) {
                    throw new IllegalArgumentException("holds a secret of " + bytes.length + " bytes; each must be at"
                            + " least " + minBytes + " bytes");
                }
                out.add(bytes);
            }
            return List.copyOf(out);
        }, List.of());
    }

    /** Comma-separated origins ({@code scheme://host[:port]}), lower-cased; empty when not given. */
    static ParameterSpec<List<String>> origins(String name, String doc, String example) {
        return spec(name, Kind.LIST, null, null, doc, example, value -> {
            List<String> origins = items(value).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            for (String origin : origins) {
                if (!ORIGIN.matcher(origin).matches()) {
                    throw new IllegalArgumentException("'" + origin
                            + "' is not an origin; use scheme://host[:port] with no path, e.g. https://app.example.com");
                }
            }
            return origins;
        }, List.of());
    }

    /** Comma-separated group names. */
    static ParameterSpec<List<String>> groups(String name, String fallback, String doc, String example) {
        return spec(name, Kind.LIST, fallback, null, doc, example, value -> {
            List<String> groups = items(value);
            for (String group : groups) {
                if (!GROUP_NAME.matcher(group).matches()) {
                    throw new IllegalArgumentException("group name '" + group
                            + "' must be 1 to 100 letters, digits, '.', '_' or '-'");
                }
            }
            return groups;
        }, List.of());
    }

    /** A file-system path, absent when not given. */
    static ParameterSpec<Path> path(String name, String doc, String example) {
        return spec(name, Kind.PATH, null, null, doc, example, value -> {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'" + value + "' is not a path here: " + e.getReason());
            }
        }, null);
    }

    /**
     * This spec with a default that is worked out when read rather than written down, e.g. the number of
     * cores; {@code described} says what it is in the reference table.
     */
    ParameterSpec<T> defaultingTo(Supplier<T> computed, String described) {
        return new ParameterSpec<>(name, kind, null, described, computed, range, doc, example, parser);
    }

    /** As {@link #defaultingTo}, for a default the settings record works out itself, or none at all. */
    ParameterSpec<T> documentedAs(String described) {
        return new ParameterSpec<>(name, kind, literalDefault, described, fallback, range, doc, example, parser);
    }

    /** A duration as one would write it: {@code P30D} rather than {@code PT720H}. */
    private static String show(Duration duration) {
        long days = duration.toDays();
        return days > 0 && Duration.ofDays(days).equals(duration) ? "P" + days + "D" : duration.toString();
    }

    private static List<String> items(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value given: {@code value} is resolved, stripped and not empty. */
    T parse(String value) {
        try {
            return parser.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, e.getMessage());
        }
    }

    /** The value when the parameter is not given (or given empty): the default, or {@code null}/empty. */
    T fallback() {
        return fallback.get();
    }

    /** The name as written in {@code web.xml}, e.g. {@code bcrypt.cost}. */
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The default as a value would be written, e.g. {@code PT1H}; empty when there is none or it is worked out. */
    public Optional<String> literalDefault() {
        return Optional.ofNullable(literalDefault);
    }

    /**
     * The default as the reference table shows it: {@code `PT1H`} for a written-down one, else the words
     * that say what it is, or {@code none}.
     */
    public String documentedDefault() {
        if (describedDefault != null) {
            return describedDefault;
        }
        return literalDefault != null ? "`" + literalDefault + "`" : "none";
    }

    /** The values allowed, e.g. {@code 10 to 16}; empty when any value of its kind goes. */
    public Optional<String> range() {
        return Optional.ofNullable(range);
    }

    /** One line on what it does. */
    public String doc() {
        return doc;
    }

    /** A value one might set, e.g. {@code 12}. */
    public String example() {
        return example;
    }

    @Override
    public String toString() {
        return name + " (" + kind.name().toLowerCase(Locale.ROOT) + ", default " + documentedDefault() + ")";
    }
}
