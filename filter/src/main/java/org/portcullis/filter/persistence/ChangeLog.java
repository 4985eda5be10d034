package org.portcullis.filter.persistence;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.portcullis.model.CacheChange;

/**
 * A {@link Change} written as rows of {@code cache_change} and read back (CONTRACT §12), so that the other
 * nodes forget what one node's commit changed. One row per leaf: {@code user}, {@code token}, {@code entity},
 * {@code instance}, or {@code region} with the region's name.
 *
 * <pre>{@code
 * ChangeLog.write(em, node, Change.all(Change.user(id), Change.token(jti)), now);   // two rows, in em's transaction
 * Change change = ChangeLog.read(row).orElseThrow();
 * }</pre>
 */
final class ChangeLog {

    private ChangeLog() {
    }

    /** Writes {@code change}'s rows in {@code em}'s transaction; nothing for {@link Change#nothing()}. */
    static void write(EntityManager em, String node, Change change, Instant now) {
        for (CacheChange row : rows(node, change, now, new ArrayList<>())) {
            em.persist(row);
        }
    }

    private static List<CacheChange> rows(String node, Change change, Instant now, List<CacheChange> into) {
        if (change instanceof Change.User u) {
            into.add(new CacheChange(node, now, "user", u.userId(), null));
        } else if (change instanceof Change.Token t) {
            into.add(new CacheChange(node, now, "token", t.tokenId(), null));
        } else if (change instanceof Change.Entity e) {
            into.add(new CacheChange(node, now, "entity", e.entity(), null));
        } else if (change instanceof Change.Instance i) {
            into.add(new CacheChange(node, now, "instance", i.entity(), i.instanceId()));
        } else if (change instanceof Change.Region r) {
            into.add(new CacheChange(node, now, "region", r.name(), null));
        } else if (change instanceof Change.Several several) {
            several.changes().forEach(c -> rows(node, c, now, into));
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
