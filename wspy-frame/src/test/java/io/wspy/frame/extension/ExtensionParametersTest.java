package io.wspy.frame.extension;

import io.wspy.frame.extension.ExtensionParameters.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtensionParametersTest {
    @Test
    void parsesANameAlone() throws ExtensionException {
        assertEquals(List.of(ExtensionParameters.of("permessage-deflate")),
                ExtensionParameters.parseHeader("permessage-deflate"));
    }

    @Test
    void parsesParametersWithAndWithoutValues() throws ExtensionException {
        List<ExtensionParameters> parsed = ExtensionParameters.parseHeader(
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10");
        assertEquals(1, parsed.size());
        ExtensionParameters element = parsed.get(0);
        assertEquals("permessage-deflate", element.name());
        assertEquals(List.of(new Parameter("client_max_window_bits", null),
                new Parameter("server_max_window_bits", "10")), element.parameters());
    }

    @Test
    void parsesSeveralElementsInOrder() throws ExtensionException {
        List<ExtensionParameters> parsed = ExtensionParameters.parseHeader(
                "permessage-deflate; client_max_window_bits, permessage-deflate, x-webkit-deflate-frame");
        assertEquals(List.of(ExtensionParameters.of("permessage-deflate").with("client_max_window_bits", null),
                ExtensionParameters.of("permessage-deflate"), ExtensionParameters.of("x-webkit-deflate-frame")),
                parsed);
    }

    @Test
    void unquotesQuotedStringsAndTheirEscapes() throws ExtensionException {
        assertEquals("10", single("x; a=\"10\"").value("a"));
        assertEquals("10", single("x; a=\"1\\0\"").value("a"));
        assertEquals("ab", single("x; a=\"\\a\\b\"").value("a"));
        assertEquals("b", single("x; a=\"b\"; c").value("a"));
        assertTrue(single("x; a=\"b\"; c").has("c"));
    }

    @Test
    void allowsSpacesAndTabsAroundTheSeparators() throws ExtensionException {
        List<ExtensionParameters> parsed =
                ExtensionParameters.parseHeader(" \t x \t ;\t a \t = \t 1 \t ; b= \"2\" , y\t");
        assertEquals(List.of(ExtensionParameters.of("x").with("a", "1").with("b", "2"), ExtensionParameters.of("y")),
                parsed);
    }

    @Test
    void skipsEmptyListElements() throws ExtensionException {
        assertEquals(List.of(ExtensionParameters.of("x"), ExtensionParameters.of("y")),
                ExtensionParameters.parseHeader(", ,x,, \t,y,"));
        assertEquals(List.of(), ExtensionParameters.parseHeader(""));
        assertEquals(List.of(), ExtensionParameters.parseHeader(" , "));
    }

    @ParameterizedTest
    @ValueSource(strings = {";", "x;", "x; =1", "x; a=", "x; a=\"\"", "x; a=\"1 0\"", "x; a=\"10", "x; a=\"1\\",
        "x y", "x=1", "x; a=b c", "x; a=b=c", "\u00e9", "x;;a", "x; a==b", "x, \"y\"", "x; a=\"b\"c", "x; a=1;",
        "(x)", "x; a=\"\u00e9\"", "x; a/b", "x\u00a0"})
    void malformedHeadersAreRefused(String header) {
        ExtensionException e = assertThrows(ExtensionException.class, () -> ExtensionParameters.parseHeader(header));
        assertTrue(e.getMessage().contains("malformed Sec-WebSocket-Extensions"), e.getMessage());
    }

    @Test
    void formatsAsAHeaderValue() {
        ExtensionParameters deflate = ExtensionParameters.of("permessage-deflate")
                .with("client_max_window_bits", null).with("server_max_window_bits", "10");
        assertEquals("permessage-deflate; client_max_window_bits; server_max_window_bits=10", deflate.toString());
        assertEquals("permessage-deflate; client_max_window_bits; server_max_window_bits=10, x",
                ExtensionParameters.formatHeader(List.of(deflate, ExtensionParameters.of("x"))));
        assertEquals("", ExtensionParameters.formatHeader(List.of()));
        assertEquals("a", new Parameter("a", null).toString());
        assertEquals("a=1", new Parameter("a", "1").toString());
    }

    @Test
    void formattedHeadersParseBackToTheSameElements() throws ExtensionException {
        List<ExtensionParameters> elements = new ArrayList<>();
        elements.add(ExtensionParameters.of("a"));
        elements.add(ExtensionParameters.of("b!#$%&'*+-.^_`|~").with("p", null).with("q", "9"));
        elements.add(ExtensionParameters.of("C").with("x", "y").with("x", "z"));
        assertEquals(elements, ExtensionParameters.parseHeader(ExtensionParameters.formatHeader(elements)));
    }

    @Test
    void namesAndValuesMustBeTokens() {
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameters.of(""));
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameters.of("a b"));
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameters.of(null));
        assertThrows(IllegalArgumentException.class, () -> new Parameter("a;b", null));
        assertThrows(IllegalArgumentException.class, () -> new Parameter(null, "1"));
        assertThrows(IllegalArgumentException.class, () -> new Parameter("a", ""));
        assertThrows(IllegalArgumentException.class, () -> new Parameter("a", "\"1\""));
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameters.of("x").with("a", "1,2"));
    }

    @Test
    void lookupsIgnoreTheCaseOfNames() {
        ExtensionParameters element = new ExtensionParameters("Permessage-Deflate",
                List.of(new Parameter("Client_Max_Window_Bits", null), new Parameter("server_max_window_bits", "10"),
                        new Parameter("SERVER_MAX_WINDOW_BITS", "11")));
        assertTrue(element.is("permessage-deflate"));
        assertFalse(element.is("deflate-frame"));
        assertTrue(element.has("client_max_window_bits"));
        assertFalse(element.has("server_no_context_takeover"));
        assertEquals(2, element.count("Server_Max_Window_Bits"));
        assertEquals(0, element.count("other"));
        assertEquals("10", element.value("server_max_window_bits"), "the first of repeated parameters");
        assertNull(element.value("client_max_window_bits"), "a parameter without value");
        assertNull(element.value("absent"));
    }

    @Test
    void isImmutable() {
        List<Parameter> parameters = new ArrayList<>(List.of(new Parameter("a", "1")));
        ExtensionParameters element = new ExtensionParameters("x", parameters);
        parameters.add(new Parameter("b", null));
        assertEquals(1, element.parameters().size());
        assertThrows(UnsupportedOperationException.class, () -> element.parameters().add(new Parameter("c", null)));
        ExtensionParameters more = element.with("b", "2");
        assertEquals(1, element.parameters().size());
        assertEquals(2, more.parameters().size());
    }

    @Test
    void equalityIgnoresTheCaseOfTheExtensionName() {
        ExtensionParameters lower = ExtensionParameters.of("x-ext").with("a", "1");
        ExtensionParameters upper = ExtensionParameters.of("X-EXT").with("a", "1");
        assertEquals(lower, upper);
        assertEquals(lower.hashCode(), upper.hashCode());
        assertNotEquals(lower, ExtensionParameters.of("x-ext").with("a", "2"));
        assertNotEquals(lower, ExtensionParameters.of("x-ext"));
        assertNotEquals(lower, ExtensionParameters.of("y-ext").with("a", "1"));
        assertNotEquals(lower, "x-ext; a=1");
    }

    private static ExtensionParameters single(String header) throws ExtensionException {
        List<ExtensionParameters> parsed = ExtensionParameters.parseHeader(header);
        assertEquals(1, parsed.size());
        return parsed.get(0);
    }
}
