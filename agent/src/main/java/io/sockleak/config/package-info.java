/**
 * The agent's options: parsed from the -javaagent string or an attach request, with their problems.
 * A leaf: imports nothing of sockleak.
 */
package io.sockleak.config;
