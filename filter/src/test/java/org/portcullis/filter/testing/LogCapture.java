package org.portcullis.filter.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one class' logger publishes, at every level, while this is open; closing puts the logger back
 * as it was. Records may come from the container's threads.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of(SignIn.class)) {
 *     ...
 *     assertEquals(List.of("sign-in failed for an unknown account from 10.0.0.1"), log.messages());
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level before;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Logger logger) {
        this.logger = logger;
        this.before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    public static LogCapture of(Class<?> loggerOf) {
        return new LogCapture(Logger.getLogger(loggerOf.getName()));
    }

    /** Every logger under {@code name}, e.g. {@code org.portcullis}: what all of Portcullis logs. */
    public static LogCapture under(String name) {
        return new LogCapture(Logger.getLogger(name));
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(before);
    }
}
