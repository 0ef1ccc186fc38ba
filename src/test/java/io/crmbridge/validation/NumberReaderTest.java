package io.crmbridge.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class NumberReaderTest {

    private static NumberReader pointFile() {
        return new NumberReader(NumberConvention.DECIMAL_POINT);
    }

    private static BigDecimal read(NumberReader reader, String raw) {
        NumberReading r = reader.read(raw);
        assertThat(r.isNumber()).as("'%s' read as a number (%s)", raw, r).isTrue();
        return r.value();
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "12,5       | 12.5",
            "1.5        | 1.5",
            "0,5        | 0.5",
            "-3         | -3",
            "+7         | 7",
            "1 234      | 1234",
            "1\u00a0234  | 1234",
            "1\u202f234\u202f567 | 1234567",
            "1'234      | 1234",
            "1,234.5    | 1234.5",
            "1.234,50   | 1234.50",
            "-32,34     | -32.34",
            "\" 1 234,50 \" | 1234.50",
            "1.234.567  | 1234567",
            "1,234,567  | 1234567",
            "1 234,567  | 1234.567",
            "0,500      | 0.500",
            "1234.567   | 1234.567",
            "12.3456    | 12.3456",
            ",5         | 0.5"})
    void readsAValueThatSettlesItsSeparatorsByItself(String raw, String expected) {
        assertThat(read(pointFile(), raw)).isEqualByComparingTo(expected);
    }

    @Test
    void keepsTheDecimalsAsWritten() {
        assertThat(read(pointFile(), "1.234,50").toPlainString()).isEqualTo("1234.50");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "douze       | not a number",
            "12a         | not a number",
            "1e5         | not a number",
            "--3         | not a number",
            "'           | not a number",
            "12,         | no digits after the decimal separator",
            "1.23.456    | thousands groups must have 3 digits",
            "12 34       | thousands groups must have 3 digits",
            "1,2345,678  | thousands groups must have 3 digits",
            "1234 567    | thousands groups must have 3 digits",
            "1.2.3       | thousands groups must have 3 digits",
            "1,23.4      | thousands groups must have 3 digits",
            "1.234,5,6   | more than one decimal separator",
            "1 234.567,8 | mixes thousands separators",
            "1 234.567.890 | mixes thousands separators",
            "1,5 0       | not a number"})
    void refusesWhatIsNotANumber(String raw, String problem) {
        NumberReading r = pointFile().read(raw);
        assertThat(r.isNumber()).isFalse();
        assertThat(r.isAmbiguous()).isFalse();
        assertThat(r.problem()).isEqualTo(problem);
    }

    @Test
    void refusesABlankValue() {
        assertThat(pointFile().read("  ").problem()).isEqualTo("empty");
        assertThat(pointFile().read(null).problem()).isEqualTo("empty");
    }

    @ParameterizedTest
    @EnumSource(NumberConvention.class)
    void leavesAThreeDigitGroupAmbiguousBeforeTheFileProvedItsConventionWhateverTheDefault(NumberConvention byDefault) {
        NumberReader reader = new NumberReader(byDefault);

        NumberReading point = reader.read("1.200");
        NumberReading comma = reader.read("-1,200");

        assertThat(point.isAmbiguous()).isTrue();
        assertThat(point.ambiguity().asDecimal()).isEqualByComparingTo("1.2");
        assertThat(point.ambiguity().asThousand()).isEqualByComparingTo("1200");
        assertThat(point.ambiguity().readings())
                .isEqualTo("1.2 with '.' as decimal separator or 1200 with '.' grouping thousands");
        assertThat(comma.ambiguity().asDecimal()).isEqualByComparingTo("-1.2");
        assertThat(comma.ambiguity().asThousand()).isEqualByComparingTo("-1200");
        assertThat(reader.proof()).isEmpty();
        assertThat(reader.convention()).isEqualTo(byDefault);
    }

    @Test
    void aDecimalCommaProvedEarlierSettlesLaterThreeDigitGroups() {
        NumberReader reader = pointFile();

        assertThat(reader.read("1.200").isAmbiguous()).isTrue();
        assertThat(read(reader, "12,5")).isEqualByComparingTo("12.5");
        assertThat(read(reader, "1.200")).isEqualByComparingTo("1200");
        assertThat(read(reader, "1,200")).isEqualByComparingTo("1.2");
        assertThat(reader.convention()).isEqualTo(NumberConvention.DECIMAL_COMMA);
        assertThat(reader.proof()).contains("12,5");
    }

    @Test
    void aDecimalPointProvedEarlierSettlesLaterThreeDigitGroups() {
        NumberReader reader = new NumberReader(NumberConvention.DECIMAL_COMMA);

        assertThat(read(reader, "1,234.5")).isEqualByComparingTo("1234.5");
        assertThat(read(reader, "1,200")).isEqualByComparingTo("1200");
        assertThat(read(reader, "1.200")).isEqualByComparingTo("1.2");
        assertThat(reader.convention()).isEqualTo(NumberConvention.DECIMAL_POINT);
        assertThat(reader.proof()).contains("1,234.5");
    }

    @Test
    void aRepeatedSeparatorProvesTheOtherOneDecimal() {
        NumberReader reader = pointFile();

        read(reader, "1.234.567");

        assertThat(reader.convention()).isEqualTo(NumberConvention.DECIMAL_COMMA);
        assertThat(read(reader, "2.500")).isEqualByComparingTo("2500");
    }

    @Test
    void theFirstProofWinsAndAValueThatSettlesItselfIsReadItsOnlyWayAgainstIt() {
        NumberReader reader = pointFile();

        read(reader, "12,5");
        assertThat(read(reader, "1.5")).isEqualByComparingTo("1.5");
        assertThat(read(reader, "1,234.5")).isEqualByComparingTo("1234.5");

        assertThat(reader.convention()).isEqualTo(NumberConvention.DECIMAL_COMMA);
        assertThat(reader.proof()).contains("12,5");
        assertThat(read(reader, "3.000")).isEqualByComparingTo("3000");
    }

    @Test
    void spacesApostrophesAndWholeNumbersProveNothing() {
        NumberReader reader = new NumberReader(NumberConvention.DECIMAL_COMMA);

        read(reader, "1 234");
        read(reader, "1'234");
        read(reader, "-3");

        assertThat(reader.proof()).isEmpty();
        assertThat(reader.convention()).isEqualTo(NumberConvention.DECIMAL_COMMA);
        assertThat(reader.read("1,200").isAmbiguous()).isTrue();
    }

    @Test
    void anInvalidValueProvesNothing() {
        NumberReader reader = pointFile();

        reader.read("1.23,4");
        reader.read("12,");

        assertThat(reader.proof()).isEmpty();
        assertThat(reader.read("1.200").isAmbiguous()).isTrue();
    }

    @Test
    void readsTheConfiguredDecimalSeparator() {
        assertThat(NumberConvention.withDecimalSeparator(" . ")).isEqualTo(NumberConvention.DECIMAL_POINT);
        assertThat(NumberConvention.withDecimalSeparator(",")).isEqualTo(NumberConvention.DECIMAL_COMMA);
        assertThat(NumberConvention.DECIMAL_COMMA.thousandsSeparator()).isEqualTo('.');
        assertThatThrownBy(() -> NumberConvention.withDecimalSeparator(";")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NumberConvention.withDecimalSeparator("")).isInstanceOf(IllegalArgumentException.class);
    }
}
