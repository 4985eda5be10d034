package org.portcullis.filter;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.authentication.SignIn;
import org.portcullis.filter.authentication.SigninThrottle;
import org.portcullis.filter.authorization.Guard;
import org.portcullis.filter.authorization.PermissionEngine;
import org.portcullis.filter.builtin.AccountActions;
import org.portcullis.filter.builtin.MailDelivery;
import org.portcullis.filter.builtin.ManagementApi;
import org.portcullis.filter.builtin.SigninPages;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.config.CacheSettings;
import org.portcullis.filter.config.ConfigException;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.config.SigninSettings;
import org.portcullis.filter.config.TenantSettings;
import org.portcullis.filter.firewall.CsrfPolicy;
import org.portcullis.filter.firewall.RequestFirewall;
import org.portcullis.filter.identity.CommonPasswords;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.identity.IdentityRequest;
import org.portcullis.filter.identity.IdentityResolver;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.identity.VerifiedTokens;
import org.portcullis.filter.mail.Mail;
import org.portcullis.filter.mail.MailTemplates;
import org.portcullis.filter.mail.Outbox;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.Bootstrap;
import org.portcullis.filter.persistence.ChangeFeed;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.TenantScope;
import org.portcullis.filter.routing.RecentPaths;
import org.portcullis.filter.routing.RouteTable;
import org.portcullis.filter.spi.Feature;
import org.portcullis.filter.spi.Kernel;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.filter.tenancy.TenantResolver;
import org.portcullis.filter.web.HostApplication;
import org.portcullis.filter.web.SigninRedirect;
import org.portcullis.filter.web.TokenCookie;

/**
 * The parts of one filter instance, wired once at {@code init}: the shared parts (the {@link Kernel}),
 * then the features that register on them, the built-in ones first, then the modules found in the web
 * application ({@link #builtInThenModules}). Nothing here is static.
 */
final class Assembly implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Assembly.class.getName());

    private final PortcullisConfig config;
    private final Clock clock;
    private final Database database;
    private final Bootstrap bootstrap;
    private final IdentityResolver identities;
    private final Endpoints endpoints;
    private final RouteTable routes;
    private final RecentPaths paths;
    private final Guard guard;
    private final PermissionEngine permissions;
    private final RequestFirewall firewall;
    private final CsrfPolicy csrf;
    private final BcryptPool bcryptPool;
    private final AccessCache access;
    private final SigninRedirect signinRedirect;
    private final ClassLoaderRelease release;
    private final FeatureRegistry features;
    /** The reader of the other nodes' changes, with {@code cache.coordination=database}; else null. */
    private final ChangeFeed changes;
    private final TenantResolver tenants;
    private volatile TokenService tokens;

    /**
     * @param webApplication the web application's class loader, or null: where modules' features are
     *     looked for ({@link FeatureRegistry#modules}; beside Portcullis when null), and what {@link #close}
     *     lets the JVM release ({@link ClassLoaderRelease})
     */
    Assembly(PortcullisConfig config, Clock clock, ClassLoader webApplication) {
        this(config, clock, webApplication, HostApplication.none());
    }

    /** @param host the web application's name and files, for the features that read them ({@link Kernel#host}) */
    Assembly(PortcullisConfig config, Clock clock, ClassLoader webApplication, HostApplication host) {
        this.config = config;
        this.clock = clock;
        this.release = ClassLoaderRelease.of(webApplication);
        this.tenants = tenantResolver(config.tenants());
        this.routes = routeTable(config);
        this.paths = new RecentPaths(routes);
        this.bootstrap = new Bootstrap(config, routes.entities());
        this.database = new Database(config, bootstrap::run, clock);
        this.bcryptPool = new BcryptPool(config.signinPoolSize(), config.signinPoolQueue());
        Passwords passwords = new Passwords(config.bcryptCost(), bcryptPool);
        TokenCookie cookie = new TokenCookie(config.cookieName(), config.cookieHostPrefix());
        this.firewall = new RequestFirewall(config.firewallAllowNonAscii(), config.firewallAllowEncodedSlash());
        this.csrf = new CsrfPolicy(config.csrfTrustedOrigins());
        SigninThrottle.Limits limits = new SigninThrottle.Limits(config.signinFreeFailures(),
                config.signinMaxBackoff(), config.signinAddressFailures(), config.signinAddressWindow());
        SigninThrottle throttle = config.signinThrottleStore() == SigninSettings.ThrottleStore.DATABASE
                ? SigninThrottle.shared(limits, database, clock)
                : SigninThrottle.inMemory(limits);
        SignIn signIn = new SignIn(database, passwords, bcryptPool, throttle);
        // One cache per filter instance; every commit through this database empties what it changed.
        this.access = AccessCache.over(database, config.cacheTtl(), config.cacheSize());
        if (config.cache().coordination() == CacheSettings.Coordination.DATABASE && access.caching()) {
            String node = UUID.randomUUID().toString();
            database.coordinate(node);
            this.changes = new ChangeFeed(database, node, config.cache().coordinationInterval(), clock);
        } else {
            this.changes = null;
        }
        VerifiedTokens verified = new VerifiedTokens(this::tokens, clock, access.caching(), config.cacheSize());
        this.identities = new IdentityResolver(verified, access, cookie.name(), clock, access.caching());
        // A bad SMTP setting, or a host's mail template naming an unknown value, stops the start.
        Mail mail = Mail.configured(config.mail(), new Outbox(database, clock),
                new MailTemplates(host, host.appName(config.pages().appName())));
        Kernel kernel = new Kernel(config, clock, database, access, this::tokens, cookie, passwords,
                new CommonPasswords(), bcryptPool, signIn, new OneTimeCodes(database, clock), mail, host);
        this.features = new FeatureRegistry();
        try {
            for (Feature feature : builtInThenModules(webApplication != null ? webApplication : Assembly.class.getClassLoader())) {
                features.install(feature, kernel);
            }
            this.endpoints = features.endpoints(config.maxBodyBytes());
        } catch (RuntimeException | Error e) {
            features.close(); // what the features registered before one was refused
            bcryptPool.close(); // its threads may have started (the passwords' first hash); the database has not
            throw e;
        }
        this.guard = new Guard(database, access, routes, config.maxReplyBytes(),
                access.caching() ? config.cacheListingBytes() : 0);
        this.signinRedirect = new SigninRedirect(config.signinRedirect());
        this.permissions = new PermissionEngine(database, access, config.tablePrefix());
    }

    /**
     * Wires the parts, starts the database (or its background start), then the features' work; when a
     * start fails, what was begun is closed again.
     *
     * @param webApplication the web application's class loader, or null (see the constructor)
     * @param host the web application's name and files (see the constructor)
     */
    static Assembly start(PortcullisConfig config, Clock clock, ClassLoader webApplication, HostApplication host) {
        Assembly services = new Assembly(config, clock, webApplication, host);
        try {
            if (config.startInBackground()) {
                services.database.startInBackground();
            } else {
                services.database.start();
            }
            services.features.start();
            if (services.changes != null) {
                services.changes.start();
            }
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return services;
    }

    /** The built-in features, in the order they register, then the modules' in {@code webApplication}. */
    private static List<Feature> builtInThenModules(ClassLoader webApplication) {
        List<Feature> features = new ArrayList<>(List.of(new AccountActions(), new ManagementApi(), new SigninPages(),
                new MailDelivery()));
        features.addAll(FeatureRegistry.modules(webApplication));
        return features;
    }

    private static TenantResolver tenantResolver(TenantSettings settings) {
        return switch (settings.mode()) {
            case NONE -> TenantResolver.single();
            case HOST -> TenantResolver.byHost(settings.hosts());
            case HEADER -> TenantResolver.byHeader(settings.header(), settings.tenants());
        };
    }

    private static RouteTable routeTable(PortcullisConfig config) {
        try {
            return RouteTable.parse(config.resources());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("resources", e.getMessage());
        }
    }

    /** Which tenant a request belongs to. */
    TenantResolver tenants() {
        return tenants;
    }

    /**
     * Binds {@code tenant} to this thread for the request's work, or does nothing (null) when every request is the
     * default tenant's.
     */
    TenantScope.Bound bind(Tenant tenant) {
        return tenants.alwaysDefault() ? null : database.tenants().enter(tenant);
    }

    /** The route table's answers, the last paths' from memory. */
    RecentPaths paths() {
        return paths;
    }

    Guard guard() {
        return guard;
    }

    /** The Java API handed to host code through a request attribute ({@link Portcullis#permissions}). */
    PermissionEngine permissions() {
        return permissions;
    }

    RequestFirewall firewall() {
        return firewall;
    }

    CsrfPolicy csrf() {
        return csrf;
    }

    IdentityResolver identities() {
        return identities;
    }

    Endpoints endpoints() {
        return endpoints;
    }

    /** How a guest's browser refused on a guarded page is sent to sign in. */
    SigninRedirect signinRedirect() {
        return signinRedirect;
    }

    IdentityRequest wrap(HttpServletRequest request, Identity identity) {
        return new IdentityRequest(request, identity, access::groupNames);
    }

    /** The token service, made once the secret is known (it may live in the database). */
    TokenService tokens() {
        TokenService current = tokens;
        if (current == null) {
            synchronized (this) {
                if (tokens == null) {
                    database.read(em -> null); // connects and seeds, or throws DatabaseUnavailableException
                    tokens = new TokenService(bootstrap.jwtSecret(), config.jwtPreviousSecrets(), config.jwtIssuer(),
                            config.jwtTtl(), clock, database.tenants()::current);
                }
                current = tokens;
            }
        }
        return current;
    }

    /**
     * Leaves nothing of this filter running, and nothing outside the web application holding on to
     * it: the bcrypt threads and the database start end (each waited for, a few seconds at most),
     * the database's factory and connections close (so does the embedded H2 database, with its
     * threads), and the JVM lets go of the web application's class loader: its JDBC drivers are
     * deregistered, and more ({@link ClassLoaderRelease}). Each step runs even when one before it
     * failed; closing again does nothing more.
     */
    @Override
    public void close() {
        if (changes != null) {
            stopQuietly("the cache coordination", () -> {
                try {
                    changes.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        stopQuietly("the features' own work", features::close); // the last registered first
        stopQuietly("the bcrypt threads", bcryptPool::close);
        stopQuietly("the database", database::close);
        stopQuietly("what the JVM keeps of the web application", () -> {
            List<String> released = release.run();
            if (!released.isEmpty()) {
                LOG.info("Portcullis deregistered, for its web application: " + String.join(", ", released));
            }
        });
    }

    private static void stopQuietly(String what, Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            // The class only: a message may quote a JDBC URL, and with it a password.
            LOG.warning("Portcullis could not stop " + what + ": " + e.getClass().getName());
            LOG.log(Level.FINE, "stopping " + what, e);
        }
    }
}
