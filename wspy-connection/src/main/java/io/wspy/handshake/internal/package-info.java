/**
 * Implementation of the handshake: the incremental head parser, HTTP syntax helpers, the
 * authentication header grammar and the digest arithmetic. Not exported.
 */
package io.wspy.handshake.internal;
