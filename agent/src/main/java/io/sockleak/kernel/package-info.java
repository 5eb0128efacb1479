/**
 * The kernel's view: reads /proc/net/tcp*, /proc/self/fd and /proc/self/limits into snapshots of
 * TCP rows and socket owners. Knows nothing of the tracker or of reports: a leaf stage.
 */
package io.sockleak.kernel;
