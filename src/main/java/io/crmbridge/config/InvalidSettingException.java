package io.crmbridge.config;

/**
 * A crm-bridge property the registry ({@link Settings}) refuses: an unknown name under one of its prefixes, or a
 * value that is not what its {@link Setting} allows. The message is the one line a user reads, e.g.
 * {@code crm-bridge.batch-size = 500: an integer from 1 to 100}; it never holds the value of a secret setting.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message the property, the value given (a secret's shown as hidden) and what is allowed */
    public InvalidSettingException(String message) {
        super(message);
    }
}
