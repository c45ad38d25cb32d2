package io.wspy.server.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link io.wspy.server.ServerConfig#logLevel()}: {@link System.Logger} has no way to set a level,
 * so this sets it on the framework behind it when that is the JDK's own {@code java.util.logging}
 * (the default), on the {@code io.wspy} loggers only. No handler is added or changed: where records
 * go and which of them are printed stays the application's logging configuration. Behind any
 * other framework (SLF4J, Log4j bridges), levels are that framework's configuration and nothing
 * is changed.
 */
public final class Logging {
    private static final String JUL_FINDER = "sun.util.logging.internal.LoggingProviderImpl";
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static Logger wspy;

    private Logging() {
    }

    /** Sets the level of the {@code io.wspy} loggers; returns false if logging is not java.util.logging. */
    public static synchronized boolean setLevel(System.Logger.Level level) {
        if (!JUL_FINDER.equals(System.LoggerFinder.getLoggerFinder().getClass().getName())) {
            return false;
        }
        if (wspy == null) {
            wspy = Logger.getLogger("io.wspy");
        }
        wspy.setLevel(toJul(level));
        return true;
    }

    static Level toJul(System.Logger.Level level) {
        switch (level) {
            case ALL: return Level.ALL;
            case TRACE: return Level.FINER;
            case DEBUG: return Level.FINE;
            case INFO: return Level.INFO;
            case WARNING: return Level.WARNING;
            case ERROR: return Level.SEVERE;
            default: return Level.OFF;
        }
    }
}
