/**
 * The composition root: premain/agentmain, option changes while running, the monitor thread that
 * schedules scans and reports, the exit hook, and the control commands the CLI sends. The only
 * package that may import every agent stage; never imports {@code cli}.
 */
package io.sockleak.entry;
