package io.crmbridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpreadsheetFormulaGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+33 1 42", "-2+3", "@SUM(A1:A9)", "\tTabbed", "\rReturn",
            "=HYPERLINK(\"http://evil.example\",\"x\")", "'=already quoted", "''@two quotes"})
    void prefixesEveryFormulaLikeCellWithOneQuoteAndRestoresItExactly(String value) {
        String neutralised = SpreadsheetFormulaGuard.neutralise(value);

        assertThat(neutralised).isEqualTo("'" + value);
        assertThat(SpreadsheetFormulaGuard.restore(neutralised)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada", "ada@engines.co.uk", "1+1", " =leading space", "'quoted text", "''", "'", ""})
    void leavesOtherCellsAsTheyAre(String value) {
        assertThat(SpreadsheetFormulaGuard.neutralise(value)).isEqualTo(value);
        assertThat(SpreadsheetFormulaGuard.restore(value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=a", "'=a", "''=a", "'x", "x", "-", "'"})
    void restoreUndoesNeutraliseForQuotedAndUnquotedValues(String value) {
        assertThat(SpreadsheetFormulaGuard.restore(SpreadsheetFormulaGuard.neutralise(value))).isEqualTo(value);
    }
}
