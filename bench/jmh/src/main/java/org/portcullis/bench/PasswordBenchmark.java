package org.portcullis.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.portcullis.filter.identity.Passwords;

/**
 * One bcrypt check at the configured cost (default 11), the work of every sign-in. bench/run divides
 * the core count by this time to get the sign-in throughput a server can reach at best.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasswordBenchmark {

    @Param("11")
    public int cost;

    private Passwords passwords;
    private String hash;

    @Setup
    public void setUp() {
        passwords = new Passwords(cost);
        hash = passwords.hash("bench-password-1");
    }

    @Benchmark
    public boolean matches() {
        return passwords.matches("bench-password-1", hash);
    }
}
