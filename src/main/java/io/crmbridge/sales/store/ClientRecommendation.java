package io.crmbridge.sales.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * One recommendation for a client as of the last scoring run; table {@code sales_recommendation}
 * (V3). Kind {@code CO_PURCHASE} carries the rule's support, confidence and the product bought that
 * implies it; kind {@code REBUY} the last purchase, usual interval and days overdue.
 */
@Entity
@Table(name = "sales_recommendation")
public class ClientRecommendation {

    /** Co-purchase recommendation or rebuy suggestion. */
    public enum Kind { CO_PURCHASE, REBUY }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "client_code", nullable = false)
    private String clientCode;
    @Column(nullable = false)
    private String kind;
    @Column(name = "rank_no", nullable = false)
    private int rankNo;
    @Column(name = "product_key", nullable = false)
    private String productKey;
    @Column(name = "product_label", nullable = false)
    private String productLabel;
    private Double support;
    private Double confidence;
    @Column(name = "because_of")
    private String becauseOf;
    @Column(name = "last_bought")
    private LocalDate lastBought;
    @Column(name = "usual_interval_days")
    private Integer usualIntervalDays;
    @Column(name = "overdue_days")
    private Integer overdueDays;

    protected ClientRecommendation() {
    }

    /** A co-purchase recommendation of rank {@code rank} (1 = best). */
    public static ClientRecommendation coPurchase(String clientCode, int rank, String productKey, String productLabel,
                                                  double support, double confidence, String becauseOf) {
        ClientRecommendation r = new ClientRecommendation(clientCode, Kind.CO_PURCHASE, rank, productKey, productLabel);
        r.support = support;
        r.confidence = confidence;
        r.becauseOf = becauseOf;
        return r;
    }

    /** A rebuy suggestion of rank {@code rank} (1 = most overdue). */
    public static ClientRecommendation rebuy(String clientCode, int rank, String productKey, String productLabel,
                                             LocalDate lastBought, int usualIntervalDays, int overdueDays) {
        ClientRecommendation r = new ClientRecommendation(clientCode, Kind.REBUY, rank, productKey, productLabel);
        r.lastBought = lastBought;
        r.usualIntervalDays = usualIntervalDays;
        r.overdueDays = overdueDays;
        return r;
    }

    private ClientRecommendation(String clientCode, Kind kind, int rank, String productKey, String productLabel) {
        this.clientCode = clientCode;
        this.kind = kind.name();
        this.rankNo = rank;
        this.productKey = productKey;
        this.productLabel = productLabel;
    }

    public String getClientCode() {
        return clientCode;
    }

    public Kind getKind() {
        return Kind.valueOf(kind);
    }

    public String getProductKey() {
        return productKey;
    }

    public Double getConfidence() {
        return confidence;
    }
}
