package io.crmbridge.pipeline;

/**
 * A file whose content cannot be imported at all (empty, no header, object type unknown): it is
 * reported, copied to outbox/dead-letter/ with the reason, and the other files go on (I1).
 */
public class UnprocessableFileException extends RuntimeException {

    public UnprocessableFileException(String message) {
        super(message);
    }
}
