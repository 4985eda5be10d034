package org.portcullis.filter.identity;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.BufferRecyclers;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import java.lang.ref.SoftReference;
import java.util.function.Supplier;

/**
 * java-jwt reads and writes tokens with an {@code ObjectMapper} of its own, which keeps its buffers in
 * Jackson's default pool: a thread-local {@code SoftReference} on every thread that decoded or signed
 * a token. On a container's thread that entry holds a Jackson class of the web application, so the
 * class loader outlives an undeploy (Tomcat's {@code findleaks} names the application; its
 * thread-local check does not, the value being a JDK class). java-jwt takes no other pool, so each
 * call is wrapped here: for the call, the thread's entry holds buffers lent from a queue of ours,
 * and after it the entry is gone. A thread that held Jackson buffers of its own keeps them.
 *
 * <pre>{@code
 * DecodedJWT jwt = buffers.lentFor(() -> JWT.decode(token));
 * }</pre>
 *
 * <p>Jackson's thread-local is a protected field of {@link BufferRecyclers}, reached by extending it.
 */
final class JacksonThreadBuffers extends BufferRecyclers {

    /** Between calls the buffers wait here, on no thread. */
    private final RecyclerPool<BufferRecycler> idle = JsonRecyclerPools.newConcurrentDequePool();

    /** Runs {@code work} with buffers lent to this thread's Jackson entry, which is removed after it. */
    <T> T lentFor(Supplier<T> work) {
        if (held()) {
            return work.get(); // the entry is someone else's (say the host's Jackson): leave it be
        }
        BufferRecycler lent = idle.acquirePooled();
        _recyclerRef.set(new SoftReference<>(lent));
        try {
            return work.get();
        } finally {
            _recyclerRef.remove();
            idle.releasePooled(lent);
        }
    }

    /** Whether this thread has an entry in Jackson's thread-local pool. */
    static boolean held() {
        return _recyclerRef.get() != null;
    }
}
