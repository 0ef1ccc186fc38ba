package io.crmbridge.sandbox;

import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The checks every record write goes through: property validation (hubspot-api.md §6) and the portal's property
 * validation rules, the contact name-or-email rule, the ticket's required stage and default pipeline, the portal's
 * admin rules on the paths that enforce them, and uniqueness of emails and hasUniqueValue properties (§1.6, §1.7).
 * Call under the state's write lock.
 *
 * <p>Which rules on which paths: property validation rules on every API version, as HubSpot has enforced them on API
 * writes since July 2023 (developer changelog "Property Validations Rules will be enforced for APIs and
 * Integrations"), in the same "Property values were not valid" answer as any refused value; the admin rules (required
 * fields of the "create record" form, conditional required properties) only on paths of version 2026-09 or later,
 * as HubSpot does from 2026-09 on (§10.3), answered 400 {@code VALIDATION_ERROR} "Cannot create object with type:
 * CONTACT. The following required properties were missing: [jobtitle]", HubSpot's wording for missing required
 * properties (§6). User-level association permissions are not modelled.
 */
final class WritePlanner {

    private final SandboxState state;
    private final PropertyValidator validator;
    private final PortalRules rules;

    WritePlanner(SandboxState state, PortalRules rules) {
        this.state = state;
        this.validator = new PropertyValidator(state.schema());
        this.rules = rules;
    }

    /** Unique values claimed by earlier inputs of a batch not yet written: property → value → input marker. */
    static final class Pending {
        private final Map<String, Map<String, Boolean>> claimed = new HashMap<>();

        boolean claims(String property, String value) {
            Map<String, Boolean> values = claimed.get(property);
            return values != null && values.containsKey(value);
        }

        void claim(String property, String value) {
            claimed.computeIfAbsent(property, k -> new HashMap<>()).put(value, Boolean.TRUE);
        }
    }

    /**
     * Returns the normalised values to write into {@code existing} (null = a new record).
     *
     * @param adminRules whether the portal's admin rules apply: the write came through a path of version 2026-09 or
     *                   later
     * @throws ApiException 400 VALIDATION_ERROR or 409 CONFLICT describing this input
     */
    Map<String, String> check(ObjectType type, Map<String, String> input, SandboxRecord existing, Pending pending,
                              boolean adminRules) {
        PropertyValidator.Result result = validator.validate(type, input);
        List<PropertyFailure> failures = new ArrayList<>(result.failures());
        failures.addAll(rules.formatFailures(type, result.values()));
        if (!failures.isEmpty()) {
            throw ErrorBodies.validation(ErrorBodies.propertyValuesMessage(failures));
        }
        Map<String, String> values = new HashMap<>(result.values());
        String selfId = existing == null ? null : existing.id();
        if (selfId == null) {
            if (type == ObjectType.CONTACTS && isEmpty(values, "email") && isEmpty(values, "firstname")
                    && isEmpty(values, "lastname")) {
                throw ErrorBodies.validation("Property values were not valid: one of email, firstname or lastname is required");
            }
            if (type == ObjectType.TICKETS && isEmpty(values, "hs_pipeline_stage")) {
                // hubspot-api.md §6: HubSpot refuses a ticket without a stage (HubSpot/hubspot-api-php#139)
                throw ErrorBodies.validation("Cannot create object with type: TICKET. The following required properties"
                        + " were missing: [hs_pipeline_stage]");
            }
            if (type == ObjectType.TICKETS && isEmpty(values, "hs_pipeline")) {
                values.put("hs_pipeline", Pipeline.DEFAULT_TICKETS.id());
            }
        }
        if (adminRules) {
            requireAdminRules(type, values, existing);
        }
        RecordStore store = state.store(type);
        for (String key : state.schema().uniqueKeys(type)) {
            String value = values.get(key);
            if (value == null || value.isEmpty()) {
                continue;
            }
            Optional<String> holder = store.idByUniqueValue(key, value);
            if (holder.isPresent() && !holder.get().equals(selfId)) {
                throw ErrorBodies.conflict(conflictMessage(type, key, value, holder.get()));
            }
            if (pending.claims(key, value)) {
                throw ErrorBodies.conflict(conflictMessage(type, key, value, null));
            }
        }
        return values;
    }

    /** 400 when the record, as the write leaves it, lacks a property an admin rule requires (§10.3). */
    private void requireAdminRules(ObjectType type, Map<String, String> values, SandboxRecord existing) {
        Map<String, String> after = new HashMap<>(existing == null ? Map.of() : existing.properties());
        after.putAll(values);
        List<String> missing = rules.missingRequired(type, after, existing == null);
        if (!missing.isEmpty()) {
            throw ErrorBodies.validation("Cannot " + (existing == null ? "create" : "update") + " object with type: "
                    + SandboxNames.singular(type) + ". The following required properties were missing: " + missing);
        }
    }

    /** Marks the unique values of a planned write as taken by this batch. */
    void claim(ObjectType type, Map<String, String> values, Pending pending) {
        for (String key : state.schema().uniqueKeys(type)) {
            String value = values.get(key);
            if (value != null && !value.isEmpty()) {
                pending.claim(key, value);
            }
        }
    }

    /** The value to look a record up by: emails compare lower-cased (hubspot-api.md §1.3). */
    static String lookupValue(ObjectType type, String property, String value) {
        return type == ObjectType.CONTACTS && "email".equals(property) ? value.trim().toLowerCase(Locale.ROOT) : value;
    }

    private static String conflictMessage(ObjectType type, String key, String value, String existingId) {
        if (existingId == null) {
            return "Duplicate value for unique property " + key + " within the batch input: " + value;
        }
        if (type == ObjectType.CONTACTS && "email".equals(key)) {
            return "Contact already exists. Existing ID: " + existingId;
        }
        return "A " + SandboxNames.singular(type) + " with the unique value \"" + value + "\" for property " + key
                + " already exists. Existing ID: " + existingId;
    }

    private static boolean isEmpty(Map<String, String> values, String key) {
        String v = values.get(key);
        return v == null || v.isEmpty();
    }
}
