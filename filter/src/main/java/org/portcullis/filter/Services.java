package org.portcullis.filter;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
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
    private volatile TokenService tokens;

    private Services(PortcullisConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.routes = routeTable(config);
        this.paths = new RecentPaths(routes);
        this.bootstrap = new Bootstrap(config, routes.entities());
        this.database = new Database(config, bootstrap::run, clock);
        Passwords passwords = new Passwords(config.bcryptCost());
        TokenCookie cookie = new TokenCookie(config.cookieName(), config.cookieHostPrefix());
        this.firewall = new RequestFirewall(config.firewallAllowNonAscii(), config.firewallAllowEncodedSlash());
        this.crossSite = new CrossSiteCheck(config.csrfTrustedOrigins());
        this.bcryptPool = new BcryptPool(config.signinPoolSize(), config.signinPoolQueue());
        SigninThrottle throttle = new SigninThrottle(new SigninThrottle.Limits(config.signinFreeFailures(),
                config.signinMaxBackoff(), config.signinAddressFailures(), config.signinAddressWindow()),
                Ticker.systemTicker());
        // One cache per filter instance; every commit through this database empties what it changed.
        this.access = AccessCache.over(database, config.cacheTtl(), config.cacheSize());
        VerifiedTokens verified = new VerifiedTokens(this::tokens, clock, access.caching(), config.cacheSize());
        this.identities = new IdentityResolver(verified, access, cookie.name(), clock, access.caching());
        CommonPasswords common = new CommonPasswords();
        ActionDispatcher actions = new ActionDispatcher(List.of(
                new SignupAction(database, passwords, common, bcryptPool, config.signupEnabled(),
                        config.defaultGroups()),
                new SigninAction(database, passwords, this::tokens, cookie, config.jwtTtl(), throttle, bcryptPool),
                new SignoutAction(database, cookie, clock),
                new SignoutEverywhereAction(database, cookie, clock),
                new ChangePasswordAction(database, passwords, common, bcryptPool, throttle, cookie, clock),
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

    static Services start(PortcullisConfig config, Clock clock) {
        Services services = new Services(config, clock);
        if (config.startInBackground()) {
            services.database.startInBackground();
        } else {
            services.database.start();
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

    @Override
    public void close() {
        bcryptPool.close();
        database.close();
    }
}
