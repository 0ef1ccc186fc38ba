package io.crmbridge.model;

/**
 * One property a write changes (or would change): HubSpot's value before it ({@code from}, null for none) and the
 * value written ({@code to}).
 */
public record PropertyChange(String property, String from, String to) {
}
