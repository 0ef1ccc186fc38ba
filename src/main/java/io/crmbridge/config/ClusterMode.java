package io.crmbridge.config;

import org.apache.camel.spi.PropertiesComponent;

/**
 * Whether this instance shares its work with others ({@code crm-bridge.cluster.enabled}, docs/cluster.md), which
 * needs a database every instance reaches: PostgreSQL (DESIGN.md "Several instances").
 */
public final class ClusterMode {

    private ClusterMode() {
    }

    /**
     * {@code crm-bridge.cluster.enabled}.
     *
     * @throws InvalidSettingException when it is true and {@code crm-bridge.db.url} is not a PostgreSQL URL; the
     *                                 message is one line, naming the database's kind, never the URL (it may
     *                                 hold a password)
     */
    public static boolean enabled(PropertiesComponent p) {
        if (!Settings.CLUSTER_ENABLED.read(p)) {
            return false;
        }
        String url = Settings.DB_URL.read(p);
        if (!url.startsWith("jdbc:postgresql:")) {
            // the setting's validator lets only jdbc:<kind>:... through
            String kind = url.isBlank() ? "empty (an H2 database of this instance's own)"
                    : "a " + url.split(":")[1] + " database";
            throw new InvalidSettingException(Settings.CLUSTER_ENABLED.name() + " = true needs a PostgreSQL database"
                    + " all instances share: " + Settings.DB_URL.name() + " (jdbc:postgresql://host:port/db) is "
                    + kind);
        }
        return true;
    }
}
