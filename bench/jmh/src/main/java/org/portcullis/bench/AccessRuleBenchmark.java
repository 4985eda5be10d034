package org.portcullis.bench;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.AccessRule;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;

/**
 * The decision rule on rows already in memory: a user in 10 groups (plus their own) asking about an
 * instance with the default permission, linked to its owner's own group and to two shared groups, one
 * of which the user is in. Three situations: the owner, a group member, a stranger (guest tier); and a
 * fourth on the same row with three named-user entries, one of them the member's, which decides for them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessRuleBenchmark {

    private Subject owner;
    private Subject member;
    private Subject stranger;
    private AccessRow instance;
    private AccessRow named;

    @Setup
    public void setUp() {
        String ownerId = id();
        String ownerGroup = id();
        Set<String> memberGroups = new LinkedHashSet<>();
        for (int i = 0; i < 10; i++) {
            memberGroups.add(id());
        }
        String sharedGroup = memberGroups.iterator().next();
        Map<String, Permission> links = new HashMap<>();
        links.put(ownerGroup, Permission.parse("group:pr"));
        links.put(sharedGroup, Permission.parse("group:pru"));
        links.put(id(), Permission.parse("group:prud"));
        instance = new AccessRow(ownerId, Permission.INSTANCE_DEFAULT, links);

        owner = new Subject(ownerId, Set.of(ownerGroup, id()), false, ownerGroup);
        String memberId = id();
        String memberOwn = id();
        Set<String> withOwn = new LinkedHashSet<>(memberGroups);
        withOwn.add(memberOwn);
        member = new Subject(memberId, withOwn, false, memberOwn);
        String strangerOwn = id();
        stranger = new Subject(id(), Set.of(strangerOwn, id(), id()), false, strangerOwn);
        named = new AccessRow(ownerId, Permission.INSTANCE_DEFAULT, links,
                Map.of(memberId, Permission.parseTierBits("pr"), id(), 127, id(), 0));
        if (!AccessRule.allows(owner, instance, Permission.Action.READ)
                || !AccessRule.allows(member, instance, Permission.Action.UPDATE)
                || AccessRule.allows(stranger, instance, Permission.Action.READ)
                || AccessRule.allows(member, named, Permission.Action.UPDATE)) {
            throw new IllegalStateException("the bench rows do not give the expected answers");
        }
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Benchmark
    public boolean ownerReads() {
        return AccessRule.allows(owner, instance, Permission.Action.READ);
    }

    @Benchmark
    public boolean groupMemberUpdates() {
        return AccessRule.allows(member, instance, Permission.Action.UPDATE);
    }

    @Benchmark
    public boolean strangerIsRefused() {
        return AccessRule.allows(stranger, instance, Permission.Action.READ);
    }

    @Benchmark
    public boolean namedUserIsDecidedByTheirEntry() {
        return AccessRule.allows(member, named, Permission.Action.UPDATE);
    }
}
