package io.sockleak.cli.analyse;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sockleak.model.ReportJson;

import java.io.PrintStream;

/** Prints a command's answer record as JSON, the same way reports are written. */
final class JsonAnswer {

    private JsonAnswer() {
    }

    static void print(Object answer, PrintStream out) throws JsonProcessingException {
        out.println(ReportJson.mapper().writeValueAsString(answer));
    }
}
