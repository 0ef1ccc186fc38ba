package io.crmbridge.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Migrates the ledger database, accepting the shipped migrations whose SQL comments were edited after they shipped.
 * Flyway's checksum covers a whole migration file, comments included, and {@code migrate()} refuses a database
 * whose history holds another checksum for an applied version ("Migration checksum mismatch"). When that refusal
 * comes only from the known comment edits below (the history holds exactly the checksum of the file as first
 * shipped) the history is realigned with Flyway's {@code repair()} and the migration runs again; any other
 * mismatch, a failed migration or a changed schema, still stops the start with Flyway's own message.
 */
public final class EditedMigrations {

    /**
     * Version -> Flyway's checksums of the file as shipped earlier, for each migration edited since without changing
     * what it creates on an existing database: comments, and for V2 and V3 the types PostgreSQL also knows
     * ({@code clob} became {@code text}, {@code double} became {@code double precision}; a database migrated
     * earlier keeps its columns, which hold the same values).
     */
    static final Map<String, Set<Integer>> SHIPPED_CHECKSUMS = Map.of(
            "2", Set.of(-218476669, -255893680),
            "3", Set.of(-2128852868, 1353218829),
            "4", Set.of(-1131944310),
            "5", Set.of(1035993220));

    private EditedMigrations() {
    }

    /**
     * Runs {@code flyway.migrate()}; on a validation failure made only of known comment edits, repairs the history
     * and migrates again.
     *
     * @throws FlywayException as {@code migrate()} does, for any failure other than a known comment edit
     */
    public static void migrate(Flyway flyway) {
        try {
            flyway.migrate();
        } catch (FlywayException refused) {
            if (!onlyKnownCommentEdits(flyway.info().all())) {
                throw refused;
            }
            flyway.repair();
            flyway.migrate();
        }
    }

    /**
     * True when at least one applied migration's checksum differs from its file's, every such difference is a known
     * comment edit, and no migration failed.
     */
    static boolean onlyKnownCommentEdits(MigrationInfo[] migrations) {
        List<MigrationInfo> mismatched = Arrays.stream(migrations)
                .filter(m -> m.getAppliedChecksum() != null && m.getResolvedChecksum() != null
                        && !m.getAppliedChecksum().equals(m.getResolvedChecksum()))
                .toList();
        boolean anyFailed = Arrays.stream(migrations).anyMatch(m -> m.getState().isFailed());
        return !mismatched.isEmpty() && !anyFailed && mismatched.stream().allMatch(m -> m.getVersion() != null
                && SHIPPED_CHECKSUMS.getOrDefault(m.getVersion().getVersion(), Set.of()).contains(m.getAppliedChecksum()));
    }
}
