/**
 * The control protocol between the CLI and a running agent, shared by both: the commands, the
 * request (reserved keys in the agent arguments, or the text sent to the control MBean), the answer
 * and its typed keys. A leaf: imports only {@code java.*}; the CLI imports this, never {@code entry}.
 */
package io.sockleak.control;
