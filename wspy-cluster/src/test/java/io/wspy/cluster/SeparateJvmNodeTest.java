package io.wspy.cluster;

import io.wspy.cluster.demo.ChatNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.wspy.cluster.ClusterTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node in a JVM of its own (the chat node, started as a child {@code java} process on the test
 * class path) beside two nodes in this JVM: they talk through Redis; then the child is killed
 * (SIGKILL) and the two others go on, and its clients leave the presence once it expires.
 */
class SeparateJvmNodeTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("ChatNode (\\S+) listening on (\\d+)");

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Process child;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void nodesInTwoJvmsShareARoomAndTheSurvivorsGoOnWhenOneIsKilled() throws Exception {
        ChatNode a = ClusterTestSupport.redisNode(REDIS.uri(), "a");
        toClose.add(a);
        ChatNode b = ClusterTestSupport.redisNode(REDIS.uri(), "b");
        toClose.add(b);
        int childPort = startChildNode("c");

        TestClient onA = client(a.server().port());
        TestClient onB = client(b.server().port());
        TestClient onC = client(childPort);
        onA.join("chat");
        onB.join("chat");
        onC.join("chat");

        onC.send("/say chat hello from another JVM");
        assertEquals("[chat] c/1: hello from another JVM", onA.await(m -> m.startsWith("[chat]"), WAIT));
        assertEquals("[chat] c/1: hello from another JVM", onB.await(m -> m.startsWith("[chat]"), WAIT));
        assertEquals("[chat] c/1: hello from another JVM", onC.await(m -> m.startsWith("[chat]"), WAIT));
        onA.send("/say chat hi c");
        assertEquals("[chat] a/1: hi c", onC.await(m -> m.startsWith("[chat]"), WAIT));
        assertEquals("[chat] a/1: hi c", onB.await(m -> m.startsWith("[chat]"), WAIT));
        onA.send("/who chat");
        assertEquals("/who chat 3 a/1 b/1 c/1", onA.await(m -> m.startsWith("/who"), WAIT));

        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        await("the killed node's client sees its connection end", WAIT, onC::wasClosed);

        onB.send("/say chat still here");
        assertEquals("[chat] b/1: still here", onA.await(m -> m.startsWith("[chat]"), WAIT));
        assertEquals("[chat] b/1: still here", onB.await(m -> m.startsWith("[chat]"), WAIT));
        await("the killed node's member expires from the presence", WAIT,
                () -> a.rooms().presence("chat").count() == 2);
        assertEquals(java.util.Set.of("a/1", "b/1"), b.rooms().presence("chat").members());
        assertTrue(a.rooms().isBrokerConnected() && b.rooms().isBrokerConnected());
    }

    private TestClient client(int port) throws IOException {
        TestClient c = TestClient.connect(port);
        toClose.add(0, c);
        return c;
    }

    private int startChildNode(String nodeId) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Path errors = Files.createTempFile("wspy-chat-node-", ".log");
        errors.toFile().deleteOnExit();
        child = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ChatNode.class.getName(), "0", REDIS.uri(), nodeId, "2")
                .redirectError(errors.toFile())
                .start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(2)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("the child node ended before listening"));
        }, "child-node-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the child node did not start: " + Files.readString(errors), e);
        }
    }
}
