package io.crmbridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreeNamesTest {

    @TempDir
    Path dir;

    @Test
    void firstCandidateIsTheNameItselfAndLaterOnesAreNumbered() {
        assertThat(FreeNames.numbered("contacts.csv-run1", 1)).isEqualTo("contacts.csv-run1");
        assertThat(FreeNames.numbered("contacts.csv-run1", 2)).isEqualTo("contacts.csv-run1-2");
    }

    @Test
    void skipsANameWhoseEarlierFilesExistAndLeavesThemAlone() throws Exception {
        Files.writeString(dir.resolve("a.json"), "earlier");

        String name = claimInDir("a");

        assertThat(name).isEqualTo("a-2");
        assertThat(dir.resolve("a.json")).hasContent("earlier");
        assertThat(dir.resolve(".a.claim")).doesNotExist();
        assertThat(dir.resolve(".a-2.claim")).exists();
    }

    @Test
    void skipsANameClaimedByARunStillWritingIt() throws Exception {
        String first = claimInDir("a");
        String second = claimInDir("a");

        assertThat(first).isEqualTo("a");
        assertThat(second).isEqualTo("a-2");
    }

    @Test
    void concurrentClaimersOfOneNameAllGetDifferentNames() throws Exception {
        int claimers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> names = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                Callable<String> claim = () -> {
                    start.await();
                    return claimInDir("a");
                };
                names.add(pool.submit(claim));
            }
            start.countDown();
            List<String> claimed = new ArrayList<>();
            for (Future<String> f : names) {
                claimed.add(f.get());
            }
            assertThat(claimed).doesNotHaveDuplicates().hasSize(claimers);
        } finally {
            pool.shutdownNow();
        }
    }

    private String claimInDir(String base) throws Exception {
        return FreeNames.claim(n -> FreeNames.numbered(base, n), name -> dir.resolve("." + name + ".claim"),
                name -> List.of(dir.resolve(name + ".json")));
    }
}
