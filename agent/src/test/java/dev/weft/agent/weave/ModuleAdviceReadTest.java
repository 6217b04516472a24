package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.instrumentation.api.InstrumentationModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/** Every advice class of the installed modules reads: each parameter bound, nothing this weaver refuses. */
class ModuleAdviceReadTest {

    private static final byte[] ENTER = Type.getDescriptor(Advice.OnMethodEnter.class).getBytes(StandardCharsets.UTF_8);
    private static final byte[] EXIT = Type.getDescriptor(Advice.OnMethodExit.class).getBytes(StandardCharsets.UTF_8);

    @Test
    void everyModulesAdviceReads() throws Exception {
        // by name: a module's classes may be found twice (its own jar and the agent's classes)
        Set<String> read = new TreeSet<String>();
        for (InstrumentationModule module : ServiceLoader.load(InstrumentationModule.class)) {
            Path location = Paths.get(module.getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                readAll(location, read);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(location, (ClassLoader) null)) {
                    readAll(jar.getPath("/"), read);
                }
            }
        }
        // every module weaves through advice; the class-loaders module alone has one
        assertTrue(read.size() > 60, "advice classes read: " + read);
    }

    private static void readAll(Path root, Set<String> read) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                byte[] classFile = Files.readAllBytes(file);
                if (!contains(classFile, ENTER) && !contains(classFile, EXIT)) {
                    continue;
                }
                AdviceMethod[] advice = AdviceMethod.read(classFile);
                assertTrue(advice[0] != null || advice[1] != null, file + " has no advice method");
                for (AdviceMethod method : advice) {
                    if (method != null) {
                        assertNotNull(method.suppress, file + ": advice that does not suppress its exceptions");
                        assertEquals(Type.getInternalName(Throwable.class), method.suppress, file.toString());
                    }
                }
                read.add(root.relativize(file).toString());
            }
        }
    }

    private static boolean contains(byte[] data, byte[] text) {
        outer:
        for (int i = 0; i + text.length <= data.length; i++) {
            for (int j = 0; j < text.length; j++) {
                if (data[i + j] != text[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
