package org.portcullis.filter.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The profile fields an account may carry (CONTRACT §7, Appspanel's custom fields, SOAJS' {@code profile}):
 * one {@code NAME = TYPE [required] [max=N] [pattern=REGEX] [admin]} a line. Blank lines and lines starting
 * with {@code #} are ignored. A line that cannot be used stops the start naming its line number and the
 * problem. {@code accounts.ProfileFields} checks the values written against these declarations.
 *
 * <pre>{@code
 * <init-param><param-name>profile.fields</param-name><param-value>
 *   # shown to the user, written at sign-up and by PATCH
 *   team     = string max=40 pattern=[a-z-]+
 *   birthday = date
 *   phone    = phone required
 *   tier     = integer max=3 admin
 * </param-value></init-param>
 * }</pre>
 *
 * @param fields {@code profile.fields}: the declared fields in the order given; empty when none
 */
public record ProfileSettings(List<Field> fields) {

    /** Longest field name; names are {@code [a-z][a-z0-9_]{0,39}}. */
    public static final int MAX_NAME_LENGTH = 40;
    /** The column that holds a profile: its JSON text must fit these many characters. */
    public static final int MAX_STORED_CHARACTERS = 4000;
    /** Most fields one may declare. */
    public static final int MAX_FIELDS = 100;
    /** Longest regular expression accepted in {@code pattern=}. */
    public static final int MAX_PATTERN_LENGTH = 500;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    /** Names JavaScript clients would trip over when they copy a profile into an object. */
    private static final Set<String> RESERVED = Set.of("constructor", "prototype", "hasownproperty", "tostring",
            "valueof");
    private static final String FORM = "expected NAME = TYPE [required] [max=N] [pattern=REGEX] [admin], e.g."
            + " 'team = string max=40'";

    /** What a field holds; {@code max} and {@code pattern} apply as each constant says. */
    public enum Type {
        /** Text without control characters (tab and line breaks aside); {@code max} characters, default 1000. */
        STRING(1000, MAX_STORED_CHARACTERS, true),
        /** A whole number in the 64-bit range; {@code max} is the largest value allowed. */
        INTEGER(Long.MAX_VALUE, Long.MAX_VALUE, false),
        /** {@code true} or {@code false}; takes no {@code max}. */
        BOOLEAN(0, 0, false),
        /** An ISO date, {@code yyyy-MM-dd}; takes no {@code max}. */
        DATE(0, 0, false),
        /** An e-mail address of a plausible shape, stored lower case; {@code max} characters, default 254. */
        EMAIL(254, 254, true),
        /** An absolute {@code http} or {@code https} URL; {@code max} characters, default 2000. */
        URL(2000, MAX_STORED_CHARACTERS, true),
        /** {@code +} and 7 to 15 digits (spaces and dashes allowed), stored as {@code +} and the digits; no {@code max}. */
        PHONE(0, 0, true),
        /** Any JSON value; {@code max} bytes of its UTF-8 JSON text, default 4000. */
        JSON(MAX_STORED_CHARACTERS, MAX_STORED_CHARACTERS, false);

        private final long defaultMax;
        private final long largestMax;
        private final boolean takesPattern;

        Type(long defaultMax, long largestMax, boolean takesPattern) {
            this.defaultMax = defaultMax;
            this.largestMax = largestMax;
            this.takesPattern = takesPattern;
        }

        /** Whether {@code max=N} means anything for this type. */
        public boolean takesMax() {
            return largestMax > 0;
        }

        public boolean takesPattern() {
            return takesPattern;
        }

        /** As written in {@code profile.fields}, e.g. {@code string}. */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One declared field.
     *
     * @param max     characters, bytes or the largest value, as {@link Type} says; the type's default when not
     *                given, 0 for the types that take none
     * @param pattern a regular expression the whole value must match, if given
     * @param admin   only administrators write it
     * @param line    the line of {@code profile.fields} that declares it, for messages
     */
    public record Field(String name, Type type, boolean required, long max, Optional<Pattern> pattern, boolean admin,
                        int line) {
    }

    static final ParameterSpec<ProfileSettings> FIELDS = ParameterSpec.linesOf("profile.fields",
            "the profile fields accounts carry, one NAME = TYPE [required] [max=N] [pattern=REGEX] [admin] per line",
            "team = string max=40", ProfileSettings::parse, new ProfileSettings(List.of()));

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(FIELDS);

    public ProfileSettings {
        fields = List.copyOf(fields);
    }

    public static ProfileSettings from(Parameters p) {
        return p.get(FIELDS);
    }

    /**
     * Reads {@code profile.fields}' text.
     *
     * @throws IllegalArgumentException naming the line number, quoting the line and saying what is wrong
     */
    static ProfileSettings parse(String text) {
        List<Field> fields = new ArrayList<>();
        Map<String, Integer> lineOfName = new HashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            try {
                Field field = parseLine(line, number);
                Integer earlier = lineOfName.putIfAbsent(field.name(), number);
                if (earlier != null) {
                    throw new IllegalArgumentException("field '" + field.name() + "' is declared on line " + earlier
                            + " already; declare each name once");
                }
                if (fields.size() == MAX_FIELDS) {
                    throw new IllegalArgumentException("more than " + MAX_FIELDS + " fields");
                }
                fields.add(field);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + " \"" + line + "\": " + e.getMessage() + "; "
                        + FORM, e);
            }
        }
        return new ProfileSettings(fields);
    }

    private static Field parseLine(String line, int number) {
        int equals = line.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("no '='");
        }
        String name = line.substring(0, equals).strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is no field name: use 1 to " + MAX_NAME_LENGTH
                    + " of a-z, 0-9 and '_', starting with a letter");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is reserved (JavaScript clients would read an"
                    + " object's own property); choose another name");
        }
        String[] words = line.substring(equals + 1).strip().split("\\s+");
        Type type = type(words[0]);
        boolean required = false;
        boolean admin = false;
        Long max = null;
        Pattern pattern = null;
        for (int w = 1; w < words.length; w++) {
            String word = words[w];
            if (word.equals("required") && !required) {
                required = true;
            } else if (word.equals("admin") && !admin) {
                admin = true;
            } else if (word.startsWith("max=") && max == null) {
                max = max(type, word.substring(4));
            } else if (word.startsWith("pattern=") && pattern == null) {
                pattern = pattern(type, word.substring(8));
            } else if (word.equals("required") || word.equals("admin") || word.startsWith("max=")
                    || word.startsWith("pattern=")) {
                throw new IllegalArgumentException("'" + word.split("=", 2)[0] + "' is given twice");
            } else {
                throw new IllegalArgumentException("unknown option '" + word + "'; the options are required,"
                        + " max=N, pattern=REGEX and admin");
            }
        }
        if (required && admin) {
            throw new IllegalArgumentException("a field cannot be both required and admin: nobody signing up"
                    + " could give it");
        }
        return new Field(name, type, required, max != null ? max : type.defaultMax, Optional.ofNullable(pattern),
                admin, number);
    }

    private static Type type(String word) {
        for (Type type : Type.values()) {
            if (type.spelling().equals(word)) {
                return type;
            }
        }
        throw new IllegalArgumentException(word.isEmpty() ? "no type after '='" : "unknown type '" + word
                + "'; use one of string, integer, boolean, date, email, url, phone, json");
    }

    private static long max(Type type, String value) {
        if (!type.takesMax()) {
            throw new IllegalArgumentException("max does not apply to type " + type.spelling());
        }
        long lowest = type == Type.INTEGER ? Long.MIN_VALUE : 1;
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= lowest && parsed <= type.largestMax) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("max=" + value + " must be " + (type == Type.INTEGER
                ? "a whole number in the 64-bit range" : "a whole number from 1 to " + type.largestMax)
                + " for type " + type.spelling());
    }

    private static Pattern pattern(Type type, String regex) {
        if (!type.takesPattern()) {
            throw new IllegalArgumentException("pattern does not apply to type " + type.spelling());
        }
        if (regex.isEmpty() || regex.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("pattern must be 1 to " + MAX_PATTERN_LENGTH + " characters");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern '" + regex + "' is no regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    @Override
    public String toString() {
        return "ProfileSettings" + fields.stream().map(f -> f.name() + ":" + f.type().spelling()).toList();
    }
}
