package dev.weft.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.instrumentation.api.InstrumentationModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The module names users may give in WEFT_INSTRUMENTATIONS_DISABLED are the ones the agent installs. */
class ModuleNamesDocumentedTest {

    @Test
    void configurationPageListsEveryModuleByItsName() throws Exception {
        TreeSet<String> installed = new TreeSet<>();
        for (InstrumentationModule module : ServiceLoader.load(InstrumentationModule.class)) {
            installed.add(module.name());
        }
        String row = Files.readAllLines(Paths.get("../docs/configuration.md"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("| `WEFT_INSTRUMENTATIONS_DISABLED`"))
                .findFirst().orElseThrow(() -> new AssertionError("no WEFT_INSTRUMENTATIONS_DISABLED row"));
        String names = row.split("\\|")[5];
        TreeSet<String> documented = new TreeSet<>();
        Matcher name = Pattern.compile("`([a-z0-9-]+)`").matcher(names);
        while (name.find()) {
            documented.add(name.group(1));
        }
        assertEquals(installed, documented);
    }
}
