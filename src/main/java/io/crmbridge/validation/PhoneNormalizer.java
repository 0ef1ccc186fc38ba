package io.crmbridge.validation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * V3 phone normalisation by libphonenumber. A national number is read in the region of the row's
 * country when {@link CountryRegions} knows it and libphonenumber supports it, else in the
 * configured default region (also tried when the number is not valid in the row's region); a number written with "+" or an international prefix (such as "00"
 * in Europe) carries its own country code. A number is kept only when
 * {@link PhoneNumberUtil#isValidNumber} accepts it (a possible length alone is not enough: the
 * fake "(209)172-7124" has ten digits, but NANP exchange codes never start with 1). Thread-safe.
 *
 * <p>The result of a (number, region) pair is remembered, up to {@code cacheSize} pairs (Caffeine, least
 * recently and frequently used dropped first): libphonenumber's parse and validation cost tens of microseconds
 * a number and were most of a row's time (docs/benchmarks.md), and the same numbers come back when the same
 * people are exported again, or a file repeats a switchboard number. The result is a function of the pair
 * alone (libphonenumber's metadata does not change while the application runs), so a remembered result is
 * the one a new reading would give.
 */
public final class PhoneNormalizer {

    /** Country spellings whose region is remembered; a file rarely has more than a few hundred. */
    static final int REMEMBERED_COUNTRIES = 1_000;
    /**
     * Longest value whose result is remembered: a phone with its extension is far shorter, and a hostile file's
     * megabyte "phone" must not be kept 50,000 times (libphonenumber refuses input over 250 characters anyway).
     */
    static final int REMEMBERED_LENGTH = 100;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;
    private final CountryRegions regions;
    // folding a country name costs four regular expressions; rows repeat the same few names (docs/benchmarks.md)
    private final Map<String, String> regionByCountry = new ConcurrentHashMap<>();
    private final Cache<String, ValueCheck> results;

    /**
     * @param defaultRegion ISO 3166-1 alpha-2 region for national numbers whose row has no usable
     *                      country (for example "FR"); null or unknown means only numbers in
     *                      international form can be read
     * @param regions       country-name lookup for the row's country
     */
    public PhoneNormalizer(String defaultRegion, CountryRegions regions) {
        this(defaultRegion, regions, 0);
    }

    /**
     * @param cacheSize results remembered by (number as written, region); 0 remembers none
     *                  ({@code crm-bridge.phone.cache-size}, default 50,000: a few MB)
     * @throws IllegalArgumentException when cacheSize is negative
     */
    public PhoneNormalizer(String defaultRegion, CountryRegions regions, int cacheSize) {
        if (cacheSize < 0) {
            throw new IllegalArgumentException("a phone cache size is 0 or more, was " + cacheSize);
        }
        this.defaultRegion = defaultRegion == null ? "ZZ" : defaultRegion.trim().toUpperCase(Locale.ROOT);
        this.regions = regions;
        // the cache's upkeep runs on the calling thread (Caffeine.executor with a direct executor): on the default
        // common pool, waking a worker for it after each new number cost more than the upkeep itself
        // (docs/benchmarks.md)
        this.results = cacheSize == 0 ? null
                : Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).build();
    }

    /**
     * Normalises one phone number: read in the row's region, else in the default region.
     *
     * @param raw         the number as written ("(415) 555-0123 x12", "+33 1 42 68 53 00"), may be null
     * @param countryName the row's country name or code, may be null
     * @return E.164 ("+14155550123"), with an extension appended as " ext. 12" when present; or
     *         invalid with the reason (empty, not a number, too short, too long, unknown country
     *         code, or not a valid number for the region)
     */
    public ValueCheck normalize(String raw, String countryName) {
        if (raw == null || raw.isBlank()) {
            return ValueCheck.invalid("empty");
        }
        String region = regionFor(countryName);
        if (results == null || raw.length() > REMEMBERED_LENGTH) {
            return read(raw, region);
        }
        // the region first: a region code never holds the separator, so two pairs never share a key
        return results.get(region + '\n' + raw, key -> read(raw, region));
    }

    /** {@link #normalize} without the remembered results. */
    private ValueCheck read(String raw, String region) {
        ValueCheck inRowRegion = attempt(raw, region);
        if (inRowRegion.isValid() || region.equals(defaultRegion) || isInternational(raw)) {
            // a number written with "+" carries its country code: read in any region it is the same number
            return inRowRegion;
        }
        // "a phone no region accepts" is invalid (V3): a national number that does not fit the
        // row's country is tried in the configured default region before it is given up
        ValueCheck inDefault = attempt(raw, defaultRegion);
        return inDefault.isValid() ? inDefault : inRowRegion;
    }

    private ValueCheck attempt(String raw, String region) {
        PhoneNumber number;
        try {
            number = util.parse(raw.trim(), region);
        } catch (NumberParseException e) {
            return ValueCheck.invalid(describe(e.getErrorType(), region));
        }
        if (!util.isValidNumber(number)) {
            ValidationResult possible = util.isPossibleNumberWithReason(number);
            String reason = possible == ValidationResult.IS_POSSIBLE || possible == ValidationResult.IS_POSSIBLE_LOCAL_ONLY
                    ? "not a valid number for region " + util.getRegionCodeForCountryCode(number.getCountryCode())
                    : possible.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            return ValueCheck.invalid(reason + " (read as +" + number.getCountryCode() + " " + number.getNationalNumber() + ")");
        }
        String e164 = util.format(number, PhoneNumberFormat.E164);
        return ValueCheck.ok(number.hasExtension() && !number.getExtension().isEmpty()
                ? e164 + " ext. " + number.getExtension()
                : e164);
    }

    /** How many (number, region) results are remembered now. */
    long remembered() {
        if (results == null) {
            return 0;
        }
        results.cleanUp();
        return results.estimatedSize();
    }

    /** The region national numbers of a row with this country are read in. */
    String regionFor(String countryName) {
        if (countryName == null) {
            return defaultRegion;
        }
        String known = regionByCountry.get(countryName);
        if (known != null) {
            return known;
        }
        String region = regions.regionFor(countryName)
                .filter(util.getSupportedRegions()::contains)
                .orElse(defaultRegion);
        if (regionByCountry.size() < REMEMBERED_COUNTRIES) {
            regionByCountry.put(countryName, region);
        }
        return region;
    }

    /**
     * True when libphonenumber reads {@code raw} as international whatever the region: its first plus sign
     * or digit (where {@code PhoneNumberUtil.extractPossibleNumber} starts) is a plus sign.
     */
    static boolean isInternational(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+' || c == '\uFF0B') {
                return true;
            }
            if (Character.isDigit(c)) {
                return false;
            }
        }
        return false;
    }

    private static String describe(NumberParseException.ErrorType type, String region) {
        switch (type) {
            case INVALID_COUNTRY_CODE:
                return "no country code and no usable region (" + region + ")";
            case NOT_A_NUMBER:
                return "not a phone number";
            case TOO_SHORT_AFTER_IDD:
            case TOO_SHORT_NSN:
                return "too short";
            case TOO_LONG:
                return "too long";
            default:
                return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }
}
