package io.crmbridge.hubspot;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Whether a value crm-bridge sends is the value HubSpot already holds: the test behind "unchanged" in a preview and
 * an import, and behind "changed since" in an undo (U1, U2). Values are strings on HubSpot's wire (hubspot-api.md
 * §0); an empty string and no value are the same (HubSpot clears a property given ""), numbers compare by value
 * ({@code 12.50} is {@code 12.5}, but {@code 0123} is a code, not {@code 123}) and an {@code email} compares without case (HubSpot lower-cases emails, §1.3).
 */
public final class PropertyValues {

    private PropertyValues() {
    }

    /** True when {@code held} (HubSpot's value of {@code property}, null for none) is the value {@code sent}. */
    public static boolean same(String property, String sent, String held) {
        boolean noSent = sent == null || sent.isEmpty();
        boolean noHeld = held == null || held.isEmpty();
        if (noSent || noHeld) {
            return noSent == noHeld;
        }
        if (sent.equals(held) || (property.equals("email") && sent.equalsIgnoreCase(held))) {
            return true;
        }
        BigDecimal a = number(sent);
        BigDecimal b = a == null ? null : number(held);
        return b != null && a.compareTo(b) == 0;
    }

    /** True when HubSpot's {@code held} values are {@link #same} as every one of {@code values}. */
    public static boolean sameAll(Map<String, String> values, Map<String, String> held) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!same(e.getKey(), e.getValue(), held.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The number {@code text} is, or null; a leading zero ({@code 0123}) makes a code, such as a zip, not a number. */
    private static BigDecimal number(String text) {
        String digits = text.startsWith("-") ? text.substring(1) : text;
        if (digits.isEmpty() || !Character.isDigit(digits.charAt(0))
                || (digits.length() > 1 && digits.charAt(0) == '0' && Character.isDigit(digits.charAt(1)))) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
