package io.sockleak.model;

/** How the agent came into the JVM: on the command line or attached later. */
public enum StartMode {
    PREMAIN("premain"),
    ATTACH("attach");

    private final String jsonName;

    StartMode(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
