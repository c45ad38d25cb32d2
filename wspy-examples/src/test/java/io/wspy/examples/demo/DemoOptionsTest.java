package io.wspy.examples.demo;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoOptionsTest {
    @Test
    void noArgumentsMeanTheSeedsEchoServerOnPort8000() {
        DemoOptions o = DemoOptions.parse();
        assertEquals(8000, o.port);
        assertNull(o.host);
        assertFalse(o.threaded);
        assertTrue(o.deflate);
        assertNull(o.auth);
        assertEquals(-1, o.maxMessage);
    }

    @Test
    void everyFlagIsParsed() {
        DemoOptions o = DemoOptions.parse("--host", "127.0.0.1", "--port", "0", "--server", "threaded", "--no-deflate",
                "--max-message", "4096", "--origin", "http://a", "--origin", "http://b", "--protocol", "chat",
                "--path", "/ws", "--path", "/other", "--auth", "digest", "--user", "ann:se:cret", "--log-level", "debug");
        assertEquals("127.0.0.1", o.host);
        assertEquals(0, o.port);
        assertTrue(o.threaded);
        assertFalse(o.deflate);
        assertEquals(4096, o.maxMessage);
        assertEquals(List.of("http://a", "http://b"), o.origins);
        assertEquals(List.of("chat"), o.protocols);
        assertEquals(List.of("/ws", "/other"), o.paths);
        assertEquals("digest", o.auth);
        assertEquals(Map.of("ann", "se:cret"), o.users);
        assertEquals(System.Logger.Level.DEBUG, o.logLevel);
        assertTrue(DemoOptions.parse("--help").help);
    }

    @Test
    void mistakesGetAClearMessage() {
        assertEquals("--port takes a number from 0 to 65535, got x",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--port", "x")).getMessage());
        assertEquals("--server takes async or threaded, got fast",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--server", "fast")).getMessage());
        assertEquals("--path must start with '/': ws",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--path", "ws")).getMessage());
        assertEquals("--auth needs at least one --user NAME:PASSWORD",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--auth", "basic")).getMessage());
        assertEquals("--user needs --auth basic or --auth digest",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--user", "a:b")).getMessage());
        assertEquals("--user takes NAME:PASSWORD, got nopassword",
                assertThrows(IllegalArgumentException.class,
                        () -> DemoOptions.parse("--auth", "basic", "--user", "nopassword")).getMessage());
        assertEquals("--host needs a value",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--host")).getMessage());
        assertEquals("unknown option --tls",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--tls", "x")).getMessage());
    }

    @Test
    void tlsFlagsGiveTheKeyOneWay() {
        DemoOptions none = DemoOptions.parse();
        assertFalse(none.tls());
        DemoOptions pem = DemoOptions.parse("--tls-cert", "chain.pem", "--tls-key", "key.pem");
        assertTrue(pem.tls());
        assertEquals(Path.of("chain.pem"), pem.tlsCert);
        assertEquals(Path.of("key.pem"), pem.tlsKey);
        assertNull(pem.tlsPassword);
        DemoOptions encrypted = DemoOptions.parse("--tls-cert", "c.pem", "--tls-key", "k.pem", "--tls-password", "pw");
        assertEquals("pw", encrypted.tlsPassword);
        DemoOptions store = DemoOptions.parse("--tls-keystore", "server.p12", "--tls-password", "secret");
        assertTrue(store.tls());
        assertEquals(Path.of("server.p12"), store.tlsKeystore);
        assertEquals("secret", store.tlsPassword);

        assertEquals("--tls-cert and --tls-key go together",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--tls-cert", "c.pem")).getMessage());
        assertEquals("--tls-cert and --tls-key go together",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--tls-key", "k.pem")).getMessage());
        assertEquals("--tls-keystore needs --tls-password",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--tls-keystore", "s.p12"))
                        .getMessage());
        assertEquals("--tls-password needs --tls-keystore or --tls-cert/--tls-key",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--tls-password", "pw"))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--tls-keystore", "s.p12",
                "--tls-password", "pw", "--tls-cert", "c.pem", "--tls-key", "k.pem")).getMessage()
                .startsWith("--tls-keystore and --tls-cert/--tls-key are two ways"));
        assertTrue(DemoOptions.USAGE.contains("--tls-cert FILE"));
        assertTrue(DemoOptions.USAGE.contains("--tls-keystore FILE"));
    }
}
