package io.crmbridge.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a full name into first and last name for HubSpot's {@code firstname}/{@code lastname}.
 *
 * <p>Rule: titles in front (Dr., Mr., Mrs., Ms., Prof., Mme, M. ...) and suffixes at the end
 * (Jr., Sr., II, III, IV, MD, PhD, DDS, DVM, Esq.) are dropped. The last name then starts at the
 * first lower-case family-name particle after the first word (van, von, de, der, du, da, di, le,
 * la, del, della, des, dos, das, ten, ter, bin, ibn, al, el), else it is the final word; the first
 * name is everything before it. "Jean Pierre Dupont" gives "Jean Pierre" / "Dupont";
 * "Dr. Jane van der Berg" gives "Jane" / "van der Berg". A single word is a first name only.
 */
public final class NameSplitter {

    private static final Set<String> TITLES = Set.of(
            "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "madam", "mme", "mlle", "m", "monsieur", "madame");
    private static final Set<String> SUFFIXES = Set.of(
            "jr", "sr", "ii", "iii", "iv", "md", "phd", "dds", "dvm", "esq", "mba", "cpa");
    private static final Set<String> PARTICLES = Set.of(
            "van", "von", "de", "der", "den", "du", "da", "di", "le", "la", "del", "della", "des", "dos", "das",
            "ten", "ter", "bin", "ibn", "al", "el");

    private NameSplitter() {
    }

    /**
     * @param fullName the name as written, may be null
     * @return always two elements: first name and last name, each null when absent (blank input
     *         gives two nulls; a single word gives the first name and null)
     */
    public static String[] split(String fullName) {
        if (fullName == null || fullName.isBlank()) {
            return new String[] {null, null};
        }
        List<String> words = new ArrayList<>(Arrays.asList(fullName.trim().split("\\s+")));
        // "M." is a French title, but a bare "M" may be an initial: only the dotted form counts.
        while (words.size() > 1 && isTitle(words.get(0))) {
            words.remove(0);
        }
        while (words.size() > 1 && SUFFIXES.contains(bare(words.get(words.size() - 1)))) {
            words.remove(words.size() - 1);
        }
        if (words.size() == 1) {
            return new String[] {words.get(0), null};
        }
        int lastStart = words.size() - 1;
        for (int i = 1; i < words.size() - 1; i++) {
            if (PARTICLES.contains(words.get(i))) {
                lastStart = i;
                break;
            }
        }
        return new String[] {
            String.join(" ", words.subList(0, lastStart)),
            String.join(" ", words.subList(lastStart, words.size()))
        };
    }

    private static boolean isTitle(String word) {
        String bare = bare(word);
        return TITLES.contains(bare) && (!bare.equals("m") || word.endsWith("."));
    }

    private static String bare(String word) {
        return word.replace(".", "").replace(",", "").toLowerCase(Locale.ROOT);
    }
}
