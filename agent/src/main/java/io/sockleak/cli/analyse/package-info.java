/**
 * The CLI's commands that read report files: summary, diff, trend. Reads reports only through
 * {@code model}.
 */
package io.sockleak.cli.analyse;
