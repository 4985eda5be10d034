package org.portcullis.filter;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
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
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.persistence.DatabaseUnavailableException;

/**
 * The filter a host declares in {@code web.xml}. A request goes: identify, then either one of
 * Portcullis' own endpoints, or the host's servlet with the identity attached.
 */
public final class PortcullisFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(PortcullisFilter.class.getName());

    private Services services;

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        try {
            PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(filterConfig),
                    contextName(filterConfig.getServletContext()));
            services = Services.start(config, Clock.systemUTC());
            LOG.info("Portcullis started: " + config);
        } catch (ConfigException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || request.getAttribute(Portcullis.IDENTITY_ATTRIBUTE) != null) {
            chain.doFilter(req, res); // not HTTP, or a dispatch of a request we already identified
            return;
        }
        Identity identity;
        try {
            identity = services.identities().resolve(request);
        } catch (DatabaseUnavailableException e) {
            Endpoints.fail(response, Endpoints.unavailable());
            return;
        }
        request.setAttribute(Portcullis.IDENTITY_ATTRIBUTE, identity);
        HttpServletRequest identified = services.wrap(request, identity);
        if (request.getDispatcherType() == DispatcherType.REQUEST
                && services.endpoints().serve(pathWithinApplication(request), identified, response, identity)) {
            return;
        }
        chain.doFilter(identified, response);
    }

    /** The container's decoded path, never the raw request URI. */
    static String pathWithinApplication(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    static String contextName(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "ROOT" : path.substring(1).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public void destroy() {
        if (services != null) {
            services.close();
        }
    }
}
