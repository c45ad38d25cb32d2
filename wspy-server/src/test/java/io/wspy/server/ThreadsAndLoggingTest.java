package io.wspy.server;

import io.wspy.server.internal.Logging;
import io.wspy.server.internal.Threads;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadsAndLoggingTest {
    private static boolean isVirtual(Thread t) throws Exception {
        if (Runtime.version().feature() < 21) {
            return false;
        }
        return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
    }

    @Test
    void connectionThreadsAreVirtualFromJava21On() throws Exception {
        Thread t = Threads.perTask("test").newThread(() -> { });
        assertEquals(Runtime.version().feature() >= 21, isVirtual(t));
        assertEquals(Runtime.version().feature() >= 21, Threads.virtual());
        assertTrue(t.getName().startsWith("test-"), t.getName());
        assertTrue(t.isDaemon());
    }

    @Test
    void platformThreadsCanBeForced() throws Exception {
        System.setProperty("wspy.threads", "platform");
        try {
            Thread t = Threads.perTask("forced").newThread(() -> { });
            assertEquals(false, isVirtual(t));
            assertTrue(t.isDaemon());
        } finally {
            System.clearProperty("wspy.threads");
        }
    }

    @Test
    void handlerExecutorRunsTasksAndShutsDown() throws Exception {
        ExecutorService executor = Threads.handlerExecutor("events");
        CompletableFuture<String> name = new CompletableFuture<>();
        executor.execute(() -> name.complete(Thread.currentThread().getName()));
        assertTrue(name.get(5, TimeUnit.SECONDS).startsWith("events-"));
        executor.shutdown();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void logLevelSetsTheJavaUtilLoggingLevelOfWspy() {
        assertTrue(Logging.setLevel(System.Logger.Level.DEBUG), "java.util.logging backs System.Logger here");
        assertEquals(java.util.logging.Level.FINE, java.util.logging.Logger.getLogger("io.wspy").getLevel());
        assertTrue(System.getLogger("io.wspy.server").isLoggable(System.Logger.Level.DEBUG));
        assertTrue(Logging.setLevel(System.Logger.Level.WARNING));
        assertEquals(false, System.getLogger("io.wspy.server").isLoggable(System.Logger.Level.INFO));
        Logging.setLevel(System.Logger.Level.INFO);
    }

    @Test
    void logLevelTouchesNoHandlerAndNoOtherLogger() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level rootLevel = root.getLevel();
        java.util.logging.Handler[] rootHandlers = root.getHandlers();
        java.util.logging.Logger wspy = java.util.logging.Logger.getLogger("io.wspy");
        assertTrue(Logging.setLevel(System.Logger.Level.DEBUG));
        assertEquals(0, wspy.getHandlers().length, "no handler of wspy's own");
        assertTrue(wspy.getUseParentHandlers(), "records still go to the application's handlers");
        assertEquals(rootLevel, root.getLevel());
        assertArrayEquals(rootHandlers, root.getHandlers());
        Logging.setLevel(System.Logger.Level.INFO);
    }
}
