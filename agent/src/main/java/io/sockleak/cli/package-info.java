/**
 * The command-line tool in the same jar: dispatch, usage, terminal-safe output. The agent never
 * imports anything under {@code cli}.
 */
package io.sockleak.cli;
