package org.portcullis.filter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every setting of one filter instance, read once at {@code init} and never changed: one immutable record
 * per concern, each declaring its parameters as {@link ParameterSpec}s. A name that is none of them stops
 * the start. Nothing in Portcullis is static, so two web applications in one container never share settings.
 *
 * <pre>{@code
 * PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(filterConfig), "notes");
 * config.signin().poolSize();     // or, as before, config.signinPoolSize()
 * }</pre>
 *
 * <p>The getters below delegate to the records; the records' Javadoc documents each parameter, and
 * docs/configuration.md lists them all with examples (a test keeps it to {@link #PARAMETERS}).
 */
public final class PortcullisConfig {

    /** Smallest HMAC-SHA256 secret accepted: 256 bits (RFC 7518 §3.2). */
    public static final int MIN_SECRET_BYTES = TokenSettings.MIN_SECRET_BYTES;

    /** Every parameter the filter knows, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = Stream.of(DatabaseSettings.PARAMETERS,
            RouteSettings.PARAMETERS, TokenSettings.PARAMETERS, RefreshSettings.PARAMETERS, SigninSettings.PARAMETERS, SignupSettings.PARAMETERS,
            AccountSettings.PARAMETERS, IdentitySettings.PARAMETERS, MailSettings.PARAMETERS, VerificationSettings.PARAMETERS,
            InvitationSettings.PARAMETERS, AnonymousSettings.PARAMETERS, ProfileSettings.PARAMETERS,
            BodyLimits.PARAMETERS, PageSettings.PARAMETERS, FirewallSettings.PARAMETERS, CacheSettings.PARAMETERS,
            TenantSettings.PARAMETERS)
            .flatMap(List::stream).toList();

    private final DatabaseSettings database;
    private final RouteSettings routes;
    private final TokenSettings tokens;
    private final SigninSettings signin;
    private final SignupSettings signup;
    private final AccountSettings accounts;
    private final IdentitySettings identities;
    private final ProfileSettings profile;
    private final MailSettings mail;
    private final RefreshSettings refresh;
    private final VerificationSettings verification;
    private final InvitationSettings invitations;
    private final AnonymousSettings anonymous;
    private final BodyLimits bodies;
    private final PageSettings pages;
    private final FirewallSettings firewall;
    private final CacheSettings cache;
    private final TenantSettings tenants;

    private PortcullisConfig(Parameters p) {
        database = DatabaseSettings.from(p);
        routes = RouteSettings.from(p);
        tokens = TokenSettings.from(p);
        signin = SigninSettings.from(p);
        signup = SignupSettings.from(p);
        accounts = AccountSettings.from(p);
        identities = IdentitySettings.from(p);
        profile = ProfileSettings.from(p);
        mail = MailSettings.from(p);
        refresh = RefreshSettings.from(p);
        verification = VerificationSettings.from(p);
        invitations = InvitationSettings.from(p);
        anonymous = AnonymousSettings.from(p);
        bodies = BodyLimits.from(p);
        pages = PageSettings.from(p);
        firewall = FirewallSettings.from(p);
        cache = CacheSettings.from(p);
        tenants = TenantSettings.from(p);
    }

    /**
     * Reads and checks every parameter.
     *
     * @param contextName a file-system-safe name of the web application, used for the default H2 directory
     * @throws ConfigException naming every parameter given that Portcullis does not know, else the first
     *                         parameter that cannot be used
     */
    public static PortcullisConfig from(ParameterSource source, String contextName) {
        Parameters parameters = new Parameters(source, contextName, PARAMETERS);
        parameters.refuseUnknown();
        return new PortcullisConfig(parameters);
    }

    public DatabaseSettings database() {
        return database;
    }

    public RouteSettings routes() {
        return routes;
    }

    public TokenSettings tokens() {
        return tokens;
    }

    public SigninSettings signin() {
        return signin;
    }

    public SignupSettings signup() {
        return signup;
    }

    /** {@code signup.approval}, {@code account.deleted.retention}, {@code account.erasure.interval}. */
    public AccountSettings accounts() {
        return accounts;
    }

    /** {@code usernames.enabled}, {@code code.ttl}. */
    public IdentitySettings identities() {
        return identities;
    }

    /** {@code mail.transport}, {@code mail.smtp.*}, {@code mail.from}, {@code mail.outbox.interval}. */
    public MailSettings mail() {
        return mail;
    }

    /** {@code refresh.idle}, {@code refresh.absolute}. */
    public RefreshSettings refresh() {
        return refresh;
    }

    /** {@code signup.verification}, {@code public.url}. */
    public VerificationSettings verification() {
        return verification;
    }

    /** {@code invitations.enabled}, {@code signup.invitation.required}, {@code invitation.ttl}. */
    public InvitationSettings invitations() {
        return invitations;
    }

    /** {@code anonymous.enabled}, {@code anonymous.groups}, {@code anonymous.per.address}, {@code anonymous.idle}. */
    public AnonymousSettings anonymous() {
        return anonymous;
    }

    /** {@code profile.fields}. */
    public ProfileSettings profile() {
        return profile;
    }

    public BodyLimits bodies() {
        return bodies;
    }

    public PageSettings pages() {
        return pages;
    }

    public FirewallSettings firewall() {
        return firewall;
    }

    /** Which tenants there are and how a request names its own. */
    public TenantSettings tenants() {
        return tenants;
    }

    public CacheSettings cache() {
        return cache;
    }

    // The getters every caller used before the records: kept, so that no caller has to change.

    public Optional<String> dataSource() {
        return database.dataSource();
    }

    public Optional<String> jdbcUrl() {
        return database.jdbcUrl();
    }

    public Optional<String> jdbcUser() {
        return database.jdbcUser();
    }

    public Optional<String> jdbcPassword() {
        return database.jdbcPassword();
    }

    public Path dataDir() {
        return database.dataDir();
    }

    public SchemaMode schema() {
        return database.schema();
    }

    public boolean startInBackground() {
        return database.startInBackground();
    }

    public Duration startWait() {
        return database.startWait();
    }

    public String tablePrefix() {
        return database.tablePrefix();
    }

    public String resources() {
        return routes.resources();
    }

    public Optional<byte[]> jwtSecret() {
        return tokens.secret();
    }

    public List<byte[]> jwtPreviousSecrets() {
        return tokens.previousSecrets();
    }

    public String jwtIssuer() {
        return tokens.issuer();
    }

    public Duration jwtTtl() {
        return tokens.ttl();
    }

    public String cookieName() {
        return tokens.cookieName();
    }

    public boolean cookieHostPrefix() {
        return tokens.cookieHostPrefix();
    }

    public int bcryptCost() {
        return signin.bcryptCost();
    }

    public int signinFreeFailures() {
        return signin.freeFailures();
    }

    public Duration signinMaxBackoff() {
        return signin.maxBackoff();
    }

    public int signinAddressFailures() {
        return signin.addressFailures();
    }

    public Duration signinAddressWindow() {
        return signin.addressWindow();
    }

    public int signinPoolSize() {
        return signin.poolSize();
    }

    public int signinPoolQueue() {
        return signin.poolQueue();
    }

    public SigninSettings.ThrottleStore signinThrottleStore() {
        return signin.throttleStore();
    }

    public boolean signupEnabled() {
        return signup.enabled();
    }

    public List<String> defaultGroups() {
        return signup.defaultGroups();
    }

    public int maxBodyBytes() {
        return bodies.maxBodyBytes();
    }

    public int maxReplyBytes() {
        return bodies.maxReplyBytes();
    }

    public boolean signinPageEnabled() {
        return pages.signinPage();
    }

    public boolean signupPageEnabled() {
        return pages.signupPage();
    }

    public boolean signinRedirect() {
        return pages.signinRedirect();
    }

    public boolean firewallAllowNonAscii() {
        return firewall.allowNonAscii();
    }

    public boolean firewallAllowEncodedSlash() {
        return firewall.allowEncodedSlash();
    }

    public List<String> csrfTrustedOrigins() {
        return firewall.trustedOrigins();
    }

    public Duration cacheTtl() {
        return cache.ttl();
    }

    public int cacheSize() {
        return cache.size();
    }

    public long cacheListingBytes() {
        return cache.listingBytes();
    }

    @Override
    public String toString() {
        // Never print the secret or the password.
        return "PortcullisConfig[database=" + database.where() + ", schema=" + database.schema() + ", prefix="
                + database.tablePrefix() + ", issuer=" + tokens.issuer() + ", ttl=" + tokens.ttl() + ", signup="
                + signup.enabled() + ", cache.ttl=" + cache.ttl() + ", cache.listings=" + cache.listingBytes() + "]";
    }
}
