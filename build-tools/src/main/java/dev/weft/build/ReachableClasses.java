package dev.weft.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Which classes of the shaded libraries (ByteBuddy, the Prometheus client) the agent can ever load,
 * so that the agent jar leaves the others out:
 *
 * <pre>
 * java dev.weft.build.ReachableClasses target/shade/exploded target/shade/unreachable.txt dev/weft/shaded/
 * </pre>
 *
 * <p>writes the class files under the given prefixes that are not needed, one path a line, for the
 * jar step's {@code excludesfile}. Classes outside the prefixes (the agent, the modules, the bootstrap
 * classes) are the roots and are all kept.
 *
 * <p>Why not class-level reachability (what a shade {@code minimizeJar} does): ByteBuddy's entry types
 * mention most of ByteBuddy (its {@code AgentBuilder} names the build plugin engine, its {@code ByteBuddy}
 * every implementation), so nearly all of it is "referenced". This walks methods instead (rapid type
 * analysis): a method is reached when reached code calls it, a virtual call reaches the overriding
 * methods of the classes reached code instantiates, and the JVM may call any method of an
 * instantiated class that overrides a JDK method ({@code toString}, {@code transform}, {@code run}).
 *
 * <p>What keeps it sound, conservatively:
 * <ul>
 *   <li>Reflection: a class named by a class literal or by a string constant of reached code
 *       ({@code Class.forName("...")}, ByteBuddy's dispatchers and {@code getDeclaredMethod} on its own
 *       types) has all its methods reached and counts as instantiated.</li>
 *   <li>The verifier: a class the JVM links is verified whole, unreached methods included, and
 *       verification loads the classes its assignments check. So every class named in a kept class's
 *       constant pool is kept too (with its supertypes), though not its code.</li>
 *   <li>Annotations of the roots (ByteBuddy reads the advice classes' {@code @Advice.OnMethodEnter}
 *       reflectively), and the outer class of every kept nested class ({@code getSimpleName}).</li>
 * </ul>
 * It removes whole class files only; no class is changed.
 */
public final class ReachableClasses {

    private final Map<String, ClassFile> classes;
    private final List<String> prefixes;
    private final Map<String, Set<String>> subtypes = new HashMap<>();
    private final Map<String, Set<String>> jdkMethodNames = new HashMap<>();

    private final Set<String> kept = new HashSet<>();
    private final Set<String> initialized = new HashSet<>();
    private final Set<String> instantiated = new HashSet<>();
    private final Set<String> reflected = new HashSet<>();
    private final Set<String> reachedMethods = new HashSet<>();
    /** Virtual calls seen, per owner type: name + descriptor. */
    private final Map<String, Set<String>> virtualCalls = new HashMap<>();
    private final Deque<String[]> work = new ArrayDeque<>();

    ReachableClasses(Collection<ClassFile> all, List<String> prefixes) {
        this.classes = new HashMap<>();
        for (ClassFile c : all) {
            classes.put(c.name, c);
        }
        this.prefixes = prefixes;
        for (ClassFile c : all) {
            for (String s : supertypes(c.name)) {
                subtypes.computeIfAbsent(s, k -> new HashSet<>()).add(c.name);
            }
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: ReachableClasses <classes folder> <output file> <prefix>...");
            System.exit(2);
        }
        Path root = Paths.get(args[0]);
        List<ClassFile> all = read(root);
        List<String> prefixes = Arrays.asList(args).subList(2, args.length);
        ReachableClasses analysis = new ReachableClasses(all, prefixes);
        Set<String> needed = analysis.needed();
        Set<String> unneeded = new TreeSet<>();
        int candidates = 0;
        for (ClassFile c : all) {
            if (analysis.prunable(c.name)) {
                candidates++;
                if (!needed.contains(c.name)) {
                    unneeded.add(c.name + ".class");
                }
            }
        }
        try (Writer out = Files.newBufferedWriter(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            for (String path : unneeded) {
                out.write(path);
                out.write('\n');
            }
        }
        System.out.println("ReachableClasses: " + (candidates - unneeded.size()) + " of " + candidates
                + " classes under " + prefixes + " can be loaded; " + unneeded.size() + " left out");
    }

    static List<ClassFile> read(Path root) throws IOException {
        List<ClassFile> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
                    .forEach(f -> {
                        try {
                            all.add(ClassFile.parse(new ClassReader(Files.readAllBytes(f))));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return all;
    }

    boolean prunable(String name) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Every class that must stay: the roots, what they reach, and what verifying those loads. */
    Set<String> needed() {
        for (ClassFile c : classes.values()) {
            if (!prunable(c.name)) {
                reflect(c.name);
                for (String a : c.annotationTypes) {
                    annotation(a);
                }
            }
        }
        while (!work.isEmpty()) {
            String[] m = work.pop();
            process(classes.get(m[0]), m[0], m[1]);
        }
        Set<String> needed = new HashSet<>(kept);
        for (String k : kept) {
            for (String mentioned : classes.get(k).mentions) {
                for (String s : supertypes(mentioned)) {
                    if (classes.containsKey(s)) {
                        needed.add(s);
                    }
                }
            }
        }
        Set<String> outers = new HashSet<>();
        for (String n : needed) {
            String outer = classes.get(n).outer;
            while (outer != null && classes.containsKey(outer) && !needed.contains(outer) && outers.add(outer)) {
                for (String s : supertypes(outer)) {
                    if (classes.containsKey(s)) {
                        outers.add(s);
                    }
                }
                outer = classes.get(outer).outer;
            }
        }
        needed.addAll(outers);
        return needed;
    }

    /** The class and its supertypes in the folder, the class first. */
    private List<String> supertypes(String name) {
        List<String> out = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.push(name);
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            out.add(n);
            ClassFile c = classes.get(n);
            if (c != null) {
                if (c.superName != null) {
                    todo.push(c.superName);
                }
                c.interfaces.forEach(todo::push);
            }
        }
        return out;
    }

    private void keep(String name) {
        if (classes.containsKey(name) && kept.add(name)) {
            ClassFile c = classes.get(name);
            if (c.superName != null) {
                keep(c.superName);
            }
            c.interfaces.forEach(this::keep);
        }
    }

    private void reach(String owner, String nameAndDescriptor) {
        ClassFile c = classes.get(owner);
        if (c == null || !c.methods.containsKey(nameAndDescriptor)) {
            return;
        }
        keep(owner);
        if (reachedMethods.add(owner + '.' + nameAndDescriptor)) {
            work.push(new String[] {owner, nameAndDescriptor});
        }
    }

    private void initialize(String name) {
        for (String s : supertypes(name)) {
            if (classes.containsKey(s) && initialized.add(s)) {
                keep(s);
                reach(s, "<clinit>()V");
            }
        }
    }

    /** The method a call on a receiver of this class runs: the class chain first, then default methods. */
    private String resolve(String receiver, String nameAndDescriptor) {
        for (String n = receiver; n != null && classes.containsKey(n); n = classes.get(n).superName) {
            Integer access = classes.get(n).methods.get(nameAndDescriptor);
            if (access != null && (access & Opcodes.ACC_ABSTRACT) == 0) {
                return n;
            }
        }
        for (String s : supertypes(receiver)) {
            ClassFile c = classes.get(s);
            Integer access = c == null ? null : c.methods.get(nameAndDescriptor);
            if (access != null && (access & Opcodes.ACC_ABSTRACT) == 0) {
                return s;
            }
        }
        return null;
    }

    private void instantiate(String name) {
        if (!classes.containsKey(name) || !instantiated.add(name)) {
            return;
        }
        initialize(name);
        List<String> hierarchy = supertypes(name);
        for (String s : hierarchy) {
            Set<String> calls = virtualCalls.get(s);
            if (calls != null) {
                for (String m : new ArrayList<>(calls)) {
                    String target = resolve(name, m);
                    if (target != null) {
                        reach(target, m);
                    }
                }
            }
        }
        // the JDK may call what overrides its own methods: toString, hashCode, run, transform, compare ...
        Set<String> jdk = new HashSet<>();
        boolean unknownSupertype = false;
        for (String s : hierarchy) {
            ClassFile c = classes.get(s);
            if (c == null) {
                Set<String> names = jdkMethodNames(s);
                if (names == null) {
                    unknownSupertype = true;
                } else {
                    jdk.addAll(names);
                }
            }
        }
        for (String s : hierarchy) {
            ClassFile c = classes.get(s);
            if (c == null) {
                continue;
            }
            for (Map.Entry<String, Integer> e : c.methods.entrySet()) {
                String m = e.getKey();
                if ((e.getValue() & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) != 0) {
                    continue; // not virtual: no JDK code calls it through a type of its own
                }
                String methodName = m.substring(0, m.indexOf('('));
                if (!methodName.startsWith("<") && (unknownSupertype || jdk.contains(methodName))) {
                    String target = resolve(name, m);
                    if (target != null) {
                        reach(target, m);
                    }
                }
            }
        }
    }

    private void virtualCall(String owner, String nameAndDescriptor) {
        keep(owner);
        if (!virtualCalls.computeIfAbsent(owner, k -> new HashSet<>()).add(nameAndDescriptor)) {
            return;
        }
        for (String s : subtypes.getOrDefault(owner, Set.of())) {
            if (instantiated.contains(s)) {
                String target = resolve(s, nameAndDescriptor);
                if (target != null) {
                    reach(target, nameAndDescriptor);
                }
            }
        }
    }

    /** A class code may reflect on: any of its methods may run, and it may be instantiated. */
    private void reflect(String name) {
        ClassFile c = classes.get(name);
        if (c == null || !reflected.add(name)) {
            return;
        }
        keep(name);
        instantiate(name);
        for (String m : c.methods.keySet()) {
            reach(name, m);
        }
        for (String a : c.annotationTypes) {
            annotation(a);
        }
    }

    /** An annotation read reflectively: its type, and the enums its values name, which the JDK initializes. */
    private void annotation(String name) {
        keep(name);
        ClassFile c = classes.get(name);
        if (c != null && (c.access & Opcodes.ACC_ENUM) != 0) {
            initialize(name);
        }
    }

    private void process(ClassFile c, String owner, String nameAndDescriptor) {
        for (ClassFile.Use use : c.uses.getOrDefault(nameAndDescriptor, List.of())) {
            switch (use.kind) {
                case NEW:
                    instantiate(use.owner);
                    break;
                case KEEP:
                    keep(use.owner);
                    break;
                case INITIALIZE:
                    initialize(use.owner);
                    break;
                case STATIC_CALL: {
                    initialize(use.owner);
                    String target = resolve(use.owner, use.member);
                    reach(target != null ? target : use.owner, use.member);
                    break;
                }
                case SPECIAL_CALL: {
                    keep(use.owner);
                    String target = use.member.startsWith("<init>") ? use.owner : resolve(use.owner, use.member);
                    if (target != null) {
                        reach(target, use.member);
                    }
                    break;
                }
                case VIRTUAL_CALL:
                    virtualCall(use.owner, use.member);
                    break;
                case REFLECT:
                    reflect(use.owner);
                    break;
                case NAMED:
                    if (classes.containsKey(use.owner)) {
                        reflect(use.owner);
                    }
                    break;
                case ANNOTATION:
                    annotation(use.owner);
                    break;
                default:
                    throw new IllegalStateException(use.kind.toString());
            }
        }
    }

    /**
     * The public and protected method names of a supertype the folder does not hold, as this JDK has
     * them; null when it is no JDK class (any method may then be called).
     */
    private Set<String> jdkMethodNames(String internalName) {
        if (jdkMethodNames.containsKey(internalName)) {
            return jdkMethodNames.get(internalName);
        }
        Set<String> names = null;
        try {
            Class<?> type = Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            names = new LinkedHashSet<>();
            for (java.lang.reflect.Method m : type.getMethods()) {
                names.add(m.getName());
            }
            for (Class<?> t = type; t != null; t = t.getSuperclass()) {
                for (java.lang.reflect.Method m : t.getDeclaredMethods()) {
                    if (!java.lang.reflect.Modifier.isPrivate(m.getModifiers())) {
                        names.add(m.getName());
                    }
                }
            }
        } catch (ClassNotFoundException | LinkageError notInTheJdk) {
            names = null;
        }
        jdkMethodNames.put(internalName, names);
        return names;
    }
}
