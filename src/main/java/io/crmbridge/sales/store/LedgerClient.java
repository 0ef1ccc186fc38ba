package io.crmbridge.sales.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One client of the merchant, by client code; table {@code sales_client} (migration V3). */
@Entity
@Table(name = "sales_client")
public class LedgerClient extends ImportedMasterData {

    @Id
    @Column(name = "client_code")
    private String clientCode;
    @Column(name = "last_name")
    private String lastName;
    @Column(name = "first_name")
    private String firstName;
    private String email;
    private String phone;
    private String address;
    @Column(name = "postal_code")
    private String postalCode;
    private String city;
    private String country;

    protected LedgerClient() {
    }

    /** A client as normalised from one row of a clients file; {@code contentHash} identifies its values. */
    public LedgerClient(String clientCode, String lastName, String firstName, String email, String phone,
                        String address, String postalCode, String city, String country, String contentHash,
                        long importId, Instant updatedAt) {
        super(contentHash, importId, updatedAt);
        this.clientCode = clientCode;
        this.lastName = lastName;
        this.firstName = firstName;
        this.email = email;
        this.phone = phone;
        this.address = address;
        this.postalCode = postalCode;
        this.city = city;
        this.country = country;
    }

    public String getClientCode() {
        return clientCode;
    }

    public String getLastName() {
        return lastName;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getEmail() {
        return email;
    }

    public String getPhone() {
        return phone;
    }

    public String getAddress() {
        return address;
    }

    public String getPostalCode() {
        return postalCode;
    }

    public String getCity() {
        return city;
    }

    public String getCountry() {
        return country;
    }
}
