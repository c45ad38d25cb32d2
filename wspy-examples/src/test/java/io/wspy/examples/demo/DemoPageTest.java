package io.wspy.examples.demo;

import io.wspy.handshake.HttpHeaders;
import io.wspy.handshake.HttpRequest;
import io.wspy.handshake.HttpResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoPageTest {
    private static HttpResponse get(DemoPage page, String method, String target) {
        return page.handle(HttpRequest.of(method, target, HttpHeaders.of("Host", "localhost")));
    }

    @Test
    void pageCarriesItsConfigurationSafely() {
        DemoPage page = new DemoPage("/a\"b", List.of("</script>"), null);
        String html = new String(get(page, "GET", "/").body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("{\"path\": \"/a\\\"b\", \"protocols\": [\"\\u003c/script\\u003e\"]}"), html);
        assertFalse(html.contains("/*WSPY-CONFIG*/"));
        assertEquals(200, get(page, "GET", "/index.html").status());
    }

    @Test
    void otherPathsAndMethodsAreRefused() {
        DemoPage page = new DemoPage("/", List.of(), null);
        assertEquals(404, get(page, "GET", "/other").status());
        HttpResponse post = get(page, "POST", "/");
        assertEquals(405, post.status());
        assertEquals("GET", post.headers().combined("Allow"));
    }

    @Test
    void jsonEscapesWhatCouldEndTheScript() {
        assertEquals("\"a\\\\b\\u003c\\u0026\\u00e9\"", DemoPage.json("a\\b<&é"));
    }
}
