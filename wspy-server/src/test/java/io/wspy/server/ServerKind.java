package io.wspy.server;

import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;

/** The servers the shared integration suite runs against. */
enum ServerKind {
    THREADED {
        @Override
        WebSocketServer create(ServerConfig config, WebSocketHandler handler) {
            return new Server(config, handler);
        }
    },
    ASYNC {
        @Override
        WebSocketServer create(ServerConfig config, WebSocketHandler handler) {
            return new AsyncServer(config, handler);
        }
    },
    ASYNC_OFF_LOOP {
        @Override
        WebSocketServer create(ServerConfig config, WebSocketHandler handler) {
            return new AsyncServer(config.toBuilder().handlerExecution(HandlerExecution.OFF_LOOP).build(), handler);
        }
    };

    abstract WebSocketServer create(ServerConfig config, WebSocketHandler handler);

    boolean isAsync() {
        return this != THREADED;
    }

    /** A started server on a free loopback port, with two selector loops for the async kinds. */
    WebSocketServer start(WebSocketHandler handler, UnaryOperator<ServerConfig.Builder> options) throws Exception {
        ServerConfig.Builder builder = ServerConfig.builder()
                .address(new InetSocketAddress("127.0.0.1", 0))
                .selectorThreads(2)
                .shutdownTimeout(java.time.Duration.ofSeconds(3));
        WebSocketServer server = create(options.apply(builder).build(), handler);
        server.start();
        return server;
    }
}
