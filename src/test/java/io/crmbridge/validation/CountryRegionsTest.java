package io.crmbridge.validation;

import io.crmbridge.Datasets;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class CountryRegionsTest {

    private final CountryRegions regions = CountryRegions.load();

    @Test
    void resolvesEveryDatasetCountryThatStillHasAnIsoRegion() throws IOException {
        Set<String> unresolved = new TreeSet<>();
        for (Path file : new Path[] {Datasets.CUSTOMERS, Datasets.ORGANIZATIONS}) {
            for (CSVRecord row : Datasets.read(file)) {
                if (regions.regionFor(row.get("Country")).isEmpty()) {
                    unresolved.add(row.get("Country"));
                }
            }
        }
        assertThat(unresolved).containsExactly("Netherlands Antilles");
    }

    @Test
    void mapsOldUnStyleNamesThroughAliases() {
        assertThat(regions.regionFor("Korea")).contains("KR");
        assertThat(regions.regionFor("United States of America")).contains("US");
        assertThat(regions.regionFor("Libyan Arab Jamahiriya")).contains("LY");
        assertThat(regions.regionFor("Holy See (Vatican City State)")).contains("VA");
        assertThat(regions.regionFor("Congo")).contains("CG");
        assertThat(regions.regionFor("UK")).contains("GB");
    }

    @Test
    void mapsJdkDisplayNamesIgnoringCaseAccentsAndAmpersand() {
        assertThat(regions.regionFor("cote d'ivoire")).contains("CI");
        assertThat(regions.regionFor("Antigua and Barbuda")).contains("AG");
        assertThat(regions.regionFor("Saint Kitts and Nevis")).contains("KN");
        assertThat(regions.regionFor("Reunion")).contains("RE");
    }

    @Test
    void mapsFrenchNames() {
        assertThat(regions.regionFor("Allemagne")).contains("DE");
        assertThat(regions.regionFor("États-Unis")).contains("US");
        assertThat(regions.regionFor("Côte d’Ivoire")).contains("CI");
    }

    @Test
    void acceptsAlpha2CodesInAnyCase() {
        assertThat(regions.regionFor("FR")).contains("FR");
        assertThat(regions.regionFor(" fr ")).contains("FR");
    }

    @Test
    void returnsEmptyForUnknownOrBlank() {
        assertThat(regions.regionFor("Atlantis")).isEmpty();
        assertThat(regions.regionFor("QQ")).isEmpty();
        assertThat(regions.regionFor(" ")).isEmpty();
        assertThat(regions.regionFor(null)).isEmpty();
    }

    @Test
    void resolvesEveryNameOfTheTablesToTheCodeTheyGiveIt() throws IOException {
        Set<String> wrong = new TreeSet<>();
        for (String resource : new String[] {CountryRegions.NAMES, CountryRegions.ALIASES}) {
            Properties table = resource(resource);
            for (String code : table.stringPropertyNames()) {
                for (String name : table.getProperty(code).split("\\|")) {
                    String found = regions.regionFor(name).orElse("nothing");
                    if (!found.equals(code)) {
                        wrong.add(resource + ": " + name + " -> " + found + ", not " + code);
                    }
                }
                assertThat(regions.regionFor(code)).as("the code %s itself", code).contains(code);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void resolvesTurkeyByItsOldAndNewNamesWhicheverJdkRuns() {
        for (String name : new String[] {"Turkey", "Türkiye", "Turkiye", "Turquie", "TR", "tr"}) {
            assertThat(regions.regionFor(name)).as(name).contains("TR");
        }
    }

    @Test
    void tellsSaintMartinFromSintMaarten() {
        assertThat(regions.regionFor("Saint Martin")).contains("MF");
        assertThat(regions.regionFor("St. Martin")).contains("MF");
        assertThat(regions.regionFor("Saint-Martin")).contains("MF");
        assertThat(regions.regionFor("Sint Maarten")).contains("SX");
        assertThat(regions.regionFor("Saint-Martin (partie néerlandaise)")).contains("SX");
    }

    private static Properties resource(String name) throws IOException {
        try (InputStream in = CountryRegions.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            Properties table = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                table.load(reader);
            }
            return table;
        }
    }
}
