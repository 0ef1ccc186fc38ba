package io.crmbridge.sandbox.brevo;

/**
 * A contact list of the sandbox's Brevo account.
 *
 * @param id       Brevo's list id
 * @param name     list name
 * @param folderId id of the folder holding it
 */
public record BrevoList(long id, String name, long folderId) {
}
