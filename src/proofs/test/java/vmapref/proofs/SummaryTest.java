package vmapref.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the runner reads a committed proofs/summary.json before check mode replays the proofs. */
class SummaryTest {
    private static final String ONE = "{\"contract\": \"Ulong.lt(long,long).0\", \"status\": \"proven\", \"nodes\": 91,"
            + " \"seconds\": 0.4, \"search_seconds\": 0.4, \"how\": \"searched\"}";

    @Test
    void theCommittedSummaryIsReadEntryByEntry() throws IOException {
        String text = Files.readString(Path.of("proofs/summary.json"));
        Map<String, ProofRunner.Result> read = new LinkedHashMap<>();
        assertNull(ProofRunner.readSummary(text, read));
        assertEquals(text.lines().filter(line -> line.contains("{\"contract\": ")).count(), read.size());
    }

    @Test
    void anEntryWrittenInAnotherFormatIsAnErrorNotASilentSearch() {
        String text = "[\n" + ONE + ",\n" + ONE.replace("Ulong.lt", "Ulong.le").replace(", \"status\"", ",\n \"status\"")
                + "\n]\n";
        Map<String, ProofRunner.Result> read = new LinkedHashMap<>();
        assertEquals("1 of its 2 entries are not one line in the runner's own format (as writeSummary writes them);"
                + " without them check mode would search those proofs instead of replaying them, and would not notice"
                + " a contract listed as proven that no longer closes", ProofRunner.readSummary(text, read));
        assertEquals("proven", read.get("Ulong.lt(long,long).0").status());
    }
}
