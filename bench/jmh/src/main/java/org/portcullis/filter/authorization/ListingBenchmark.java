package org.portcullis.filter.authorization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.portcullis.filter.config.BenchConfigs;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.Bootstrap;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.Fresh;
import org.portcullis.filter.persistence.PermissionStore;
import org.portcullis.filter.routing.Route;
import org.portcullis.filter.routing.RoutePattern;
import org.portcullis.filter.tenancy.Tenant;

/**
 * The instance-after check of a listing, as the guard runs it on case (d) of bench/run
 * ({@code CollectionFilter} with {@code CheckedListings.readable}): the sample app's reply of 100 notes,
 * their permission rows from {@link AccessCache} (all in memory after the first call), the rule on each.
 * {@link #ownerKeepsAll}: every note is the caller's, so the host's bytes go out as they came.
 * {@link #ownerLosesOne}: one note of the 100 is someone else's, so the reply is read a second time and
 * rebuilt without it. {@link #ownerKeepsAllAgain}: the same reply again, equal but not the same array,
 * answered from what {@code CheckedListings} remembers ({@code cache.listings}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ListingBenchmark {

    private static final String NOTE = "note";
    private static final Route NOTES = new Route(RoutePattern.parse("/notes"), NOTE, Optional.empty());

    private Database database;
    private AccessCache cache;
    private byte[] owned;
    private byte[] oneForeign;
    private Subject owner;
    private CheckedListings unremembered;
    private CheckedListings remembered;
    private byte[] ownedAgain;
    private long changes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        PortcullisConfig config = BenchConfigs.of(Map.of("jdbc.url", "jdbc:h2:mem:listing-bench;DB_CLOSE_DELAY=-1",
                "jdbc.user", "sa", "schema", "create-or-extend"));
        database = new Database(config, new Bootstrap(config, Set.of(NOTE))::run, Clock.systemUTC());
        database.start();
        String ownerId = UUID.randomUUID().toString();
        String otherId = UUID.randomUUID().toString();
        for (int i = 1; i <= 101; i++) {
            String id = Integer.toString(i);
            String noteOwner = i == 101 ? otherId : ownerId;
            database.inTransaction(em -> PermissionStore.register(em, NOTE, id, noteOwner, null,
                    Permission.INSTANCE_DEFAULT));
        }
        owned = notes(50);
        oneForeign = notes(101);
        cache = AccessCache.over(database, Duration.ofHours(1), 10_000);
        owner = new Subject(ownerId, Set.of(UUID.randomUUID().toString()), false, null);
        unremembered = new CheckedListings(cache, 0);
        remembered = new CheckedListings(cache, 16 * 1024 * 1024);
        changes = cache.changes();
        ownedAgain = owned.clone();
        if (again(owned) != owned || again(ownedAgain) != owned) {
            throw new IllegalStateException("the second listing should be answered from memory");
        }
        if (filter(owned) != owned) {
            throw new IllegalStateException("the owner should keep every note");
        }
        if (filter(oneForeign).length >= oneForeign.length) {
            throw new IllegalStateException("the owner should lose the other user's note");
        }
    }

    /** The sample app's reply: notes 1 to 100, but {@code fiftieth} in the fiftieth place. */
    private static byte[] notes(int fiftieth) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 1; i <= 100; i++) {
            int id = i == 50 ? fiftieth : i;
            json.append(i > 1 ? "," : "").append("{\"id\":").append(id).append(",\"text\":\"bench note ").append(id)
                    .append("\"}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    private byte[] filter(byte[] body) throws IOException {
        Optional<byte[]> out = CollectionFilter.filter(body, ids -> unremembered.readable(Tenant.DEFAULT, owner, NOTE, ids).value());
        return out.orElseThrow();
    }

    private byte[] again(byte[] body) throws IOException {
        Fresh<Subject> asked = new Fresh<>(owner, cache.now() + Duration.ofHours(1).toNanos());
        return remembered.check(Tenant.DEFAULT, asked, changes, NOTES, body);
    }

    /** The owner lists the same 100 notes again: compared with the remembered reply, answered as before. */
    @Benchmark
    public byte[] ownerKeepsAllAgain() throws IOException {
        return again(ownedAgain);
    }

    /** The owner lists 100 notes, all theirs: one reading of the reply, 100 cached rows, the host's bytes out. */
    @Benchmark
    public byte[] ownerKeepsAll() throws IOException {
        return filter(owned);
    }

    /** The owner of 99 of the 100 notes: the reply is read twice and rebuilt without the one. */
    @Benchmark
    public byte[] ownerLosesOne() throws IOException {
        return filter(oneForeign);
    }

    /** Reading the 100-note reply for its ids alone, with the scanner that reads plain listings. */
    @Benchmark
    public Object readByScanner() {
        return ListingScanner.scan(owned, false);
    }

    /** The same reading by Jackson's streaming parser (what reads every other body). */
    @Benchmark
    public Object readByJackson() throws Exception {
        return CollectionFilter.readWithJackson(owned, false);
    }
}
