package org.portcullis.filter.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * <p>Each getter documents its parameter; docs/configuration.md lists them all with examples.
 */
public final class PortcullisConfig {

    /** Smallest HMAC-SHA256 secret accepted: 256 bits (RFC 7518 §3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|sys):([A-Za-z0-9_.\\-]+)}");
    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+](:[0-9]{1,5})?");
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}");

    private final String dataSource;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;
    private final Path dataDir;
    private final SchemaMode schema;
    private final boolean startInBackground;
    private final Duration startWait;
    private final String tablePrefix;
    private final String resources;
    private final byte[] jwtSecret;
    private final List<byte[]> jwtPreviousSecrets;
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
    private final boolean signinRedirect;
    private final boolean cookieHostPrefix;
    private final boolean firewallAllowNonAscii;
    private final boolean firewallAllowEncodedSlash;
    private final List<String> csrfTrustedOrigins;
    private final int signinFreeFailures;
    private final Duration signinMaxBackoff;
    private final int signinAddressFailures;
    private final Duration signinAddressWindow;
    private final int signinPoolSize;
    private final int signinPoolQueue;
    private final Duration cacheTtl;
    private final int cacheSize;
    private final long cacheListingBytes;

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
        startInBackground = in.bool("start.background", true);
        startWait = in.durationWithin("start.wait", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(5));
        tablePrefix = in.matching("table.prefix", "pc_", "[A-Za-z0-9_]{0,20}",
                "use at most 20 letters, digits or underscores, e.g. pc_");
        resources = in.text("resources", "");
        jwtSecret = in.secret("jwt.secret");
        jwtPreviousSecrets = in.secrets("jwt.secret.previous");
        if (!jwtPreviousSecrets.isEmpty() && jwtSecret == null) {
            throw new ConfigException("jwt.secret.previous", "needs 'jwt.secret': former secrets only make sense"
                    + " when the signing secret is configured");
        }
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
        signinRedirect = in.bool("signin.redirect", true);
        cookieHostPrefix = in.bool("cookie.host.prefix", false);
        firewallAllowNonAscii = in.bool("firewall.allow.non.ascii", false);
        firewallAllowEncodedSlash = in.bool("firewall.allow.encoded.slash", false);
        csrfTrustedOrigins = in.origins("csrf.trusted.origins");
        signinFreeFailures = in.integer("signin.account.free.failures", 5, 1, 20);
        signinMaxBackoff = in.durationWithin("signin.account.max.backoff", Duration.ofMinutes(5),
                Duration.ofMinutes(1), Duration.ofMinutes(15));
        signinAddressFailures = in.integer("signin.address.max.failures", 50, 1, 1_000_000);
        signinAddressWindow = in.durationWithin("signin.address.window", Duration.ofMinutes(5),
                Duration.ofSeconds(1), Duration.ofHours(1));
        signinPoolSize = in.integer("signin.pool.size", Runtime.getRuntime().availableProcessors(), 1, 256);
        signinPoolQueue = in.integer("signin.pool.queue", 64, 1, 10_000);
        cacheTtl = in.timeToLive("cache.ttl", Duration.ofSeconds(5), Duration.ofHours(1));
        cacheSize = in.integer("cache.size", 10_000, 1, 10_000_000);
        cacheListingBytes = in.integer("cache.listings", 16 * 1024 * 1024, 0, 1024 * 1024 * 1024);
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

    /**
     * {@code start.background}: connect, create or extend the tables and seed them on a thread of
     * their own, so that the host's deployment does not wait for the database; {@code false} does it
     * inside the filter's {@code init}.
     */
    public boolean startInBackground() {
        return startInBackground;
    }

    /**
     * {@code start.wait}: how long a request that needs the database waits for a background start
     * still under way, before it is answered 503.
     */
    public Duration startWait() {
        return startWait;
    }

    public String tablePrefix() {
        return tablePrefix;
    }

    /** {@code resources}: the route table, one {@code PATTERN = entity[:permission]} per line. */
    public String resources() {
        return resources;
    }

    /**
     * {@code jwt.secret.previous}: former signing secrets, still accepted for verification (a
     * token names its key by {@code kid}), so that rotating {@code jwt.secret} signs no one out.
     */
    public List<byte[]> jwtPreviousSecrets() {
        return jwtPreviousSecrets.stream().map(byte[]::clone).toList();
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
     * {@code signin.redirect}: a guest's browser refused on a guarded page (a GET or HEAD asking for
     * HTML) is sent to the sign-in page, which comes back to the page afterwards, instead of getting the
     * JSON 401; off whenever {@code pages.signin.enabled} is off, since there is no page to send it to.
     */
    public boolean signinRedirect() {
        return signinRedirect && signinPageEnabled;
    }

    /**
     * {@code cookie.host.prefix}: the token cookie is named {@code __Host-<cookie.name>}, always
     * {@code Secure}, with {@code Path=/} and no {@code Domain}, so no sibling host or other path can set it.
     */
    public boolean cookieHostPrefix() {
        return cookieHostPrefix;
    }

    /** {@code firewall.allow.non.ascii}: non-ASCII characters allowed in the decoded paths of guarded routes. */
    public boolean firewallAllowNonAscii() {
        return firewallAllowNonAscii;
    }

    /** {@code firewall.allow.encoded.slash}: {@code %2F} allowed in the raw request URI. */
    public boolean firewallAllowEncodedSlash() {
        return firewallAllowEncodedSlash;
    }

    /**
     * {@code csrf.trusted.origins}: origins ({@code scheme://host[:port]}) besides the request's own whose
     * cookie-authenticated state-changing requests are accepted, e.g. the public origin behind a proxy.
     */
    public List<String> csrfTrustedOrigins() {
        return csrfTrustedOrigins;
    }

    /**
     * {@code signin.account.free.failures}: failed sign-ins in a row to one account before each
     * further attempt must wait (1 s, then doubling).
     */
    public int signinFreeFailures() {
        return signinFreeFailures;
    }

    /** {@code signin.account.max.backoff}: the longest wait between attempts on one account (PT1M to PT15M). */
    public Duration signinMaxBackoff() {
        return signinMaxBackoff;
    }

    /** {@code signin.address.max.failures}: failed sign-ins allowed from one client address per window. */
    public int signinAddressFailures() {
        return signinAddressFailures;
    }

    /** {@code signin.address.window}: how long a client address' window of failures lasts. */
    public Duration signinAddressWindow() {
        return signinAddressWindow;
    }

    /** {@code signin.pool.size}: threads for bcrypt work of sign-in and sign-up; default the number of cores. */
    public int signinPoolSize() {
        return signinPoolSize;
    }

    /** {@code signin.pool.queue}: sign-ins and sign-ups that may wait for a bcrypt thread; more get 503. */
    public int signinPoolQueue() {
        return signinPoolQueue;
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

    /**
     * {@code cache.listings}: most bytes of checked collection replies (the host's reply and what went
     * out for it) remembered, so that the same caller getting the same reply from the same URL again is
     * answered without checking it again; 0 switches this off, as does {@code cache.ttl} zero.
     */
    public long cacheListingBytes() {
        return cacheListingBytes;
    }

    @Override
    public String toString() {
        // Never print the secret or the password.
        return "PortcullisConfig[database=" + (dataSource != null ? "jndi:" + dataSource
                : jdbcUrl != null ? "jdbc" : "h2:" + dataDir) + ", schema=" + schema + ", prefix=" + tablePrefix
                + ", issuer=" + jwtIssuer + ", ttl=" + jwtTtl + ", signup=" + signupEnabled + ", cache.ttl=" + cacheTtl + ", cache.listings=" + cacheListingBytes
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

        Duration durationWithin(String name, Duration fallback, Duration min, Duration max) {
            Duration value = duration(name, fallback);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new ConfigException(name, "'" + value + "' must be between " + min + " and " + max);
            }
            return value;
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

        /** Secrets separated by commas or whitespace, each checked as {@link #secret} checks one. */
        List<byte[]> secrets(String name) {
            String value = text(name, "");
            List<byte[]> out = new ArrayList<>();
            for (String one : value.strip().split("[\\s,]+")) {
                if (one.isEmpty()) {
                    continue;
                }
                byte[] bytes = one.getBytes(StandardCharsets.UTF_8);
                if (bytes.length < MIN_SECRET_BYTES) {
                    throw new ConfigException(name, "holds a secret of " + bytes.length + " bytes; each must be at"
                            + " least " + MIN_SECRET_BYTES + " bytes");
                }
                out.add(bytes);
            }
            return out;
        }

        List<String> origins(String name) {
            String value = text(name, "");
            List<String> origins = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.toLowerCase(Locale.ROOT)).toList();
            for (String origin : origins) {
                if (!ORIGIN.matcher(origin).matches()) {
                    throw new ConfigException(name, "'" + origin
                            + "' is not an origin; use scheme://host[:port] with no path, e.g. https://app.example.com");
                }
            }
            return origins;
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
