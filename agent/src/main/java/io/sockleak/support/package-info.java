/**
 * Small helpers every stage may use: the agent's one-line stderr voice ({@link io.sockleak.support.Console})
 * and named daemon threads. A leaf: imports only {@code java.*}.
 */
package io.sockleak.support;
