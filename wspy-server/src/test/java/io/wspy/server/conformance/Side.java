package io.wspy.server.conformance;

/** Which end of a connection a case tests. */
enum Side {
    /** An echo server, driven by the fuzzing client. */
    SERVER,
    /** Our echo client, driven by the fuzzing server. */
    CLIENT
}
