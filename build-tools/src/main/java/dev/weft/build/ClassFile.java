package dev.weft.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What {@link ReachableClasses} needs of one class file: its supertypes, its methods and, per method,
 * what the method's code uses (classes it instantiates, methods it calls, classes it names); and
 * every class its constant pool names, which verifying it may load.
 */
final class ClassFile {

    private static final Pattern CLASS_IN_DESCRIPTOR = Pattern.compile("L([^;<>]+)[;<]");

    enum Kind { NEW, KEEP, INITIALIZE, STATIC_CALL, SPECIAL_CALL, VIRTUAL_CALL, REFLECT, NAMED, ANNOTATION }

    /** One thing a method's code does with another class. */
    static final class Use {
        final Kind kind;
        final String owner;
        /** name + descriptor, for calls. */
        final String member;

        Use(Kind kind, String owner, String member) {
            this.kind = kind;
            this.owner = owner;
            this.member = member;
        }
    }

    String name;
    String superName;
    int access;
    final List<String> interfaces = new ArrayList<>();
    /** The declaring or enclosing class of a nested class, else null. */
    String outer;
    /** name + descriptor to access flags. */
    final Map<String, Integer> methods = new HashMap<>();
    /** name + descriptor to what that method's code uses. */
    final Map<String, List<Use>> uses = new HashMap<>();
    /** Every class the constant pool and the declarations name. */
    final Set<String> mentions = new HashSet<>();
    /** The annotations on the class and its members, and the enums and classes their values name. */
    final Set<String> annotationTypes = new HashSet<>();

    static ClassFile parse(ClassReader reader) {
        ClassFile c = new ClassFile();
        c.readConstantPool(reader);
        reader.accept(c.new Reader(), ClassReader.SKIP_FRAMES);
        return c;
    }

    /** Classes (CONSTANT_Class), descriptors of members used (NameAndType) and method types. */
    private void readConstantPool(ClassReader reader) {
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0) {
                continue; // the second slot of a long or double
            }
            int tag = reader.readByte(offset - 1);
            if (tag == 7) {
                mention(Type.getObjectType(reader.readUTF8(offset, buffer)));
            } else if (tag == 12) {
                descriptor(reader.readUTF8(offset + 2, buffer));
            } else if (tag == 16) {
                descriptor(reader.readUTF8(offset, buffer));
            }
        }
    }

    private void mention(Type type) {
        Type t = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (t.getSort() == Type.OBJECT) {
            mentions.add(t.getInternalName());
        }
    }

    private void descriptor(String descriptor) {
        if (descriptor == null) {
            return;
        }
        Matcher m = CLASS_IN_DESCRIPTOR.matcher(descriptor);
        while (m.find()) {
            mentions.add(m.group(1));
        }
    }

    private static String elementName(String internalNameOrArray) {
        return internalNameOrArray.startsWith("[") ? elementOf(Type.getType(internalNameOrArray)) : internalNameOrArray;
    }

    private static String elementOf(Type type) {
        Type t = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        return t.getSort() == Type.OBJECT ? t.getInternalName() : null;
    }

    private final class Reader extends ClassVisitor {

        Reader() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            ClassFile.this.name = name;
            ClassFile.this.access = access;
            ClassFile.this.superName = superName;
            if (interfaces != null) {
                ClassFile.this.interfaces.addAll(List.of(interfaces));
            }
            if (superName != null) {
                mentions.add(superName);
            }
            if (interfaces != null) {
                mentions.addAll(List.of(interfaces));
            }
            descriptor(signature);
        }

        @Override
        public void visitOuterClass(String owner, String name, String descriptor) {
            outer = owner;
        }

        @Override
        public void visitInnerClass(String name, String outerName, String innerName, int access) {
            if (name.equals(ClassFile.this.name) && outerName != null) {
                outer = outerName;
            }
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return annotation(descriptor);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            descriptor(descriptor);
            descriptor(signature);
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                    return annotation(d);
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            String key = name + descriptor;
            methods.put(key, access);
            descriptor(descriptor);
            descriptor(signature);
            List<Use> list = new ArrayList<>();
            uses.put(key, list);
            return new Code(list);
        }
    }

    private AnnotationVisitor annotation(String descriptor) {
        String type = elementOf(Type.getType(descriptor));
        if (type != null) {
            annotationTypes.add(type);
            mentions.add(type);
        }
        return new AnnotationValues();
    }

    private final class AnnotationValues extends AnnotationVisitor {

        AnnotationValues() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(String name, Object value) {
            if (value instanceof Type) {
                String t = elementOf((Type) value);
                if (t != null) {
                    annotationTypes.add(t);
                    mentions.add(t);
                }
            }
        }

        @Override
        public void visitEnum(String name, String descriptor, String value) {
            String t = elementOf(Type.getType(descriptor));
            if (t != null) {
                annotationTypes.add(t);
                mentions.add(t);
            }
        }

        @Override
        public AnnotationVisitor visitAnnotation(String name, String descriptor) {
            return annotation(descriptor);
        }

        @Override
        public AnnotationVisitor visitArray(String name) {
            return this;
        }
    }

    private final class Code extends MethodVisitor {
        private final List<Use> list;

        Code(List<Use> list) {
            super(Opcodes.ASM9);
            this.list = list;
        }

        private void use(Kind kind, String owner, String member) {
            if (owner != null) {
                list.add(new Use(kind, owner, member));
            }
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return annotation(descriptor);
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
            return annotation(descriptor);
        }

        @Override
        public AnnotationVisitor visitAnnotationDefault() {
            return new AnnotationValues();
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            use(opcode == Opcodes.NEW ? Kind.NEW : Kind.KEEP, elementName(type), null);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            boolean isStatic = opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC;
            use(isStatic ? Kind.INITIALIZE : Kind.KEEP, elementName(owner), null);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (owner.startsWith("[")) {
                return; // clone() of an array
            }
            Kind kind = opcode == Opcodes.INVOKESTATIC ? Kind.STATIC_CALL
                    : opcode == Opcodes.INVOKESPECIAL ? Kind.SPECIAL_CALL : Kind.VIRTUAL_CALL;
            use(kind, owner, name + descriptor);
        }

        @Override
        public void visitLdcInsn(Object value) {
            constant(value);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            handle(bootstrap);
            for (Object a : arguments) {
                constant(a);
            }
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
            use(Kind.KEEP, elementOf(Type.getType(descriptor)), null);
        }

        @Override
        public void visitTryCatchBlock(org.objectweb.asm.Label start, org.objectweb.asm.Label end,
                                       org.objectweb.asm.Label handler, String type) {
            if (type != null) {
                use(Kind.KEEP, type, null);
            }
        }

        private void constant(Object value) {
            if (value instanceof Type) {
                Type t = (Type) value;
                if (t.getSort() == Type.METHOD) {
                    return;
                }
                use(Kind.REFLECT, elementOf(t), null);
            } else if (value instanceof String) {
                // Class.forName("...") and the like: a class named by a string may be loaded by that name
                use(Kind.NAMED, ((String) value).replace('.', '/'), null);
            } else if (value instanceof Handle) {
                handle((Handle) value);
            } else if (value instanceof ConstantDynamic) {
                ConstantDynamic c = (ConstantDynamic) value;
                handle(c.getBootstrapMethod());
                for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                    constant(c.getBootstrapMethodArgument(i));
                }
            }
        }

        /** A method handle (a lambda's body, a bootstrap method): its target may run. */
        private void handle(Handle h) {
            switch (h.getTag()) {
                case Opcodes.H_INVOKESTATIC:
                    use(Kind.STATIC_CALL, h.getOwner(), h.getName() + h.getDesc());
                    break;
                case Opcodes.H_NEWINVOKESPECIAL:
                    use(Kind.NEW, h.getOwner(), null);
                    use(Kind.SPECIAL_CALL, h.getOwner(), h.getName() + h.getDesc());
                    break;
                case Opcodes.H_INVOKESPECIAL:
                    use(Kind.SPECIAL_CALL, h.getOwner(), h.getName() + h.getDesc());
                    break;
                case Opcodes.H_INVOKEVIRTUAL:
                case Opcodes.H_INVOKEINTERFACE:
                    use(Kind.VIRTUAL_CALL, h.getOwner(), h.getName() + h.getDesc());
                    break;
                default:
                    use(Kind.INITIALIZE, h.getOwner(), null); // a field handle
                    break;
            }
        }
    }
}
