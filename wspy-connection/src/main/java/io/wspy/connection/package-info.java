/** The blocking WebSocket endpoint, messages and connections. */
package io.wspy.connection;
