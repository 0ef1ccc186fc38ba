package io.crmbridge.pipeline;

import java.io.File;
import java.util.List;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The inbox file consumer's one {@code filter} (the option takes a single filter): a file is taken when every
 * filter accepts it, asked in order and no further once one refuses. In routes/intake.yaml: first
 * {@link InboxNameQuarantine} (names the consumer cannot take are dead-lettered), then {@link InboxRetry}
 * (a file that met an unavailable resource waits for its retry time).
 */
public final class InboxFilter implements GenericFileFilter<File> {

    private final List<GenericFileFilter<File>> filters;

    public InboxFilter(List<GenericFileFilter<File>> filters) {
        this.filters = List.copyOf(filters);
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        for (GenericFileFilter<File> filter : filters) {
            if (!filter.accept(file)) {
                return false;
            }
        }
        return true;
    }
}
