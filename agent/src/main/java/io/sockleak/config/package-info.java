/**
 * The agent's options: parsed from the -javaagent string or an attach request, with their problems.
 * Imports only {@code support} (the did-you-mean for a mistyped key).
 */
package io.sockleak.config;
