package org.portcullis.filter.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.portcullis.model.ModelCustomizer;

/**
 * The model's own settings (table prefix, tenants: {@link ModelCustomizer}), plus how EclipseLink
 * behaves when the database goes away: by default it retries a failed query three times, five seconds
 * apart, holding the request thread for up to fifteen seconds. A security filter must answer 503 promptly instead, so it retries once, at once
 * (which is enough to replace a pooled connection that died while the database restarted).
 */
public final class SessionSettings implements SessionCustomizer {

    @Override
    public void customize(Session session) throws Exception {
        new ModelCustomizer().customize(session);
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(1);
            login.setDelayBetweenConnectionAttempts(0);
            login.setConnectionHealthValidatedOnError(true);
        }
    }
}
