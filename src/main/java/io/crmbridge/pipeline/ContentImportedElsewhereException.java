package io.crmbridge.pipeline;

/**
 * The file's content is being imported by another live instance under another name ({@link ContentClaims}): the
 * file is not at fault and nothing of it was sent; it goes back to the inbox and is taken again after
 * {@code crm-bridge.retry-delay-ms} ({@link InboxRetry}), when it is skipped as already imported (or taken over, if
 * that instance died).
 */
public final class ContentImportedElsewhereException extends RuntimeException {

    /** @param message the file and the instance that imports its content */
    public ContentImportedElsewhereException(String message) {
        super(message);
    }
}
