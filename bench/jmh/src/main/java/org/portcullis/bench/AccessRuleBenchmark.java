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
 * of which the user is in. Three situations: the owner, a group member, a stranger (guest tier).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessRuleBenchmark {

    private Subject owner;
    private Subject member;
    private Subject stranger;
    private AccessRow instance;

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
        if (!AccessRule.allows(owner, instance, Permission.Action.READ)
                || !AccessRule.allows(member, instance, Permission.Action.UPDATE)
                || AccessRule.allows(stranger, instance, Permission.Action.READ)) {
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
}
