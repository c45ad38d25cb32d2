package io.wspy.handshake;

import io.wspy.frame.extension.ExtensionFactory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every builder option that takes several values takes them as varargs and as a List alike. */
class BuilderOverloadsTest {
    @Test
    void buildersTakeListsAndVarargsAlike() {
        ExtensionFactory fake = new FakeExtensionFactory();
        ClientHandshakeConfig client = ClientHandshakeConfig.builder().subprotocols(List.of("chat", "v2"))
                .extensions(fake).build();
        assertEquals(ClientHandshakeConfig.builder().subprotocols("chat", "v2").build().subprotocols(),
                client.subprotocols());
        assertEquals(List.of(fake), client.extensions());
        ServerHandshakeConfig server = ServerHandshakeConfig.builder().subprotocols(List.of("chat"))
                .paths(List.of("/a")).trustedOrigins(List.of("https://Example.com")).extensions(fake).build();
        ServerHandshakeConfig same = ServerHandshakeConfig.builder().subprotocols("chat")
                .paths("/a").trustedOrigins("https://Example.com").extensions(List.of(fake)).build();
        assertEquals(same.subprotocols(), server.subprotocols());
        assertEquals(same.paths(), server.paths());
        assertEquals(same.trustedOrigins(), server.trustedOrigins());
        assertEquals(same.extensions(), server.extensions());
        assertEquals("subprotocols", assertThrows(NullPointerException.class,
                () -> ServerHandshakeConfig.builder().subprotocols((List<String>) null)).getMessage());
    }
}
