package io.crmbridge.cluster;

import io.crmbridge.config.InvalidSettingException;
import io.crmbridge.config.Settings;
import java.util.Locale;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Whether this instance runs beside others on one database ({@code crm-bridge.cluster.enabled}), checked before
 * anything starts (as {@link io.crmbridge.config.StartupProperties} checks the properties).
 */
public final class ClusterMode {

    private ClusterMode() {
    }

    /**
     * True in cluster mode.
     *
     * @throws InvalidSettingException in cluster mode without a PostgreSQL {@code crm-bridge.db.url}, in one line
     *                                 that names the URL's kind only (a URL may carry a password)
     */
    public static boolean check(PropertiesComponent p) {
        if (!Settings.CLUSTER_ENABLED.read(p)) {
            return false;
        }
        String url = Settings.DB_URL.read(p).trim();
        if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            String kind = url.isEmpty() ? "the default H2 database" : url.replaceFirst("^(?i)(jdbc:[a-z0-9]+):.*$", "$1:...");
            throw new InvalidSettingException(Settings.CLUSTER_ENABLED.name() + " = true needs a PostgreSQL "
                    + Settings.DB_URL.name() + " (jdbc:postgresql://host:port/database), shared by every instance;"
                    + " it is " + kind);
        }
        return true;
    }
}
