package org.portcullis.filter;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.logging.Logger;
import org.portcullis.filter.config.ConfigException;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.firewall.CsrfVerdict;
import org.portcullis.filter.firewall.MethodCheck;
import org.portcullis.filter.identity.AuthType;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.identity.IdentityRequest;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.filter.persistence.TenantScope;
import org.portcullis.filter.routing.RejectedPathException;
import org.portcullis.filter.routing.Resolution;
import org.portcullis.filter.spi.FeatureException;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.ErrorReplies;
import org.portcullis.filter.web.SigninRedirect;

/**
 * The filter a host declares in {@code web.xml}. A request goes: firewall (raw URI) → tenant → identify →
 * CSRF check → Portcullis' own endpoint, or route → firewall (guarded path, method) → check before →
 * host servlet → check after; a refusal is answered as JSON, or a guest's browser is sent to sign in.
 * Identity is resolved once per request; routing and the checks run again on every forward and include,
 * for the path dispatched to.
 */
public final class PortcullisFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(PortcullisFilter.class.getName());

    private Assembly services;

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        try {
            PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(filterConfig),
                    contextName(filterConfig.getServletContext()));
            services = Assembly.start(config, Clock.systemUTC(), webApplication(filterConfig.getServletContext()),
                    new ServletHostApplication(filterConfig.getServletContext()));
            LOG.info("Portcullis started: " + config);
        } catch (ConfigException | FeatureException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        try {
            DispatcherType dispatch = request.getDispatcherType();
            boolean original = dispatch == DispatcherType.REQUEST;
            // Read once: Jetty builds the string anew on every call.
            String requestUri = original ? request.getRequestURI() : null;
            if (original) {
                services.firewall().checkRequestUri(requestUri);
            }
            // The container's own request, new (REQUEST) and unwrapped, carries no identity of ours: skip the look-up
            // (an attribute read costs Jetty a chain of maps). A later dispatch, or a second pass, does look.
            boolean fresh = original && !(request instanceof jakarta.servlet.ServletRequestWrapper);
            Identity known = !fresh && request.getAttribute(Portcullis.IDENTITY_ATTRIBUTE) instanceof Identity i ? i : null;
            // The tenant before anything else: identity, caches and every query are that tenant's alone.
            Tenant tenant = known != null ? known.tenant() : services.tenants().resolve(request);
            String varies = services.tenants().varies();
            if (varies != null && original) {
                response.addHeader("Vary", varies); // the reply is the header's tenant's: no shared cache may mix them
            }
            if (tenant == null) {
                unknownTenant(request, response, chain);
                return;
            }
            try (TenantScope.Bound bound = services.bind(tenant)) {
                pass(request, response, chain, dispatch, requestUri, known, tenant);
            }
        } catch (RejectedPathException e) {
            ErrorReplies.replace(request, response, ApiError.badRequest("bad_path", "The path is not allowed: " + e.getMessage()));
        } catch (ApiError e) {
            refuse(request, response, e);
        } catch (DatabaseUnavailableException e) {
            ErrorReplies.replace(request, response, ApiError.unavailable());
        }
    }

    /** The request's way through identity, CSRF, endpoints, routes and checks, with its tenant bound. */
    private void pass(HttpServletRequest request, HttpServletResponse response, FilterChain chain, DispatcherType dispatch,
                      String requestUri, Identity known, Tenant tenant) throws IOException, ServletException {
        boolean original = dispatch == DispatcherType.REQUEST;
        HttpServletRequest identified = request;
        Identity identity;
        boolean identifiedHere = false;
        if (known != null) {
            identity = known; // a dispatch of a request identified already; it carries our wrapper
        } else {
            identity = services.identities().resolve(request, tenant);
            identifiedHere = true;
            identified = identify(request, identity);
        }
        AuthType by = identity.authType().orElse(null);
        CsrfVerdict csrf = services.csrf().judge(request, identifiedHere && by == AuthType.COOKIE, by == AuthType.BEARER);
        // Each read once: Jetty works the servlet path and path info out anew on every call.
        String path = joined(request.getServletPath(), request.getPathInfo());
        if (original && services.endpoints().handles(path)) {
            if (csrf.refusedByEndpoints()) {
                throw CsrfVerdict.refusal(); // also login CSRF: a sign-in posted from another site
            }
            services.endpoints().serve(path, identified, response, identity);
            return;
        }
        if (!identity.apiAccess()) {
            // api_access off: Portcullis' own endpoints (above) know the user; the host sees a guest.
            identity = Identity.guest(identity.tenant());
            identified = identify(request, identity);
        }
        if (dispatch == DispatcherType.INCLUDE) {
            // The included path; the request's own methods still describe the including request.
            path = joined((String) request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH),
                    (String) request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO));
        }
        Resolution resolution = services.paths().resolve(path);
        if (!(resolution instanceof Resolution.Unguarded)) {
            // As the container decoded it, before canonicalisation.
            services.firewall().checkGuarded(requestUri, path);
            MethodCheck.check(request);
            if (csrf.refusedByGuardedRoutes()) {
                throw CsrfVerdict.refusal();
            }
        } else if (csrf.reachesUnguardedAsGuest()) {
            // An unguarded host page may act on getRemoteUser(): a forged request reaches it as a guest.
            identity = Identity.guest(tenant);
            identified = identify(request, identity);
        }
        if (resolution instanceof Resolution.Matched matched) {
            services.guard().guard(matched.match(), identified, response, chain, identity);
        } else if (resolution instanceof Resolution.Refused refused) {
            // Under a guarded prefix but no route's: fail closed.
            throw refused.cause() == Resolution.Refused.Cause.NO_ROUTE
                    ? new ApiError(404, "not_found", refused.reason())
                    : ApiError.badRequest("bad_path", refused.reason());
        } else {
            chain.doFilter(identified, response);
        }
    }

    /**
     * A request that names no configured tenant: 404 {@code unknown_tenant} on Portcullis' endpoints and guarded
     * routes; the host's unguarded pages are served as if Portcullis were not there (no identity, no checks).
     */
    private void unknownTenant(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = joined(request.getServletPath(), request.getPathInfo());
        if (services.endpoints().handles(path) || !(services.paths().resolve(path) instanceof Resolution.Unguarded)) {
            ErrorReplies.replace(request, response, new ApiError(404, "unknown_tenant",
                    "This address belongs to no tenant of this application."));
            return;
        }
        chain.doFilter(request, response);
    }

    /** A refusal on the way to the host: a guest's browser is sent to sign in, any other caller gets it as JSON. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, ApiError refusal) throws IOException {
        SigninRedirect signin = services.signinRedirect();
        if (signin.redirects(request, response, refusal)) {
            signin.send(request, response, joined(request.getServletPath(), request.getPathInfo()));
        } else {
            ErrorReplies.replace(request, response, refusal, signin.vary(request, refusal));
        }
    }

    private IdentityRequest identify(HttpServletRequest request, Identity identity) {
        request.setAttribute(Portcullis.IDENTITY_ATTRIBUTE, identity);
        request.setAttribute(Portcullis.PERMISSIONS_ATTRIBUTE, services.permissions());
        return services.wrap(request, identity);
    }

    /** A servlet path and path info as one path, either may be null: the container's decoded path, never the raw URI. */
    private static String joined(String servletPath, String pathInfo) {
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    /**
     * The web application's class loader: where modules' features are looked for, and what
     * {@code destroy} lets the JVM release (see ClassLoaderRelease). Null when the container will not
     * say; then modules are looked for beside Portcullis and nothing of the loader is released.
     */
    private static ClassLoader webApplication(ServletContext context) {
        try {
            return context.getClassLoader();
        } catch (SecurityException | UnsupportedOperationException e) {
            return null;
        }
    }

    static String contextName(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "ROOT" : path.substring(1).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Stops what {@code init} started: see {@link Assembly#close}. Safe when {@code init} failed (it
     * then closed what it had begun), and when called again.
     */
    @Override
    public void destroy() {
        Assembly started = services;
        if (started != null) {
            started.close();
            LOG.info("Portcullis stopped");
        }
    }
}
