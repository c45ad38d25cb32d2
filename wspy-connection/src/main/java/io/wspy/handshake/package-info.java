/** The HTTP/1.1 upgrade handshake (RFC 6455 section 4), Sans-I/O, with authentication. */
package io.wspy.handshake;
