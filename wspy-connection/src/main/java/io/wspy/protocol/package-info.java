/** The Sans-I/O WebSocket protocol state machine: bytes in, events out; messages in, bytes out. */
package io.wspy.protocol;
