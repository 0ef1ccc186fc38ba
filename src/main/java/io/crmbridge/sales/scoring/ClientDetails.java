package io.crmbridge.sales.scoring;

/**
 * The contact details of a client the profile carries (from the clients export, else from its
 * sales lines); every component may be null.
 */
public record ClientDetails(String email, String firstName, String lastName, String phone, String postalCode,
                            String city, String country) {

    /** No details known. */
    public static final ClientDetails NONE = new ClientDetails(null, null, null, null, null, null, null);
}
