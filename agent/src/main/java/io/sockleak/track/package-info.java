/**
 * The registry of sockets the application opened: records with their open site and stack, pools'
 * ledgers, collected sockets. Fed by the instrumentation through the boot bridge; may import
 * {@code bootstrap}, {@code model} and {@code support}, never a later stage.
 */
package io.sockleak.track;
