package io.crmbridge.pipeline;

/**
 * A resource the import needs, other than the file itself, cannot be used (the outbox folder cannot be written):
 * the file is not at fault, so it is not archived but retried once the resource is back ({@link InboxRetry}).
 * The message names the resource and the path.
 */
public final class ResourceUnavailableException extends RuntimeException {

    public ResourceUnavailableException(String resource, Throwable cause) {
        super(resource + " unavailable: " + cause, cause);
    }
}
