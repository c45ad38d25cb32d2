package io.wspy.handshake;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpHeadersTest {
    private final HttpHeaders headers = HttpHeaders.builder()
            .add("Host", "example.com")
            .add("Connection", "keep-alive, Upgrade")
            .add("Sec-WebSocket-Protocol", "chat")
            .add("sec-websocket-protocol", "superchat,  , v2 ")
            .build();

    @Test
    void namesAreCaseInsensitive() {
        assertEquals("example.com", headers.first("HOST"));
        assertEquals("example.com", headers.first("host"));
        assertTrue(headers.contains("CONNECTION"));
        assertFalse(headers.contains("Origin"));
        assertNull(headers.first("Origin"));
    }

    @Test
    void repeatedFieldsStayApartAndCombineWithComma() {
        assertEquals(List.of("chat", "superchat,  , v2"), headers.all("Sec-WebSocket-Protocol"));
        assertEquals("chat, superchat,  , v2", headers.combined("SEC-WEBSOCKET-PROTOCOL"));
        assertNull(headers.combined("Origin"));
        assertEquals(List.of(), headers.all("Origin"));
    }

    @Test
    void listElementsAreTrimmedAndEmptyOnesDropped() {
        assertEquals(List.of("chat", "superchat", "v2"), headers.elements("sec-websocket-protocol"));
        assertEquals(List.of("keep-alive", "Upgrade"), headers.elements("Connection"));
    }

    @Test
    void tokenLookupIgnoresCaseAndNeedsWholeElements() {
        assertTrue(headers.containsToken("Connection", "upgrade"));
        assertTrue(headers.containsToken("connection", "KEEP-ALIVE"));
        assertFalse(headers.containsToken("Connection", "keep"));
        assertFalse(headers.containsToken("Upgrade", "websocket"));
    }

    @Test
    void keepsOrderAndOriginalNameSpelling() {
        assertEquals(4, headers.size());
        assertEquals("sec-websocket-protocol", headers.fields().get(3).name());
        assertEquals("Host: example.com\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Protocol: chat\r\n"
                + "sec-websocket-protocol: superchat,  , v2\r\n", headers.toString());
    }

    @Test
    void valuesAreTrimmedOfOptionalWhitespace() {
        assertEquals("a b", HttpHeaders.of("X", " \ta b\t ").first("x"));
    }

    @Test
    void builderSetReplacesAndRemoveDeletesEveryField() {
        HttpHeaders h = headers.toBuilder().set("SEC-WEBSOCKET-PROTOCOL", "one").remove("host").build();
        assertEquals(List.of("one"), h.all("Sec-WebSocket-Protocol"));
        assertFalse(h.contains("Host"));
        assertEquals(2, h.size());
        assertEquals(4, headers.size(), "the original is unchanged");
    }

    @Test
    void rejectsInvalidNamesAndValues() {
        HttpHeaders.Builder b = HttpHeaders.builder();
        assertThrows(IllegalArgumentException.class, () -> b.add("Bad Name", "x"));
        assertThrows(IllegalArgumentException.class, () -> b.add("Bad:Name", "x"));
        assertThrows(IllegalArgumentException.class, () -> b.add("", "x"));
        assertThrows(IllegalArgumentException.class, () -> b.add("X", "a\r\nInjected: yes"));
        assertThrows(IllegalArgumentException.class, () -> b.add("X", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> b.add("X", "nul\0"));
        assertThrows(IllegalArgumentException.class, () -> b.add("X", "snowman \u2603"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("odd"));
        assertEquals(0, b.size());
    }

    @Test
    void acceptsObsTextAndTabsInValues() {
        assertEquals("caf\u00e9\tbar", HttpHeaders.of("X", "caf\u00e9\tbar").first("X"));
    }

    @Test
    void equalityFollowsFields() {
        assertEquals(HttpHeaders.of("A", "1", "B", "2"), HttpHeaders.builder().add("A", "1").add("B", "2").build());
        assertFalse(HttpHeaders.of("A", "1").equals(HttpHeaders.of("a", "1")));
        assertTrue(HttpHeaders.empty().isEmpty());
    }
}
