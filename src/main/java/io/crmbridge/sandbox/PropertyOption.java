package io.crmbridge.sandbox;

/**
 * One allowed value of an enumeration property (properties-v3.json {@code Option}).
 *
 * @param label        display label
 * @param value        internal value, the one sent over the API
 * @param displayOrder position in lists
 * @param hidden       whether hidden in forms
 */
record PropertyOption(String label, String value, int displayOrder, boolean hidden) {
}
