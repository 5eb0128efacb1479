/**
 * The CLI's {@code html} command: one self-contained page (inline CSS and SVG, nothing fetched) made
 * from reports read through {@code model}, with the same wording as {@code summary}. Every string from
 * a report goes through {@link io.sockleak.cli.html.HtmlEscaper}.
 */
package io.sockleak.cli.html;
