package io.crmbridge.model;

/** A reason code with its human-readable message, attached to a row (rejection, warning or failure). */
public record Issue(ErrorCode code, String message) {
}
