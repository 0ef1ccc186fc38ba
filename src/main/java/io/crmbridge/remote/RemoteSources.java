package io.crmbridge.remote;

import io.crmbridge.cluster.ClusterMembers;
import io.crmbridge.cluster.RemoteFileClaims;
import io.crmbridge.config.Settings;
import io.crmbridge.ops.RemoteSourcesHealthCheck;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.remote.strategy.FtpChangedExclusiveReadLockStrategy;
import org.apache.camel.component.file.remote.strategy.SftpChangedExclusiveReadLockStrategy;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

/**
 * Binds what the remote sources' route templates (routes/remote-sources.yaml, docs/sources.md) refer to: the read
 * locks of SFTP and FTPS ({@value #SFTP_READ_LOCK}, {@value #FTPS_READ_LOCK}), the poll strategy that feeds the
 * health check ({@link RemotePolls}, {@link RemoteSourcesHealthCheck}), the repository of remembered files
 * ({@link RememberedRemoteFiles}) and the {@code secret-file:} placeholder function ({@link SecretFileFunction}).
 */
public final class RemoteSources {

    /** Registry name of the SFTP sources' read lock. */
    public static final String SFTP_READ_LOCK = "sftpReadLock";
    /** Registry name of the FTPS sources' read lock. */
    public static final String FTPS_READ_LOCK = "ftpsReadLock";

    private RemoteSources() {
    }

    /**
     * @param members this instance among the cluster's, null for one instance
     */
    public static void bind(CamelContext context, DataSource ledger, ClusterMembers members, Clock clock) {
        Registry registry = context.getRegistry();
        PropertiesComponent p = context.getPropertiesComponent();
        p.addPropertiesFunction(new SecretFileFunction());
        long checkMs = Settings.READ_LOCK_CHECK_MS.read(p);
        long minAgeMs = Settings.REMOTE_READ_LOCK_MIN_AGE_MS.read(p);
        long timeoutMs = Settings.REMOTE_READ_LOCK_TIMEOUT_MS.read(p);
        RemoteFileClaims claims = members == null ? null : new RemoteFileClaims(members);

        SftpChangedExclusiveReadLockStrategy sftp = new SftpChangedExclusiveReadLockStrategy();
        sftp.setCheckInterval(checkMs);
        sftp.setMinAge(minAgeMs);
        sftp.setMinLength(0);
        sftp.setTimeout(timeoutMs);
        registry.bind(SFTP_READ_LOCK, new RemoteReadLock<>(sftp, claims));

        FtpChangedExclusiveReadLockStrategy ftps = new FtpChangedExclusiveReadLockStrategy();
        ftps.setCheckInterval(checkMs);
        ftps.setMinAge(minAgeMs);
        ftps.setMinLength(0);
        ftps.setTimeout(timeoutMs);
        registry.bind(FTPS_READ_LOCK, new RemoteReadLock<>(ftps, claims));

        RemotePolls polls = new RemotePolls(clock);
        registry.bind(RemotePolls.BEAN_NAME, polls);
        registry.bind(RemoteSourcesHealthCheck.BEAN_NAME, new RemoteSourcesHealthCheck(polls));
        registry.bind(RememberedRemoteFiles.BEAN_NAME, new RememberedRemoteFiles(ledger));
    }
}
