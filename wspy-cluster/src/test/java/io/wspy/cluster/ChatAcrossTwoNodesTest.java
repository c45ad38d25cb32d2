package io.wspy.cluster;

import io.wspy.cluster.demo.ChatNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The chat example across two nodes on one Redis: a client on node A says something, a client on node B hears it. */
class ChatAcrossTwoNodesTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aClientOnNodeBHearsAClientOnNodeA() throws Exception {
        try (ChatNode a = ClusterTestSupport.redisNode(REDIS.uri(), "node-a");
             ChatNode b = ClusterTestSupport.redisNode(REDIS.uri(), "node-b");
             TestClient alice = TestClient.connect(a.server().port());
             TestClient bob = TestClient.connect(b.server().port())) {
            alice.join("lobby");
            bob.join("lobby");
            alice.send("/say lobby hello Bob");
            assertEquals("[lobby] node-a/1: hello Bob", bob.await(m -> m.startsWith("[lobby]"), WAIT));
            bob.send("/say lobby hello Alice");
            assertEquals("[lobby] node-b/1: hello Alice", alice.await(m -> m.startsWith("[lobby] node-b"), WAIT));
            bob.send("/all the server restarts at 10:00");
            assertEquals("[all] node-b/1: the server restarts at 10:00", alice.await(m -> m.startsWith("[all]"), WAIT));
        }
    }
}
