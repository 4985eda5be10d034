package org.portcullis.filter.persistence;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.portcullis.model.RevokedToken;

/** The list of tokens revoked before their expiry, keyed on {@code jti}. */
public final class Revocations {

    private Revocations() {
    }

    public static boolean isRevoked(EntityManager em, String tokenId) {
        return em.find(RevokedToken.class, tokenId) != null;
    }

    /** Revokes a token; revoking one twice is harmless. */
    public static void revoke(EntityManager em, String tokenId, Instant expiresAt) {
        if (em.find(RevokedToken.class, tokenId) == null) {
            em.persist(new RevokedToken(tokenId, expiresAt));
        }
    }

    /** Deletes the rows of tokens that have expired anyway; returns how many. */
    public static int sweep(EntityManager em, Instant now) {
        return em.createQuery("delete from RevokedToken r where r.expiresAt < :now")
                .setParameter("now", now.toEpochMilli())
                .executeUpdate();
    }
}
