package io.sockleak.model;

/** Why a report was written; the JSON names are fixed by the report contract. */
public enum Trigger {
    SHUTDOWN("shutdown"),
    INTERVAL("interval"),
    THRESHOLD("threshold"),
    ON_DEMAND("on-demand"),
    ACCEPT_FAILURE("accept-failure");

    private final String jsonName;

    Trigger(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
