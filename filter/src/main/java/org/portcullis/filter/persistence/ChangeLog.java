package org.portcullis.filter.persistence;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.model.CacheChange;

/**
 * A {@link Change} written as rows of {@code cache_change} and read back (CONTRACT §12), so that the other
 * nodes forget what one node's commit changed. One row per leaf: {@code user}, {@code token}, {@code entity},
 * {@code instance}, or {@code region} with the region's name.
 *
 * <pre>{@code
 * ChangeLog.write(em, node, tenant, Change.all(Change.user(id), Change.token(jti)), now); // two rows, in em's transaction
 * Change change = ChangeLog.read(row).orElseThrow();
 * Tenant whose = ChangeLog.tenant(row); // null: every tenant's
 * }</pre>
 */
final class ChangeLog {

    private ChangeLog() {
    }

    /**
     * Writes {@code change}'s rows in {@code em}'s transaction; nothing for {@link Change#nothing()}.
     *
     * @param tenant whose rows changed; null for every tenant's
     */
    static void write(EntityManager em, String node, Tenant tenant, Change change, Instant now) {
        String tid = tenant == null ? null : tenant.code();
        for (Leaf leaf : leaves(change, new ArrayList<>())) {
            em.persist(new CacheChange(node, now, tid, leaf.kind(), leaf.subject(), leaf.detail()));
        }
    }

    /** The tenant whose rows {@code row} names: null for every tenant's, or for a code that is no tenant's. */
    static Tenant tenant(CacheChange row) {
        String code = row.getTenantId();
        return Tenant.isCode(code) ? Tenant.of(code) : null;
    }

    private record Leaf(String kind, String subject, String detail) {
    }

    private static List<Leaf> leaves(Change change, List<Leaf> into) {
        if (change instanceof Change.User u) {
            into.add(new Leaf("user", u.userId(), null));
        } else if (change instanceof Change.Token t) {
            into.add(new Leaf("token", t.tokenId(), null));
        } else if (change instanceof Change.Entity e) {
            into.add(new Leaf("entity", e.entity(), null));
        } else if (change instanceof Change.Instance i) {
            into.add(new Leaf("instance", i.entity(), i.instanceId()));
        } else if (change instanceof Change.Region r) {
            into.add(new Leaf("region", r.name(), null));
        } else if (change instanceof Change.Several several) {
            several.changes().forEach(c -> leaves(c, into));
        }
        return into;
    }

    /** The change a row names; empty for a row this version cannot read (a newer node's), which is skipped. */
    static Optional<Change> read(CacheChange row) {
        String subject = row.getSubject();
        try {
            return Optional.of(switch (row.getKind()) {
                case "user" -> Change.user(subject);
                case "token" -> Change.token(subject);
                case "entity" -> Change.entity(subject);
                case "instance" -> Change.instance(subject, row.getDetail());
                case "region" -> Change.Region.valueOf(subject);
                default -> throw new IllegalArgumentException(row.getKind());
            });
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
