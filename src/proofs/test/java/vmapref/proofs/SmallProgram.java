package vmapref.proofs;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.speclang.Contract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A small class of its own that KeY loads once for the runner's tests that need KeY
 * ({@link CallContractTest}, {@link SmtGoalTest}): about 10 s, instead of the core's 30 s.
 */
final class SmallProgram {
    private static final String SOURCE = """
            package vmapref.calltest;

            public class Calls {
                //@ public invariant true;
                //@ accessible \\inv: \\nothing;

                /*@ public normal_behavior
                  @   requires x >= 0;
                  @   ensures \\result == x;
                  @   assignable \\strictly_nothing;
                  @ also
                  @ public normal_behavior
                  @   requires x < 0;
                  @   ensures \\result < 0;
                  @   assignable \\strictly_nothing;
                  @*/
                public static int same(int x) {
                    return x;
                }

                /*@ public normal_behavior
                  @   requires y >= 0 && y <= 1000;
                  @   ensures \\result == y;
                  @   assignable \\strictly_nothing;
                  @*/
                public static int caller(int y) {
                    if (y > 10) {
                        return same(y - 10) + 10;
                    }
                    return same(y);
                }

                /*@ public normal_behavior
                  @   ensures \\result == 1;
                  @   assignable \\strictly_nothing;
                  @*/
                public static int one() {
                    return 1;
                }
            }
            """;

    /** Auto mode's step budget in these proofs (KeY's default, 400, is too few to finish the first). */
    private static final int STEPS = 10_000;

    private static KeYEnvironment<?> env;

    private SmallProgram() {
    }

    /**
     * KeY's environment with the class loaded; loaded on the first call, kept for the JVM. The
     * source goes to a temporary folder that is deleted when the JVM exits.
     */
    static synchronized KeYEnvironment<?> env() throws Exception {
        if (env == null) {
            Path dir = Files.createTempDirectory("vmapref-small-program");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            Path src = dir.resolve("src");
            Files.createDirectories(src.resolve("vmapref/calltest"));
            Files.writeString(src.resolve("vmapref/calltest/Calls.java"), SOURCE);
            env = KeYEnvironment.load(src.toFile(), null, null, null);
        }
        return env;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    /** The contract with the runner's id {@code id} ({@link ProofRunner#idOf}). */
    static Contract contract(String id) throws Exception {
        for (Contract c : env().getSpecificationRepository().getAllContracts()) {
            if (ProofRunner.idOf(c).equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no contract " + id);
    }

    /** A new proof of contract {@code id}, with {@link #STEPS} steps for auto mode. */
    static Proof proofOf(String id) throws Exception {
        Contract c = contract(id);
        Proof proof = env().createProof(c.createProofObl(env().getInitConfig(), c));
        proof.getSettings().getStrategySettings().setMaxSteps(STEPS);
        return proof;
    }
}
