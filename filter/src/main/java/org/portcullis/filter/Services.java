package org.portcullis.filter;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.portcullis.filter.actions.ActionDispatcher;
import org.portcullis.filter.actions.BecomeAdministratorAction;
import org.portcullis.filter.actions.ChangePasswordAction;
import org.portcullis.filter.actions.SigninAction;
import org.portcullis.filter.actions.SignoutAction;
import org.portcullis.filter.actions.SignoutEverywhereAction;
import org.portcullis.filter.actions.SignupAction;
import org.portcullis.filter.api.InstanceApi;
import org.portcullis.filter.api.UserAccountApi;
import org.portcullis.filter.api.UserGroupApi;
import org.portcullis.filter.api.WorldApi;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.authentication.SignIn;
import org.portcullis.filter.authentication.SigninThrottle;
import org.portcullis.filter.authorization.Guard;
import org.portcullis.filter.authorization.Permissions;
import org.portcullis.filter.config.ConfigException;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.firewall.CrossSiteCheck;
import org.portcullis.filter.firewall.RequestFirewall;
import org.portcullis.filter.identity.CommonPasswords;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.identity.IdentityRequest;
import org.portcullis.filter.identity.IdentityResolver;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.identity.VerifiedTokens;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.Bootstrap;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.OwnInstances;
import org.portcullis.filter.routing.RecentPaths;
import org.portcullis.filter.routing.RouteTable;
import org.portcullis.filter.web.AuthPages;
import org.portcullis.filter.web.SigninRedirect;
import org.portcullis.filter.web.TokenCookie;

/** The parts of one filter instance, wired once at {@code init}. Nothing here is static. */
final class Services implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Services.class.getName());

    private final PortcullisConfig config;
    private final Clock clock;
    private final Database database;
    private final Bootstrap bootstrap;
    private final IdentityResolver identities;
    private final Endpoints endpoints;
    private final RouteTable routes;
    private final RecentPaths paths;
    private final Guard guard;
    private final Permissions permissions;
    private final RequestFirewall firewall;
    private final CrossSiteCheck crossSite;
    private final BcryptPool bcryptPool;
    private final AccessCache access;
    private final SigninRedirect signinRedirect;
    private final ClassLoaderRelease release;
    private volatile TokenService tokens;

    private Services(PortcullisConfig config, Clock clock, ClassLoaderRelease release) {
        this.config = config;
        this.clock = clock;
        this.release = release;
        this.routes = routeTable(config);
        this.paths = new RecentPaths(routes);
        this.bootstrap = new Bootstrap(config, routes.entities());
        this.database = new Database(config, bootstrap::run, clock);
        this.bcryptPool = new BcryptPool(config.signinPoolSize(), config.signinPoolQueue());
        Passwords passwords = new Passwords(config.bcryptCost(), bcryptPool);
        TokenCookie cookie = new TokenCookie(config.cookieName(), config.cookieHostPrefix());
        this.firewall = new RequestFirewall(config.firewallAllowNonAscii(), config.firewallAllowEncodedSlash());
        this.crossSite = new CrossSiteCheck(config.csrfTrustedOrigins());
        SigninThrottle throttle = new SigninThrottle(new SigninThrottle.Limits(config.signinFreeFailures(),
                config.signinMaxBackoff(), config.signinAddressFailures(), config.signinAddressWindow()),
                Ticker.systemTicker());
        SignIn signIn = new SignIn(database, passwords, bcryptPool, throttle);
        // One cache per filter instance; every commit through this database empties what it changed.
        this.access = AccessCache.over(database, config.cacheTtl(), config.cacheSize());
        VerifiedTokens verified = new VerifiedTokens(this::tokens, clock, access.caching(), config.cacheSize());
        this.identities = new IdentityResolver(verified, access, cookie.name(), clock, access.caching());
        CommonPasswords common = new CommonPasswords();
        ActionDispatcher actions = new ActionDispatcher(List.of(
                new SignupAction(database, passwords, common, bcryptPool, config.signupEnabled(),
                        config.defaultGroups()),
                new SigninAction(signIn, this::tokens, cookie, config.jwtTtl()),
                new SignoutAction(database, cookie, clock),
                new SignoutEverywhereAction(database, cookie, clock),
                new ChangePasswordAction(database, passwords, common, bcryptPool, signIn, cookie, clock),
                new BecomeAdministratorAction(database)), config.maxBodyBytes());
        this.guard = new Guard(database, access, routes, config.maxReplyBytes(),
                access.caching() ? config.cacheListingBytes() : 0);
        this.signinRedirect = new SigninRedirect(config.signinRedirect());
        this.permissions = new Permissions(database, access, config.tablePrefix());
        OwnInstances ownInstances = new OwnInstances(Bootstrap.builtInGroups(config.defaultGroups()));
        this.endpoints = new Endpoints(actions, new UserAccountApi(database, access),
                new UserGroupApi(database, access, config.maxBodyBytes(), ownInstances),
                new WorldApi(database, access, config.maxBodyBytes()),
                new InstanceApi(database, config.maxBodyBytes(), ownInstances),
                new AuthPages(config.signinPageEnabled(), config.signupPageEnabled()));
    }

    /**
     * Wires the parts and starts the database (or its background start); when that start fails,
     * what it began is closed again.
     *
     * @param webAppLoader the web application's class loader, of which {@link #close} lets go what the
     *     JVM keeps (see {@link ClassLoaderRelease}); may be null
     */
    static Services start(PortcullisConfig config, Clock clock, ClassLoader webAppLoader) {
        Services services = new Services(config, clock, ClassLoaderRelease.of(webAppLoader));
        try {
            if (config.startInBackground()) {
                services.database.startInBackground();
            } else {
                services.database.start();
            }
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return services;
    }

    private static RouteTable routeTable(PortcullisConfig config) {
        try {
            return RouteTable.parse(config.resources());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("resources", e.getMessage());
        }
    }

    /** The route table's answers, the last paths' from memory. */
    RecentPaths paths() {
        return paths;
    }

    Guard guard() {
        return guard;
    }

    /** The Java API handed to host code through a request attribute ({@link Portcullis#permissions}). */
    Permissions permissions() {
        return permissions;
    }

    RequestFirewall firewall() {
        return firewall;
    }

    CrossSiteCheck crossSite() {
        return crossSite;
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
                            config.jwtTtl(), clock);
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
