package io.crmbridge.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerFileKindTest {

    @Test
    void theFileNamePrefixTellsTheKind() {
        assertThat(LedgerFileKind.byFileName("ventes_lignes_2025-12.csv")).contains(LedgerFileKind.SALES_LINES);
        assertThat(LedgerFileKind.byFileName("Sales-Lines.CSV")).contains(LedgerFileKind.SALES_LINES);
        assertThat(LedgerFileKind.byFileName("exports/clients.csv")).contains(LedgerFileKind.CLIENTS);
        assertThat(LedgerFileKind.byFileName("produits.csv")).contains(LedgerFileKind.PRODUCTS);
        assertThat(LedgerFileKind.byFileName("products-2025.csv")).contains(LedgerFileKind.PRODUCTS);
        assertThat(LedgerFileKind.byFileName("contacts.csv")).isEmpty();
        assertThat(LedgerFileKind.byFileName("companies.csv")).isEmpty();
    }

    @Test
    void theHeaderTellsTheKindWhenItHoldsOneKindsColumns() {
        assertThat(LedgerFileKind.byHeader(List.of("Client_Code ", "date_livraison", "produit_label", "qty_line", "pu_ht",
                "mt_ht", "document_type", "document_no"))).contains(LedgerFileKind.SALES_LINES);
        assertThat(LedgerFileKind.byHeader(List.of("client_code", "nom", "prenom", "email"))).contains(LedgerFileKind.CLIENTS);
        assertThat(LedgerFileKind.byHeader(List.of("produit", "article", "famille_crm"))).contains(LedgerFileKind.PRODUCTS);
        assertThat(LedgerFileKind.byHeader(List.of("First Name", "Last Name", "Email"))).isEmpty();
        assertThat(LedgerFileKind.byHeader(List.of("Prénom", "Nom", "Courriel"))).isEmpty();
    }
}
