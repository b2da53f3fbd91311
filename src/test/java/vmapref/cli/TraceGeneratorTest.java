package vmapref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code vmapref gen}: deterministic from the seed, the announced workload, and traces that both
 * engines replay with the same results (the end-to-end benchmark relies on all three).
 */
class TraceGeneratorTest {
    static String gen(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "gen";
        System.arraycopy(args, 0, all, 1, args.length);
        CliTest.Run r = CliTest.run("", all);
        assertEquals(Main.EXIT_OK, r.status(), r.err());
        return r.out();
    }

    static long count(String trace, String word) {
        return Arrays.stream(trace.split("\n")).filter(l -> l.startsWith(word + " ") || l.equals(word)).count();
    }

    @Test
    void sameSeedGivesTheSameBytes() {
        assertEquals(gen("--ops", "3000", "--live", "200", "--seed", "7"),
                gen("--ops", "3000", "--live", "200", "--seed", "7"));
    }

    @Test
    void differentSeedsGiveDifferentTraces() {
        assertNotEquals(gen("--ops", "3000", "--live", "200", "--seed", "7"),
                gen("--ops", "3000", "--live", "200", "--seed", "8"));
    }

    @Test
    void writesExactlyOpsOperationsOfEveryKindInTheVmallocRange() {
        String trace = gen("--ops", "20000", "--live", "300", "--seed", "1");
        long alloc = count(trace, "alloc");
        long free = count(trace, "free");
        long lazy = count(trace, "lazyfree");
        long purge = count(trace, "purge");
        assertEquals(20000, alloc + free + lazy + purge);
        assertTrue(free > 0 && lazy > 5 * free && purge > 0, trace.substring(0, 200));
        assertTrue(Arrays.stream(trace.split("\n")).filter(l -> l.startsWith("alloc "))
                .allMatch(l -> l.endsWith(" 0xffffc90000000000 0xffffe8ffffffffff")));
    }

    @Test
    void steadyStateKeepsAboutLiveAreasLive() {
        String trace = gen("--ops", "20000", "--live", "300", "--seed", "3");
        CliTest.Run r = CliTest.run(trace, "replay", "--state", "--json", "-");
        assertEquals(Main.EXIT_OK, r.status(), r.err());
        String[] lines = r.out().split("\n");
        String state = lines[lines.length - 1];
        Matcher m = Pattern.compile("\"live\":(\\d+)").matcher(state);
        assertTrue(m.find(), state);
        int live = Integer.parseInt(m.group(1));
        assertTrue(live >= 300 * 9 / 10 && live <= 300 * 11 / 10, "live areas at the end: " + live);
    }

    @Test
    void portAndNaiveOracleReplayTheTraceIdentically() {
        String trace = gen("--ops", "20000", "--live", "500", "--seed", "5");
        CliTest.Run port = CliTest.run(trace, "replay", "-");
        CliTest.Run naive = CliTest.run(trace, "replay", "--engine", "naive", "-");
        assertEquals(Main.EXIT_OK, port.status(), port.err());
        assertEquals(Main.EXIT_OK, naive.status(), naive.err());
        assertEquals(port.out(), naive.out());
    }

    @Test
    void missingOrBadArgumentsAreUsageErrors() {
        assertEquals(Main.EXIT_USAGE, CliTest.run("", "gen", "--ops", "10", "--live", "5").status());
        assertEquals(Main.EXIT_USAGE, CliTest.run("", "gen", "--ops", "-1", "--live", "5", "--seed", "1").status());
        assertEquals(Main.EXIT_USAGE, CliTest.run("", "gen", "--ops", "10", "--live", "0", "--seed", "1").status());
        assertEquals(Main.EXIT_USAGE, CliTest.run("", "gen", "--ops", "10", "--live", "5", "--seed", "1", "--x", "1").status());
    }
}
