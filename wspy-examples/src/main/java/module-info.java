/**
 * Programs built on wspy, to read and to run: the echo demo with its browser page
 * ({@code io.wspy.examples.demo.EchoDemo}) and the README's chat room
 * ({@code io.wspy.examples.ChatRoom}). Not a library: nothing here is published.
 */
module io.wspy.examples {
    requires io.wspy.server;
    requires java.logging;

    exports io.wspy.examples;
}
