package io.wspy.cluster;

import io.wspy.cluster.demo.ChatNode;
import io.wspy.protocol.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery from the history Redis keeps per room: a client that drops and reconnects (to another
 * connection of its node) with the position of the last message it saw gets what it missed, in
 * order, or is told that the gap is too old.
 */
class RecoveryTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int HISTORY = 10;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private ChatNode node(String id) throws IOException {
        RedisBroker broker = RedisBroker.create(RedisBrokerOptions.builder(REDIS.uri())
                .keyPrefix("recovery:").historySize(HISTORY).build());
        ChatNode node = ChatNode.start(0, broker, RoomsOptions.builder().nodeId(id)
                .positionStamp((position, m) -> new TextMessage("@" + position + " " + ((TextMessage) m).text()))
                .build());
        toClose.add(node);
        return node;
    }

    private TestClient client(ChatNode node) throws IOException {
        TestClient c = TestClient.connect(node.server().port());
        toClose.add(0, c);
        return c;
    }

    @Test
    void aClientThatReconnectsGetsWhatItMissedOrHearsThatTheGapIsTooOld() throws Exception {
        ChatNode a = node("a");
        ChatNode b = node("b");
        TestClient alice = client(a);
        TestClient bob = client(b);
        alice.join("r");
        bob.join("r");

        for (int i = 1; i <= 5; i++) {
            alice.send("/say r m" + i);
        }
        String lastSeen = null;
        for (int i = 1; i <= 5; i++) {
            lastSeen = expect(bob, "m" + i);
            assertEquals(lastSeen, expect(alice, "m" + i), "the publisher's clients see the same position");
        }
        bob.close();

        for (int i = 6; i <= 15; i++) {
            alice.send("/say r m" + i);
        }
        expectUpTo(alice, 15);
        TestClient bobAgain = client(b);
        bobAgain.join("r");
        bobAgain.send("/recover r " + lastSeen);
        for (int i = 6; i <= 15; i++) {
            lastSeen = expect(bobAgain, "m" + i);
        }
        assertEquals("/recovered r 10 complete", bobAgain.await(m -> m.startsWith("/recovered"), WAIT));
        bobAgain.close();

        for (int i = 16; i <= 250; i++) {
            alice.send("/say r m" + i);
        }
        expectUpTo(alice, 250);
        TestClient bobLate = client(b);
        bobLate.join("r");
        bobLate.send("/recover r " + lastSeen);
        String answer = bobLate.await(m -> m.startsWith("/recovered"), WAIT);
        assertTrue(answer.endsWith(" incomplete"), "the gap is older than the kept history: " + answer);

        bobLate.send("/recover r not-a-position");
        assertTrue(bobLate.await(m -> m.startsWith("/error"), WAIT).contains("position"));
    }

    @Test
    void aBrokerWithoutHistoryRefusesToRecover() {
        assertThrows(UnsupportedOperationException.class, () -> InProcessBroker.create().history("room:r", "1-0", 10));
    }

    /** Waits for the stamped message with {@code text} and returns its position. */
    private static String expect(TestClient client, String text) throws InterruptedException {
        String m = client.await(s -> s.startsWith("@"), WAIT);
        assertTrue(m.endsWith(": " + text), "expected " + text + " but got " + m);
        return m.substring(1, m.indexOf(' '));
    }

    private static void expectUpTo(TestClient client, int last) throws InterruptedException {
        client.await(s -> s.startsWith("@") && s.endsWith(": m" + last), WAIT);
    }
}
