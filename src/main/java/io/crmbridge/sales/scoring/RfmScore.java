package io.crmbridge.sales.scoring;

/**
 * A client's RFM quintile scores (1 to 5, 5 best) and named segment.
 *
 * @param values         the raw values scored
 * @param recencyScore   R: 5 for the most recent buyers
 * @param frequencyScore F: 5 for the most frequent buyers
 * @param monetaryScore  M: 5 for the highest net sales
 * @param segment        the segment of {@link RfmSegments}
 */
public record RfmScore(RfmValues values, int recencyScore, int frequencyScore, int monetaryScore, String segment) {
}
