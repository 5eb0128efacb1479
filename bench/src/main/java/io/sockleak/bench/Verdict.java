package io.sockleak.bench;

/** One target of the summary: what was measured, its value, the target, and whether it was met. */
record Verdict(String what, String value, String target, boolean met) {
}
