package io.sockleak.config;

import java.util.List;

/** The options as understood, and one line per problem found in what the user wrote. */
public record ParsedOptions(AgentOptions options, List<String> problems) {
}
