package dev.weft.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample under {@code dev.weft.build.sample}: {@code app} is the root, {@code lib} the library the
 * analysis may prune. Each sample class says why it stays or goes.
 */
class ReachableClassesTest {

    private static final String LIB = "dev/weft/build/sample/lib/";

    @Test
    void keepsWhatTheRootReachesNamesOrMayVerifyAndLeavesOutTheRest(@TempDir Path folder) throws IOException {
        Path classes = Paths.get(ReachableClassesTest.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path sample = classes.resolve("dev/weft/build/sample");
        try (Stream<Path> files = Files.walk(sample)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Path target = folder.resolve(classes.relativize(f));
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        Path out = folder.resolve("unreachable.txt");
        ReachableClasses.main(new String[] {folder.toString(), out.toString(), LIB});
        Set<String> leftOut = new TreeSet<>(Files.readAllLines(out));
        assertEquals(new TreeSet<>(lib("Rude", "UsedByMentioned", "UsedByNeverReached")), leftOut);

        List<ClassFile> all = ReachableClasses.read(folder);
        Set<String> needed = new ReachableClasses(all, Arrays.asList(LIB)).needed();
        for (String kept : new String[] {"Greeter", "Polite", "ByName", "FromByName", "Helper", "Made", "Deep",
                "Mentioned", "NeverReached"}) {
            assertEquals(true, needed.contains(LIB + kept), kept);
        }
    }

    private static List<String> lib(String... names) {
        return Arrays.stream(names).map(n -> LIB + n + ".class").collect(Collectors.toList());
    }
}
