package io.crmbridge.sales.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One product of the merchant's catalogue, keyed by its label as sales lines name it (see
 * {@link io.crmbridge.sales.ingest.LedgerValues#productKey}); table {@code sales_product} (migration V3).
 */
@Entity
@Table(name = "sales_product")
public class LedgerProduct extends ImportedMasterData {

    @Id
    @Column(name = "product_key")
    private String productKey;
    @Column(nullable = false)
    private String label;
    private String article;
    private Integer vintage;
    private String family;
    @Column(name = "sub_family")
    private String subFamily;
    @Column(name = "macro_category")
    private String macroCategory;
    @Column(name = "price_ttc")
    private BigDecimal priceTtc;
    @Column(name = "price_band")
    private String priceBand;
    @Column(name = "premium_tier")
    private String premiumTier;

    protected LedgerProduct() {
    }

    /** A product as normalised from one row of a products file; {@code contentHash} identifies its values. */
    public LedgerProduct(String productKey, String label, String article, Integer vintage, String family,
                         String subFamily, String macroCategory, BigDecimal priceTtc, String priceBand,
                         String premiumTier, String contentHash, long importId, Instant updatedAt) {
        super(contentHash, importId, updatedAt);
        this.productKey = productKey;
        this.label = label;
        this.article = article;
        this.vintage = vintage;
        this.family = family;
        this.subFamily = subFamily;
        this.macroCategory = macroCategory;
        this.priceTtc = priceTtc;
        this.priceBand = priceBand;
        this.premiumTier = premiumTier;
    }

    public String getProductKey() {
        return productKey;
    }

    public String getLabel() {
        return label;
    }

    public Integer getVintage() {
        return vintage;
    }

    public String getFamily() {
        return family;
    }

    public BigDecimal getPriceTtc() {
        return priceTtc;
    }
}
