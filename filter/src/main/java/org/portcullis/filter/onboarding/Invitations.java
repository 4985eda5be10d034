package org.portcullis.filter.onboarding;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.Invitation;
import org.portcullis.model.UserAccount;

/**
 * The invitations of CONTRACT §8, each step one transaction (or a step of its caller's): an invitation is
 * a row (inviter, e-mail, metadata, status, expiry) and a code with a link in the one code store, purpose
 * {@link OneTimeCodes.Purpose#INVITATION}, bound to the e-mail. Hence:
 * <ul>
 *   <li>a code for one address is none for another (the address is part of the code's key and HMAC);</li>
 *   <li>one live invitation per address: a re-invitation, by anyone, marks the earlier row
 *       {@code replaced} and issues a new code, which kills the old one (re-invite rotates the code);</li>
 *   <li>a cancel marks the row {@code cancelled} and deletes the code: it dies at once;</li>
 *   <li>redemption ({@link #accept}) runs inside the code's consuming transaction, so of racing
 *       redemptions one makes an account; a plain sign-up of the address touches neither row nor code.</li>
 * </ul>
 * The row holds nothing secret, so listing it ({@code GET /api/invitation}) is safe for its inviter.
 *
 * <pre>{@code
 * Invitation made = invitations.invite(inviter, "ada@example.org", "{\"team\":\"engines\"}");
 * invitations.cancel(made.getId(), inviter.getId(), false);
 * }</pre>
 */
public final class Invitations {

    private final Database database;
    private final AccountMails mails;
    private final Duration ttl;
    private final Clock clock;

    /** @param ttl {@code invitation.ttl} */
    public Invitations(Database database, AccountMails mails, Duration ttl, Clock clock) {
        this.database = database;
        this.mails = mails;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * Invites {@code email}: the row, the code and the mail in one transaction. The same for an address that
     * has an account as for one that has none (no enumeration): its owner gets the mail, and can ignore it.
     *
     * @param metadata a JSON object's text (at most 4 KiB, checked by the caller), or {@code null}
     */
    public Invitation invite(UserAccount inviter, String email, String metadata) {
        mails.require();
        try {
            return inviteOnce(inviter, email, metadata);
        } catch (DatabaseUnavailableException raced) {
            // Two invitations of one address at once: the second insert met the first's code on the unique key.
            // Once more, now that the first has committed, makes the second the live one, as in sequence.
            return inviteOnce(inviter, email, metadata);
        }
    }

    private Invitation inviteOnce(UserAccount inviter, String email, String metadata) {
        return database.inTransaction(Change.nothing(), em -> {
            em.createQuery("update Invitation i set i.status = :replaced where i.email = :email and i.status = :pending")
                    .setParameter("replaced", Invitation.Status.REPLACED)
                    .setParameter("pending", Invitation.Status.PENDING)
                    .setParameter("email", email)
                    .executeUpdate();
            Invitation row = new Invitation(inviter.getId(), email, metadata, clock.instant().plus(ttl));
            em.persist(row);
            mails.invitation(em, email, inviter.getName(), ttl);
            return row;
        });
    }

    /** The invitations {@code userId} sent, or with {@code all} every one; newest first, at most {@code limit}. */
    public List<Invitation> list(String userId, boolean all, int offset, int limit) {
        return database.read(em -> (all
                ? em.createQuery("select i from Invitation i order by i.createdAt desc, i.id", Invitation.class)
                : em.createQuery("select i from Invitation i where i.inviterId = :user order by i.createdAt desc, i.id",
                        Invitation.class).setParameter("user", userId))
                .setFirstResult(offset).setMaxResults(limit).getResultList());
    }

    /**
     * Cancels a pending invitation: its code and link die with it.
     *
     * @param administrator whether the caller may cancel anyone's
     * @throws ApiError 404 {@code not_found} for an invitation that is not the caller's (or none); 409
     *     {@code not_pending} for one accepted, cancelled, replaced or expired
     */
    public void cancel(String id, String userId, boolean administrator) {
        database.inTransaction(Change.nothing(), em -> {
            Invitation row = em.find(Invitation.class, id);
            if (row == null || !(administrator || row.getInviterId().equals(userId))) {
                throw new ApiError(404, "not_found", "There is no such invitation.");
            }
            if (!row.isLive(clock.instant())) {
                throw ApiError.conflict("not_pending", "This invitation is " + shownStatus(row) + "; only a pending one"
                        + " can be cancelled.");
            }
            row.setStatus(Invitation.Status.CANCELLED);
            OneTimeCodes.kill(em, OneTimeCodes.Purpose.INVITATION, row.getEmail());
            return null;
        });
    }

    /**
     * Inside the transaction that consumes an invitation code for {@code email}: the live invitation of the
     * address becomes {@code accepted} by {@code userId}.
     *
     * @return the invitation, for its inviter and metadata
     * @throws ApiError 400 {@code invalid_code} when the address has no live invitation (cancelled, expired)
     */
    public Invitation live(EntityManager em, String email) {
        return em.createQuery("select i from Invitation i where i.email = :email and i.status = :pending"
                        + " and i.expiresAt > :now order by i.createdAt desc", Invitation.class)
                .setParameter("email", email)
                .setParameter("pending", Invitation.Status.PENDING)
                .setParameter("now", clock.millis())
                .setMaxResults(1)
                .getResultStream().findFirst().orElseThrow(OneTimeCodes::invalidCode);
    }

    /** What {@code GET /api/invitation} shows as its status: {@code expired} for a pending one past its time. */
    public String shownStatus(Invitation row) {
        if (row.getStatus() == Invitation.Status.PENDING && !row.isLive(clock.instant())) {
            return "expired";
        }
        return row.getStatus().code();
    }
}
