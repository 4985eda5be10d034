package org.portcullis.filter.authorization;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.AccessRule;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.Fresh;
import org.portcullis.filter.routing.Route;
import org.portcullis.filter.tenancy.Tenant;

/**
 * The instance-after check of collection reads, remembering its last answer per caller and route:
 * when the caller gets from the same route the very bytes the check saw last time, and none of the
 * rows that decided it can have changed since, what went out then goes out again, and the reply is
 * not read a second time. A list that a page polls, or that many tabs show, is read about once per
 * {@code cache.ttl} instead of once per request.
 *
 * <p>An answer is reused only when all of these hold; otherwise the reply is checked again and the
 * answer replaced. The same tenant, caller (user id, or guest) and route. A reply equal byte for byte to the
 * one checked: compared in full, never by a hash. No change to an account, membership, {@code world}
 * row or instance row committed on this node since the rows were read ({@link AccessCache#changes()}),
 * counted before the caller's groups were read, so a change that commits while the host runs is not
 * remembered either. And not past the moment the oldest cached row the check read (the caller's
 * groups, each listed instance's row) stops standing for the database ({@link Fresh}): a change
 * made on another node counts within {@code cache.ttl}, as it does for every other check. The replies
 * and answers remembered take at most {@code cache.listings} bytes; zero, or a zero {@code cache.ttl},
 * switches this off.
 */
final class CheckedListings {

    /** The length tells most pages of one listing apart without asking the container for the query string. */
    private record Key(Tenant tenant, String userId, Route route, int length) {
    }

    /** A reply as the host gave it, what went out for it, and until when that answer holds. */
    private record Answer(byte[] reply, byte[] sent, long changes, long until) {
        int weight() {
            return 64 + reply.length + (sent == reply ? 0 : sent.length);
        }
    }

    private final AccessCache access;
    private final Cache<Key, Answer> answers;

    /** @param maximumBytes most bytes of replies and answers remembered; zero remembers none */
    CheckedListings(AccessCache access, long maximumBytes) {
        if (maximumBytes < 0) {
            throw new IllegalArgumentException("the size must not be negative");
        }
        this.access = access;
        this.answers = maximumBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maximumBytes)
                .<Key, Answer>weigher((key, answer) -> answer.weight())
                // Upkeep on the calling thread: no pool threads holding on to the web application.
                .executor(Runnable::run)
                .build();
    }

    /**
     * The reply as it may go out to {@code subject}: the items it may not read removed, as
     * {@link CollectionFilter#filter} does.
     *
     * @param tenant the request's tenant
     * @param asked the caller and until when their groups stand for the database
     * @param changesBefore {@link AccessCache#changes()} read before {@code asked} was
     */
    byte[] check(Tenant tenant, Fresh<Subject> asked, long changesBefore, Route route, byte[] reply)
            throws IOException {
        Subject subject = asked.value();
        String entity = route.entity();
        if (answers == null) {
            return CollectionFilter.filter(reply, ids -> readable(tenant, subject, entity, ids).value()).orElse(reply);
        }
        Key key = new Key(tenant, subject.userId(), route, reply.length);
        Answer known = answers.getIfPresent(key);
        if (known != null && known.changes() == changesBefore && access.now() - known.until() < 0
                && Arrays.equals(known.reply(), reply)) {
            return known.sent();
        }
        long[] until = {asked.until()};
        byte[] sent = CollectionFilter.filter(reply, ids -> {
            Fresh<boolean[]> decided = readable(tenant, subject, entity, ids);
            until[0] = decided.until(until[0]);
            return decided.value();
        }).orElse(reply);
        if (access.changes() == changesBefore) {
            answers.put(key, new Answer(reply, sent, changesBefore, until[0]));
        }
        return sent;
    }

    /**
     * Whether {@code subject} may read each of these instances, in their order, and until when that
     * holds: the listing's instance-after check (also what bench/jmh's {@code ListingBenchmark} measures).
     */
    Fresh<boolean[]> readable(Tenant tenant, Subject subject, String entity, List<String> instanceIds) {
        Fresh<AccessRow[]> rows = access.freshInstances(tenant, entity, instanceIds);
        boolean[] readable = new boolean[rows.value().length];
        for (int i = 0; i < readable.length; i++) {
            readable[i] = AccessRule.allows(subject, rows.value()[i], Permission.Action.READ);
        }
        return new Fresh<>(readable, rows.until());
    }

    /** How many answers are remembered now; for tests. */
    long size() {
        if (answers == null) {
            return 0;
        }
        answers.cleanUp();
        return answers.estimatedSize();
    }
}
