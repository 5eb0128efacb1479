/**
 * The report contract: records and vocabularies (typed enums) serialised to the report JSON, and the
 * one JSON mapper ({@link io.sockleak.model.ReportJson}) read by the agent, the CLI and the tests.
 * A leaf: imports only {@code java.*} and Jackson.
 */
package io.sockleak.model;
