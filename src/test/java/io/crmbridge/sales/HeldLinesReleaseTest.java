package io.crmbridge.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.sales.store.SalesLedgerStore;
import io.crmbridge.sales.store.SalesLine;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Foreign-key checks of the sales ledger (PRODUCT.md W1): sales lines whose client or product is not
 * in the ledger are held, reported with their row numbers, and loaded when the client and product
 * arrive, whatever the order of the files.
 */
class HeldLinesReleaseTest extends ImportFlowTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Charset CP1252 = Charset.forName("windows-1252");

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void heldLinesAreReleasedWhenTheirClientAndProductArrive() throws Exception {
        drop("ventes_lignes_2025.csv", String.join("\r\n",
                "client_code;date_livraison;produit_label;qty_line;pu_ht;mt_ht;mt_ttc;marge;document_type;document_no;article;email;code_postal;ville",
                "C001;27/12/2025;Crémant Alsace Extra Brut;1;8,5;8,5;10,2;2,0;VENTE;V001;CREMANT;jean.dupont@example.com;67000;Strasbourg",
                "C002;28/12/2025;Crémant Alsace Extra Brut;6;8,5;51;61,2;12;VENTE;V002;CREMANT;;67000;Strasbourg",
                "C002;28/12/2025;Sancerre Blanc;2;14,5;29;34,8;8;VENTE;V002;SANCERRE;;67000;Strasbourg",
                "").getBytes(CP1252));
        JsonNode lines = awaitReport("ventes_lignes_2025.csv");

        assertThat(lines.path("kind").asText()).isEqualTo("sales_lines");
        assertThat(lines.path("rowsRead").asLong()).isEqualTo(3);
        assertThat(lines.path("outcomes").path("held").asLong()).isEqualTo(3);
        assertThat(lines.path("heldRows").findValuesAsText("row")).containsExactly("1", "2", "3");
        assertThat(lines.path("heldRows").get(0).path("reason").asText())
                .contains("client C001 is not in the ledger").contains("product 'Crémant Alsace Extra Brut'");
        assertThat(lines.path("heldLines").path("stillHeld").asLong()).isEqualTo(3);
        assertThat(lines.path("scoring").path("clientsScored").asLong()).isZero();

        drop("clients.csv", String.join("\n",
                "client_code,nom,prenom,email,telephone,adresse,code_postal,ville,pays",
                "C001,Dupont,Jean,jean.dupont@example.com,03 88 12 34 56,1 rue de l'Exemple,67000,Strasbourg,France",
                "C002,Martin,Claire,claire.martin@example.com,06 12 34 56 78,2 place Kléber,1000,Bourg-en-Bresse,France",
                "").getBytes(StandardCharsets.UTF_8));
        JsonNode clients = awaitReport("clients.csv");

        assertThat(clients.path("outcomes").path("loaded").asLong()).isEqualTo(2);
        assertThat(clients.path("heldLines").path("released").asLong())
                .as("no line can load before its product is known").isZero();

        drop("produits.csv", String.join("\n",
                "produit;article;millesime;famille_crm;sous_famille;macro_categorie;prix_ttc;price_band;premium_tier",
                "Crémant Alsace Extra Brut;CREMANT;2023;Alsace;Effervescents;Aperitif;10,2;10-15;Standard",
                "").getBytes(StandardCharsets.UTF_8));
        JsonNode products = awaitReport("produits.csv");

        assertThat(products.path("heldLines").path("released").asLong()).isEqualTo(2);
        assertThat(products.path("heldLines").path("stillHeld").asLong()).isEqualTo(1);
        assertThat(products.path("scoring").path("clientsScored").asLong()).isEqualTo(2);
        SalesLedgerStore store = context.getRegistry().lookupByNameAndType("salesLedgerStore", SalesLedgerStore.class);
        List<SalesLine> held = store.heldLines();
        assertThat(held).extracting(SalesLine::getProductLabel).containsExactly("Sancerre Blanc");
        assertThat(held.get(0).getHoldReason()).contains("product 'Sancerre Blanc'").doesNotContain("client");
        assertThat(store.loadedCount()).isEqualTo(2);
        assertThat(store.imports()).extracting(i -> i.getKind() + ":" + i.getStatus() + ":" + i.getReleased())
                .containsExactly("sales_lines:COMPLETED:0", "clients:COMPLETED:0", "products:COMPLETED:2");
        awaitInboxEmpty(TIMEOUT);
    }

    @Test
    void reImportedRowsAreUnchangedOrUpdatedAndALedgerNameWithoutItsColumnsIsRefusedUnlessTheMainJobTakesIt() throws Exception {
        String header = "client_code;nom;prenom;email;telephone;adresse;code_postal;ville;pays";
        drop("clients-v1.csv", String.join("\n", header,
                "C001;Dupont;Jean;jean.dupont@example.com;0388123456;1 rue Haute;67000;Strasbourg;France",
                "C002;Martin;Claire;claire.martin@example.com;0612345678;2 rue Basse;67000;Strasbourg;France",
                "").getBytes(StandardCharsets.UTF_8));
        awaitReport("clients-v1.csv");
        drop("clients-v2.csv", String.join("\n", header,
                "C001;Dupont;Jean;jean.dupont@example.com;03 88 12 34 56;1 rue Haute;67000;Strasbourg;France",
                "C002;Martin;Claire;claire.martin@example.com;0612345678;5 rue Neuve;67000;Strasbourg;France",
                "C003;Petit;Luc;luc.petit@example.com;;;;;France",
                "").getBytes(StandardCharsets.UTF_8));
        JsonNode second = awaitReport("clients-v2.csv");
        drop("produits-sans-colonnes.csv", "Foo;Bar\n1;2\n".getBytes(StandardCharsets.UTF_8));
        // named like the ledger's clients export, but a file of contacts: the main job keeps it
        drop("clients-crm.csv", String.join("\n", "First Name,Last Name,Email",
                "Ada,Lovelace,ada@analytical-engines.co.uk", "").getBytes(StandardCharsets.UTF_8));
        JsonNode contacts = awaitReport("clients-crm.csv");
        assertThat(contacts.path("objectType").asText()).isEqualTo("contacts");
        assertThat(contacts.path("outcomes").path("created").asLong()).isEqualTo(1);

        // C001's phone is written another way but normalises to the same E.164 number
        assertThat(second.path("outcomes").path("unchanged").asLong()).isEqualTo(1);
        assertThat(second.path("outcomes").path("updated").asLong()).isEqualTo(1);
        assertThat(second.path("outcomes").path("loaded").asLong()).isEqualTo(1);
        SalesLedgerStore store = context.getRegistry().lookupByNameAndType("salesLedgerStore", SalesLedgerStore.class);
        assertThat(store.client("C001").getPhone()).isEqualTo("+33388123456");
        assertThat(store.client("C002").getAddress()).isEqualTo("5 rue Neuve");
        awaitInboxEmpty(TIMEOUT);
        java.nio.file.Path error = outbox().resolve("dead-letter").resolve("produits-sans-colonnes.csv.error.txt");
        org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> java.nio.file.Files.exists(error));
        assertThat(java.nio.file.Files.readString(error)).contains("sales-ledger products export").contains("famille_crm");
    }
}
