package io.crmbridge.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameSplitterTest {

    @Test
    void splitsTwoWordsIntoFirstAndLast() {
        assertThat(NameSplitter.split("Marisa Obrien")).containsExactly("Marisa", "Obrien");
    }

    @Test
    void dropsTitleAndKeepsParticlesWithTheLastName() {
        assertThat(NameSplitter.split("Dr. Jane van der Berg")).containsExactly("Jane", "van der Berg");
    }

    @Test
    void keepsMiddleNamesWithTheFirstName() {
        assertThat(NameSplitter.split("Jean Pierre Dupont")).containsExactly("Jean Pierre", "Dupont");
    }

    @Test
    void dropsSuffixes() {
        assertThat(NameSplitter.split("Mr. Christopher Robbins MD")).containsExactly("Christopher", "Robbins");
        assertThat(NameSplitter.split("John Smith Jr.")).containsExactly("John", "Smith");
    }

    @Test
    void singleWordIsAFirstNameOnly() {
        assertThat(NameSplitter.split("  Cher ")).containsExactly("Cher", null);
    }

    @Test
    void blankGivesNoNames() {
        assertThat(NameSplitter.split(" ")).containsExactly(null, null);
        assertThat(NameSplitter.split(null)).containsExactly(null, null);
    }
}
