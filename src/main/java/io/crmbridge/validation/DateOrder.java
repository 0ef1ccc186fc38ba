package io.crmbridge.validation;

/** Order of day and month in a slash-separated date: 31/12/2020 is DMY, 12/31/2020 is MDY. */
public enum DateOrder {
    /** Day, month, year: the European and French convention. */
    DMY,
    /** Month, day, year: the United States convention. */
    MDY
}
