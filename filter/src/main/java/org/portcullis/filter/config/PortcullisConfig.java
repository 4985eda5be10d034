package org.portcullis.filter.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of one filter instance, read once at {@code init} and never changed. Nothing in
 * Portcullis is static, so two web applications in one container never share settings.
 *
 * <p>Each getter documents its parameter; README lists them all with examples.
 */
public final class PortcullisConfig {

    /** Smallest HMAC-SHA256 secret accepted: 256 bits (RFC 7518 §3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|sys):([A-Za-z0-9_.\\-]+)}");
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}");

    private final String dataSource;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;
    private final Path dataDir;
    private final SchemaMode schema;
    private final String tablePrefix;
    private final String resources;
    private final byte[] jwtSecret;
    private final String jwtIssuer;
    private final Duration jwtTtl;
    private final String cookieName;
    private final int bcryptCost;
    private final boolean signupEnabled;
    private final List<String> defaultGroups;
    private final int maxBodyBytes;
    private final int maxReplyBytes;
    private final boolean signinPageEnabled;
    private final boolean signupPageEnabled;
    private final Duration cacheTtl;
    private final int cacheSize;

    private PortcullisConfig(Reader in, String contextName) {
        dataSource = in.text("datasource", null);
        jdbcUrl = in.text("jdbc.url", null);
        jdbcUser = in.text("jdbc.user", null);
        jdbcPassword = in.text("jdbc.password", null);
        if (dataSource != null && jdbcUrl != null) {
            throw new ConfigException("datasource", "give either 'datasource' or 'jdbc.url', not both");
        }
        String defaultDir = Path.of(System.getProperty("user.home"), ".portcullis", contextName).toString();
        dataDir = Path.of(in.text("data.dir", defaultDir));
        schema = in.choice("schema", SchemaMode.CREATE_OR_EXTEND, SchemaMode.class);
        tablePrefix = in.matching("table.prefix", "pc_", "[A-Za-z0-9_]{0,20}",
                "use at most 20 letters, digits or underscores, e.g. pc_");
        resources = in.text("resources", "");
        jwtSecret = in.secret("jwt.secret");
        jwtIssuer = in.text("jwt.issuer", "portcullis");
        jwtTtl = in.duration("jwt.ttl", Duration.ofHours(1));
        cookieName = in.matching("cookie.name", "token", "[A-Za-z0-9_\\-]{1,64}",
                "use letters, digits, '_' or '-', e.g. token");
        bcryptCost = in.integer("bcrypt.cost", 11, 10, 16);
        signupEnabled = in.bool("signup.enabled", true);
        defaultGroups = in.groups("default.groups", "users");
        maxBodyBytes = in.integer("max.body.size", 64 * 1024, 1024, 16 * 1024 * 1024);
        maxReplyBytes = in.integer("max.reply.size", 8 * 1024 * 1024, 64 * 1024, 256 * 1024 * 1024);
        signinPageEnabled = in.bool("pages.signin.enabled", true);
        signupPageEnabled = in.bool("pages.signup.enabled", true);
        cacheTtl = in.timeToLive("cache.ttl", Duration.ofSeconds(5), Duration.ofHours(1));
        cacheSize = in.integer("cache.size", 10_000, 1, 10_000_000);
    }

    /**
     * Reads and checks every parameter.
     *
     * @param contextName a file-system-safe name of the web application, used for the default H2 directory
     * @throws ConfigException naming the first parameter that cannot be used
     */
    public static PortcullisConfig from(ParameterSource source, String contextName) {
        return new PortcullisConfig(new Reader(source), contextName);
    }

    /** {@code datasource}: JNDI name of the host's {@code DataSource}. */
    public Optional<String> dataSource() {
        return Optional.ofNullable(dataSource);
    }

    /** {@code jdbc.url}: a JDBC connection instead of JNDI. */
    public Optional<String> jdbcUrl() {
        return Optional.ofNullable(jdbcUrl);
    }

    public Optional<String> jdbcUser() {
        return Optional.ofNullable(jdbcUser);
    }

    public Optional<String> jdbcPassword() {
        return Optional.ofNullable(jdbcPassword);
    }

    /** {@code data.dir}: where the embedded H2 database lives when no database is named. */
    public Path dataDir() {
        return dataDir;
    }

    public SchemaMode schema() {
        return schema;
    }

    public String tablePrefix() {
        return tablePrefix;
    }

    /** {@code resources}: the route table, one {@code PATTERN = entity[:permission]} per line. */
    public String resources() {
        return resources;
    }

    /** {@code jwt.secret}: the configured HMAC secret, or empty when one is generated and stored. */
    public Optional<byte[]> jwtSecret() {
        return Optional.ofNullable(jwtSecret).map(byte[]::clone);
    }

    public String jwtIssuer() {
        return jwtIssuer;
    }

    public Duration jwtTtl() {
        return jwtTtl;
    }

    public String cookieName() {
        return cookieName;
    }

    public int bcryptCost() {
        return bcryptCost;
    }

    public boolean signupEnabled() {
        return signupEnabled;
    }

    public List<String> defaultGroups() {
        return defaultGroups;
    }

    /** {@code max.body.size}: largest request body an action or API call reads, in bytes. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * {@code max.reply.size}: largest host reply Portcullis holds back to check (collection reads,
     * creates, deletes on guarded routes); a larger one is refused with 502, never passed through.
     */
    public int maxReplyBytes() {
        return maxReplyBytes;
    }

    public boolean signinPageEnabled() {
        return signinPageEnabled;
    }

    public boolean signupPageEnabled() {
        return signupPageEnabled && signupEnabled;
    }

    /**
     * {@code cache.ttl}: how long a cached revocation, account, membership or permission row is used
     * before it is read again, so how long a change made on another node can go unseen here;
     * zero switches caching off.
     */
    public Duration cacheTtl() {
        return cacheTtl;
    }

    /** {@code cache.size}: most entries of each cache (verified tokens, revocations, accounts, subjects, group names, rows). */
    public int cacheSize() {
        return cacheSize;
    }

    @Override
    public String toString() {
        // Never print the secret or the password.
        return "PortcullisConfig[database=" + (dataSource != null ? "jndi:" + dataSource
                : jdbcUrl != null ? "jdbc" : "h2:" + dataDir) + ", schema=" + schema + ", prefix=" + tablePrefix
                + ", issuer=" + jwtIssuer + ", ttl=" + jwtTtl + ", signup=" + signupEnabled + ", cache.ttl=" + cacheTtl
                + "]";
    }

    /** Reads raw parameters, resolving {@code ${env:NAME}} and {@code ${sys:NAME}} references. */
    private static final class Reader {
        private final ParameterSource source;

        Reader(ParameterSource source) {
            this.source = source;
        }

        String text(String name, String fallback) {
            String raw = source.get(name);
            if (raw == null) {
                return fallback;
            }
            String value = resolve(name, raw).strip();
            return value.isEmpty() ? fallback : value;
        }

        private static String resolve(String name, String raw) {
            Matcher m = REFERENCE.matcher(raw);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = "env".equals(m.group(1)) ? System.getenv(m.group(2)) : System.getProperty(m.group(2));
                if (value == null) {
                    throw new ConfigException(name, "refers to " + m.group(1) + " variable '" + m.group(2)
                            + "', which is not set; set it or remove the reference");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        String matching(String name, String fallback, String regex, String fix) {
            String value = text(name, fallback);
            if (!value.matches(regex)) {
                throw new ConfigException(name, "'" + value + "' is not allowed; " + fix);
            }
            return value;
        }

        boolean bool(String name, boolean fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new ConfigException(name, "'" + value + "' is not a boolean; use true or false");
            };
        }

        int integer(String name, int fallback, int min, int max) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigException(name, "'" + value + "' must be a whole number from " + min + " to " + max);
        }

        Duration duration(String name, Duration fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                Duration parsed = Duration.parse(value);
                if (!parsed.isNegative() && !parsed.isZero() && parsed.compareTo(Duration.ofDays(30)) <= 0) {
                    return parsed;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw new ConfigException(name, "'" + value + "' must be an ISO-8601 duration between PT1S and P30D, e.g. PT1H");
        }

        /** A duration from zero (off) to {@code max}. */
        Duration timeToLive(String name, Duration fallback, Duration max) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                Duration parsed = Duration.parse(value);
                if (!parsed.isNegative() && parsed.compareTo(max) <= 0) {
                    return parsed;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw new ConfigException(name, "'" + value + "' must be an ISO-8601 duration from PT0S (off) to " + max
                    + ", e.g. PT5S");
        }

        <E extends Enum<E>> E choice(String name, E fallback, Class<E> type) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, "'" + value + "' is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
            }
        }

        byte[] secret(String name) {
            String value = text(name, null);
            if (value == null) {
                return null;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new ConfigException(name, "is " + bytes.length + " bytes; use at least " + MIN_SECRET_BYTES
                        + " random bytes (e.g. `openssl rand -base64 48`), or leave it out to have one generated");
            }
            return bytes;
        }

        List<String> groups(String name, String fallback) {
            String value = text(name, fallback);
            List<String> groups = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            for (String group : groups) {
                if (!GROUP_NAME.matcher(group).matches()) {
                    throw new ConfigException(name, "group name '" + group
                            + "' must be 1 to 100 letters, digits, '.', '_' or '-'");
                }
            }
            return groups;
        }
    }
}
