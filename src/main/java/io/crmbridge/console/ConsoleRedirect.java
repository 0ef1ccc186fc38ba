package io.crmbridge.console;

/** A console request answered by a redirect (303 to {@link #location()}), e.g. to the login page without a session. */
public class ConsoleRedirect extends RuntimeException {

    private final String location;

    public ConsoleRedirect(String location) {
        super("redirect to " + location);
        this.location = location;
    }

    /** The path to redirect to, always one of the console's own. */
    public String location() {
        return location;
    }
}
