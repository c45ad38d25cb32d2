/**
 * Programs built on wspy, each a page of the documentation: {@link io.wspy.examples.ChatRoom}, the
 * README's broadcast chat room. The echo demo with its browser page lives in
 * {@code io.wspy.examples.demo} and runs with
 * {@code java --add-modules jdk.incubator.vector -p wspy-examples/target/modules -m io.wspy.examples/io.wspy.examples.demo.EchoDemo}.
 */
package io.wspy.examples;
