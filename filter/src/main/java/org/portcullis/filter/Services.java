package org.portcullis.filter;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.authentication.SigninThrottle;
import org.portcullis.filter.authorization.Guard;
import org.portcullis.filter.authorization.Permissions;
import org.portcullis.filter.builtin.AccountActions;
import org.portcullis.filter.builtin.ManagementApi;
import org.portcullis.filter.builtin.SigninPages;
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
import org.portcullis.filter.routing.RecentPaths;
import org.portcullis.filter.routing.RouteTable;
import org.portcullis.filter.spi.Feature;
import org.portcullis.filter.spi.Kernel;
import org.portcullis.filter.web.SigninRedirect;
import org.portcullis.filter.web.TokenCookie;

/**
 * The parts of one filter instance, wired once at {@code init}: the shared parts (the {@link Kernel}),
 * then the features that register on them, the built-in ones first, then the modules found in the web
 * application ({@link #builtInThenModules}). Nothing here is static.
 */
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
    private final FeatureRegistry features;
    private volatile TokenService tokens;

    /** @param webApplication where modules' features are looked for ({@link FeatureRegistry#modules}) */
    Services(PortcullisConfig config, Clock clock, ClassLoader webApplication) {
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
        Kernel kernel = new Kernel(config, clock, database, access, this::tokens, cookie, passwords,
                new CommonPasswords(), bcryptPool, throttle);
        this.features = new FeatureRegistry();
        try {
            for (Feature feature : builtInThenModules(webApplication)) {
                features.install(feature, kernel);
            }
            this.endpoints = features.endpoints(config.maxBodyBytes());
        } catch (RuntimeException | Error e) {
            features.close(); // what the features registered before one was refused; nothing else runs yet
            throw e;
        }
        this.guard = new Guard(database, access, routes, config.maxReplyBytes(),
                access.caching() ? config.cacheListingBytes() : 0);
        this.signinRedirect = new SigninRedirect(config.signinRedirect());
        this.permissions = new Permissions(database, access, config.tablePrefix());
    }

    /** Wires the parts, starts the database (in the background if so configured), then the features' work. */
    static Services start(PortcullisConfig config, Clock clock, ClassLoader webApplication) {
        Services services = new Services(config, clock, webApplication);
        if (config.startInBackground()) {
            services.database.startInBackground();
        } else {
            services.database.start();
        }
        services.features.start();
        return services;
    }

    /** The built-in features, in the order they register, then the modules' in {@code webApplication}. */
    private static List<Feature> builtInThenModules(ClassLoader webApplication) {
        List<Feature> features = new ArrayList<>(List.of(new AccountActions(), new ManagementApi(), new SigninPages()));
        features.addAll(FeatureRegistry.modules(webApplication));
        return features;
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
        features.close(); // the features' own threads and pools, the last registered first
        bcryptPool.close();
        database.close();
    }
}
