/**
 * The kernel's TCP table through netlink SOCK_DIAG, over the FFM API of JDK 22+ reached through method
 * handles (compiled for release 17). Runs only as a module of its own that {@code kernel.NetlinkTables}
 * defines in a layer of its own with native access; names only {@code java.*} types. A leaf.
 */
package io.sockleak.kernel.netlink;
