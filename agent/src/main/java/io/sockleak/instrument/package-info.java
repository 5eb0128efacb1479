/**
 * Byte Buddy advice on the JDK's socket classes. Advice is inlined into java.base and may only
 * call the boot bridge ({@code bootstrap}); it catches everything it throws.
 */
package io.sockleak.instrument;
