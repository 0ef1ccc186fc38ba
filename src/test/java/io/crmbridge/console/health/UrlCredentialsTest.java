package io.crmbridge.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlCredentialsTest {

    @Test
    void masksTheUserInformationOfAnAuthority() {
        assertThat(UrlCredentials.masked("jdbc:postgresql://ledger:s3cret-pw@db.example.com:5432/crm"))
                .isEqualTo("jdbc:postgresql://***@db.example.com:5432/crm");
        assertThat(UrlCredentials.masked("jdbc:mysql://root@localhost/crm")).isEqualTo("jdbc:mysql://***@localhost/crm");
        assertThat(UrlCredentials.masked("jdbc:oracle:thin:scott/tiger@db:1521:orcl"))
                .isEqualTo("jdbc:oracle:thin:***@db:1521:orcl");
        assertThat(UrlCredentials.masked("https://user:pw@proxy.example.com/api")).isEqualTo("https://***@proxy.example.com/api");
    }

    @Test
    void masksParametersThatNameAUserOrASecret() {
        assertThat(UrlCredentials.masked("jdbc:h2:file:./var/crm;USER=sa;PASSWORD=s3cret-pw;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:file:./var/crm;USER=***;PASSWORD=***;AUTO_SERVER=TRUE");
        assertThat(UrlCredentials.masked("jdbc:postgresql://db/crm?user=ledger&password=s3cret-pw&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/crm?user=***&password=***&ssl=true");
        assertThat(UrlCredentials.masked("jdbc:sqlserver://db:1433;databaseName=crm;user id=ledger;pwd=s3cret-pw"))
                .isEqualTo("jdbc:sqlserver://db:1433;databaseName=crm;user id=***;pwd=***");
    }

    @Test
    void leavesAUrlWithoutCredentialsAndTextThatIsNoUrlAsTheyAre() {
        for (String url : new String[] {"jdbc:h2:mem:crm-bridge-1;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
                "jdbc:h2:file:./var/crm-bridge", "https://api.hubapi.com", "a;password=x is no url", ""}) {
            assertThat(UrlCredentials.masked(url)).isEqualTo(url);
        }
        assertThat(UrlCredentials.masked(null)).isNull();
    }
}
