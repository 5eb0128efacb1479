/**
 * The CLI's commands that reach a running JVM: list, attach, dump, stop, through the Attach API
 * and an owner-only reply file.
 */
package io.sockleak.cli.attach;
