package io.crmbridge.sales.ingest;

import io.crmbridge.ledger.ContentHash;
import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.sales.store.LedgerProduct;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A row of a {@code produits} export ({@code produit, article, millesime, famille_crm, sous_famille,
 * macro_categorie, prix_ttc, price_band, premium_tier}) to a {@link LedgerProduct} keyed by
 * {@link LedgerValues#productKey}. {@code produit} is required; a vintage or price that is not a
 * number is left out with an {@code INVALID_NUMBER} warning ({@code AMBIGUOUS_NUMBER} when it could
 * be read two ways, see {@link LedgerRow#optionalDecimal}).
 */
public final class ProductRowParser {

    /** Normalises one row; {@code importId} and {@code now} stamp the product. */
    public ParsedRow<LedgerProduct> parse(LedgerRow row, long importId, Instant now) {
        Issue labelProblem = row.requiredTextProblem("produit", 512);
        if (labelProblem != null) {
            return ParsedRow.rejected(labelProblem);
        }
        String label = LedgerValues.label(row.get("produit"));
        List<Issue> warnings = new ArrayList<>();
        Integer vintage = null;
        BigDecimal year = row.optionalDecimal("millesime", warnings);
        if (year != null) {
            try {
                vintage = year.intValueExact();
            } catch (ArithmeticException e) {
                warnings.add(ErrorCode.INVALID_NUMBER.issue(row.get("millesime"), "millesime"));
            }
        }
        BigDecimal price = row.optionalDecimal("prix_ttc", warnings);
        String article = row.optionalText("article", 128, warnings);
        String family = row.optionalText("famille_crm", 256, warnings);
        String subFamily = row.optionalText("sous_famille", 256, warnings);
        String macro = row.optionalText("macro_categorie", 256, warnings);
        String band = row.optionalText("price_band", 64, warnings);
        String tier = row.optionalText("premium_tier", 64, warnings);
        String hash = ContentHash.ofValues(Arrays.asList(label, article, vintage == null ? null : vintage.toString(),
                family, subFamily, macro, price == null ? null : price.stripTrailingZeros().toPlainString(), band, tier));
        return ParsedRow.of(new LedgerProduct(LedgerValues.productKey(label), label, article, vintage, family, subFamily,
                macro, price, band, tier, hash, importId, now), warnings);
    }
}
