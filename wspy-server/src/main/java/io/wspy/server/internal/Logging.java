package io.wspy.server.internal;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The seed's {@code loglevel} convenience. {@link System.Logger} has no way to set a level, so
 * this works on the logging framework behind it when that is the JDK's own
 * {@code java.util.logging} (the default): the {@code io.wspy} logger gets the level and a console
 * handler that prints at that level. Behind any other framework (SLF4J, Log4j bridges), levels
 * are that framework's configuration and nothing is changed.
 */
public final class Logging {
    private static final String JUL_FINDER = "sun.util.logging.internal.LoggingProviderImpl";
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static Logger root;
    private static ConsoleHandler console;

    private Logging() {
    }

    /** Sets the level of the {@code io.wspy} loggers; returns false if logging is not java.util.logging. */
    public static synchronized boolean setLevel(System.Logger.Level level) {
        if (!JUL_FINDER.equals(System.LoggerFinder.getLoggerFinder().getClass().getName())) {
            return false;
        }
        Level jul = toJul(level);
        if (root == null) {
            root = Logger.getLogger("io.wspy");
            console = new ConsoleHandler();
            root.addHandler(console);
            root.setUseParentHandlers(false);
        }
        root.setLevel(jul);
        console.setLevel(jul);
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
