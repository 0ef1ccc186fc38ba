package io.crmbridge.sales.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A client's RFM scores, segment and diversity as of the last scoring run; table {@code sales_client_score} (V3). */
@Entity
@Table(name = "sales_client_score")
public class ClientScore {

    @Id
    @Column(name = "client_code")
    private String clientCode;
    @Column(nullable = false)
    private String segment;
    @Column(name = "recency_score", nullable = false)
    private int recencyScore;
    @Column(name = "frequency_score", nullable = false)
    private int frequencyScore;
    @Column(name = "monetary_score", nullable = false)
    private int monetaryScore;
    @Column(name = "last_purchase", nullable = false)
    private LocalDate lastPurchase;
    @Column(name = "recency_days", nullable = false)
    private long recencyDays;
    @Column(nullable = false)
    private int frequency;
    @Column(nullable = false)
    private BigDecimal monetary;
    @Column(nullable = false)
    private double diversity;
    @Column(name = "reference_date", nullable = false)
    private LocalDate referenceDate;
    @Column(name = "scored_at", nullable = false)
    private Instant scoredAt;

    protected ClientScore() {
    }

    public ClientScore(String clientCode, String segment, int recencyScore, int frequencyScore, int monetaryScore,
                       LocalDate lastPurchase, long recencyDays, int frequency, BigDecimal monetary, double diversity,
                       LocalDate referenceDate, Instant scoredAt) {
        this.clientCode = clientCode;
        this.segment = segment;
        this.recencyScore = recencyScore;
        this.frequencyScore = frequencyScore;
        this.monetaryScore = monetaryScore;
        this.lastPurchase = lastPurchase;
        this.recencyDays = recencyDays;
        this.frequency = frequency;
        this.monetary = monetary;
        this.diversity = diversity;
        this.referenceDate = referenceDate;
        this.scoredAt = scoredAt;
    }

    public String getClientCode() {
        return clientCode;
    }

    public String getSegment() {
        return segment;
    }

    public int getRecencyScore() {
        return recencyScore;
    }

    public int getFrequencyScore() {
        return frequencyScore;
    }

    public int getMonetaryScore() {
        return monetaryScore;
    }

    public long getRecencyDays() {
        return recencyDays;
    }

    public int getFrequency() {
        return frequency;
    }

    public BigDecimal getMonetary() {
        return monetary;
    }

    public double getDiversity() {
        return diversity;
    }
}
