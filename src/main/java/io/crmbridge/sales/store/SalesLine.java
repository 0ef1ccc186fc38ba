package io.crmbridge.sales.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a sales document (VENTE) or credit note (AVOIR); table {@code sales_line} (migration
 * V3). {@code status} is LOADED, or HELD while its client or product is not in the ledger.
 */
@Entity
@Table(name = "sales_line")
public class SalesLine {

    /** LOADED lines count in the scores; HELD lines wait for their client or product. */
    public enum Status { LOADED, HELD }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "line_key", nullable = false, unique = true)
    private String lineKey;
    @Column(name = "client_code", nullable = false)
    private String clientCode;
    @Column(name = "product_key", nullable = false)
    private String productKey;
    @Column(name = "product_label", nullable = false)
    private String productLabel;
    private String article;
    @Column(name = "delivery_date", nullable = false)
    private LocalDate deliveryDate;
    @Column(nullable = false)
    private BigDecimal quantity;
    @Column(name = "unit_price_ht")
    private BigDecimal unitPriceHt;
    @Column(name = "amount_ht", nullable = false)
    private BigDecimal amountHt;
    @Column(name = "amount_ttc")
    private BigDecimal amountTtc;
    private BigDecimal margin;
    @Column(name = "document_type", nullable = false)
    private String documentType;
    @Column(name = "document_no", nullable = false)
    private String documentNo;
    private String email;
    @Column(name = "postal_code")
    private String postalCode;
    private String city;
    @Column(nullable = false)
    private String status;
    @Column(name = "hold_reason")
    private String holdReason;
    @Column(name = "source_file", nullable = false)
    private String sourceFile;
    @Column(name = "source_row", nullable = false)
    private long sourceRow;
    @Column(name = "import_id", nullable = false)
    private long importId;
    @Column(name = "released_by")
    private Long releasedBy;

    protected SalesLine() {
    }

    /** A line as normalised from one row of a sales-lines file, before its references are checked. */
    public SalesLine(String lineKey, String clientCode, String productKey, String productLabel, String article,
                     LocalDate deliveryDate, BigDecimal quantity, BigDecimal unitPriceHt, BigDecimal amountHt,
                     BigDecimal amountTtc, BigDecimal margin, String documentType, String documentNo, String email,
                     String postalCode, String city) {
        this.lineKey = lineKey;
        this.clientCode = clientCode;
        this.productKey = productKey;
        this.productLabel = productLabel;
        this.article = article;
        this.deliveryDate = deliveryDate;
        this.quantity = quantity;
        this.unitPriceHt = unitPriceHt;
        this.amountHt = amountHt;
        this.amountTtc = amountTtc;
        this.margin = margin;
        this.documentType = documentType;
        this.documentNo = documentNo;
        this.email = email;
        this.postalCode = postalCode;
        this.city = city;
        this.status = Status.LOADED.name();
    }

    /** Where the line came from: the file, its data row number and the ledger import. */
    public void source(String file, long row, long importId) {
        this.sourceFile = file;
        this.sourceRow = row;
        this.importId = importId;
    }

    /**
     * Holds the line while its client or product is not in the ledger, with the reason naming what
     * is missing ("client C001 is not in the ledger; product 'X' is not in the ledger: held until it
     * arrives"); otherwise leaves it as it is.
     *
     * @return true when the line is held
     */
    public boolean holdUnlessKnown(boolean clientKnown, boolean productKnown) {
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (!clientKnown) {
            missing.add("client " + clientCode + " is not in the ledger");
        }
        if (!productKnown) {
            missing.add("product '" + productLabel + "' is not in the ledger");
        }
        if (missing.isEmpty()) {
            return false;
        }
        this.status = Status.HELD.name();
        this.holdReason = String.join("; ", missing) + ": held until it arrives";
        return true;
    }

    public String getLineKey() {
        return lineKey;
    }

    public String getClientCode() {
        return clientCode;
    }

    public String getProductKey() {
        return productKey;
    }

    public String getProductLabel() {
        return productLabel;
    }

    public LocalDate getDeliveryDate() {
        return deliveryDate;
    }

    public BigDecimal getQuantity() {
        return quantity;
    }

    public BigDecimal getAmountHt() {
        return amountHt;
    }

    public String getDocumentType() {
        return documentType;
    }

    public String getDocumentNo() {
        return documentNo;
    }

    public String getEmail() {
        return email;
    }

    public Status getStatus() {
        return Status.valueOf(status);
    }

    public String getHoldReason() {
        return holdReason;
    }

    public long getSourceRow() {
        return sourceRow;
    }
}
