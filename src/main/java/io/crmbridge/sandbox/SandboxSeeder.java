package io.crmbridge.sandbox;

import io.crmbridge.model.ObjectType;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Fills the sandbox with a population of contacts ({@code sandbox.seed-contacts}) so that
 * the contact sync runs on real volume: either the rows of a customers CSV ({@code First Name, Last Name,
 * Company, Email, Phone 1}, the shape of {@code ../shared/datasets/customers-10000.csv}) or
 * {@code generate:N} made-up contacts. Every contact gets a {@code createdate} spread over the last
 * {@value #HISTORY_DAYS} days and a {@code lastmodifieddate} between that and now; about a quarter share
 * the timestamp of one of a few bulk imports, as contacts touched by a HubSpot import do. Lifecycle stage
 * and job title are drawn too. With {@link #withLists(int)}, each contact also joins each of that many static
 * contact lists ({@code "1"}, {@code "2"}, ...) with probability {@value #LIST_SHARE}. Deterministic for a given
 * random seed and "now".
 */
public final class SandboxSeeder {

    /** Prefix of the generated-population spec, e.g. {@code generate:12000}. */
    public static final String GENERATE = "generate:";
    static final int HISTORY_DAYS = 400;
    private static final double BULK_SHARE = 0.25;
    private static final int BULK_IMPORTS = 6;
    static final double LIST_SHARE = 0.3;
    private static final String[] STAGES = {"subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
        "opportunity", "customer", "evangelist", "other"};
    private static final String[] TITLES = {"Account Manager", "Sales Director", "Software Engineer", "CFO",
        "Operations Lead", "Marketing Specialist", "Buyer", "Founder"};
    private static final String[] FIRST = {"Ada", "Ben", "Chloe", "Dario", "Elif", "Femi", "Grace", "Hugo", "Ines",
        "Jonas", "Keiko", "Liam", "Maya", "Nils", "Olga", "Pablo"};
    private static final String[] LAST = {"Adams", "Berg", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Holm",
        "Ito", "Jensen", "Kowalski", "Lopez", "Moreau", "Novak", "Olsen", "Petrov"};
    private static final String[] COMPANIES = {"Chainge Logistics", "Northwind Traders", "Acme Corp", "chainge labs",
        "Globex", "Initech", "Umbrella Group", "Stark Industries", "Wayne Enterprises", "Hooli"};

    private final Random random;
    private final Instant now;
    private final Instant[] bulkImports = new Instant[BULK_IMPORTS];
    private int lists;

    /**
     * @param seed random seed (the same seed and now give the same population)
     * @param now  the newest possible timestamp
     */
    public SandboxSeeder(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now;
        for (int i = 0; i < BULK_IMPORTS; i++) {
            bulkImports[i] = now.minus(Duration.ofDays(3 + (long) i * HISTORY_DAYS / BULK_IMPORTS))
                    .minusMillis(random.nextInt(86_400_000));
        }
    }

    /**
     * Also spreads the seeded contacts over {@code count} static contact lists (0: none, the default).
     *
     * @return this seeder
     * @throws IllegalArgumentException when count is negative
     */
    public SandboxSeeder withLists(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("a number of contact lists is 0 or more, was " + count);
        }
        this.lists = count;
        return this;
    }

    /**
     * Seeds contacts into {@code state}.
     *
     * @param spec a CSV path, or {@code generate:N}
     * @return how many contacts were inserted
     * @throws IOException              when the CSV cannot be read
     * @throws IllegalArgumentException when N is not a positive number
     */
    public int seed(SandboxState state, String spec) throws IOException {
        String s = spec.trim();
        if (s.startsWith(GENERATE)) {
            int n = Integer.parseInt(s.substring(GENERATE.length()).trim());
            if (n <= 0) {
                throw new IllegalArgumentException("generate:N needs N > 0, was " + n);
            }
            for (int i = 0; i < n; i++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                insert(state, first, last, COMPANIES[random.nextInt(COMPANIES.length)],
                        (first + "." + last + "." + i + "@example-" + (i % 97) + ".com").toLowerCase(java.util.Locale.ROOT),
                        "+1 555 " + String.format("%07d", i));
            }
            return n;
        }
        int count = 0;
        try (Reader in = Files.newBufferedReader(Path.of(s), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                insert(state, row.get("First Name"), row.get("Last Name"), row.get("Company"), row.get("Email"),
                        row.get("Phone 1"));
                count++;
            }
        }
        return count;
    }

    private void insert(SandboxState state, String first, String last, String company, String email, String phone) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("firstname", first);
        values.put("lastname", last);
        values.put("company", company);
        values.put("email", email);
        values.put("phone", phone);
        values.put("jobtitle", TITLES[random.nextInt(TITLES.length)]);
        values.put("lifecyclestage", STAGES[random.nextInt(STAGES.length)]);
        long historyMs = Duration.ofDays(HISTORY_DAYS).toMillis();
        Instant created = now.minusMillis((long) (random.nextDouble() * historyMs));
        Instant modified;
        if (random.nextDouble() < BULK_SHARE) {
            Instant bulk = bulkImports[random.nextInt(BULK_IMPORTS)];
            modified = bulk.isAfter(created) ? bulk : created;
        } else {
            modified = created.plusMillis((long) (random.nextDouble() * Duration.between(created, now).toMillis()));
        }
        SandboxRecord record = state.insertAt(ObjectType.CONTACTS, values, created, modified);
        for (int list = 1; list <= lists; list++) {
            if (random.nextDouble() < LIST_SHARE) {
                state.addToList(Integer.toString(list), record.id());
            }
        }
    }
}
