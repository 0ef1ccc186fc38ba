package io.crmbridge.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that sends requests outside HubSpot's contract on purpose, to check how the sandbox
 * refuses them (no token, malformed JSON, an undocumented path). Their request violations are not
 * failures; the sandbox's responses are still checked. Never put it on a test that drives the
 * crm-bridge client: the client must keep the contract.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface OffContractRequests {

    /** Why the test breaks the request contract. */
    String value();
}
