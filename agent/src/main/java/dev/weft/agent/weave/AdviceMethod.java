package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * One advice method as its class file declares it: whether it runs on enter or on exit, what each
 * of its parameters is bound to, and how failures and skipping are handled. Read from the class
 * file, never loaded: the advice's code is copied into the woven method ({@link AdviceInliner}).
 *
 * <p>The annotations are ByteBuddy's {@code Advice} ones, so that the modules' advice classes read
 * the same whichever weaver inlines them.
 */
final class AdviceMethod {

    /** What an advice parameter is bound to. */
    enum Binding { THIS, ARGUMENT, LOCAL, FIELD, ENTER, RETURN, THROWN }

    /** What skips the woven method's own code after the enter advice returned. */
    enum Skip { NEVER, ON_DEFAULT_VALUE, ON_NON_DEFAULT_VALUE }

    /** One parameter of the advice method. */
    static final class Parameter {
        final Type type;
        /** Its slot in the advice method's own frame. */
        final int slot;
        Binding binding;
        /** The argument's index, for {@link Binding#ARGUMENT}. */
        int index;
        /** The local's or field's name, for {@link Binding#LOCAL} and {@link Binding#FIELD}. */
        String name;
        /** Whether what the advice assigns to it is written back (locals always are). */
        boolean writable;
        /** Whether a written-back reference is cast to the target's type. */
        boolean dynamic;

        Parameter(Type type, int slot) {
            this.type = type;
            this.slot = slot;
        }
    }

    private static final String ENTER = Type.getDescriptor(Advice.OnMethodEnter.class);
    private static final String EXIT = Type.getDescriptor(Advice.OnMethodExit.class);
    private static final String THIS = Type.getDescriptor(Advice.This.class);
    private static final String ARGUMENT = Type.getDescriptor(Advice.Argument.class);
    private static final String LOCAL = Type.getDescriptor(Advice.Local.class);
    private static final String FIELD = Type.getDescriptor(Advice.FieldValue.class);
    private static final String ENTER_VALUE = Type.getDescriptor(Advice.Enter.class);
    private static final String RETURN = Type.getDescriptor(Advice.Return.class);
    private static final String THROWN = Type.getDescriptor(Advice.Thrown.class);
    /** The default of {@code suppress} and {@code onThrowable}: no exception (a private class of Advice). */
    private static final String NO_HANDLER = ENTER.substring(1, ENTER.indexOf('$')) + "$NoExceptionHandler";
    private static final String ON_DEFAULT = Type.getInternalName(Advice.OnDefaultValue.class);
    private static final String ON_NON_DEFAULT = Type.getInternalName(Advice.OnNonDefaultValue.class);
    /** {@code Assigner.Typing.DYNAMIC}, by name: reading it needs no enum loaded. */
    private static final String DYNAMIC = "DYNAMIC";

    final byte[] classFile;
    final String owner;
    final String name;
    final String descriptor;
    final boolean enter;
    /** The internal name of the exception type caught around the advice, or null. */
    String suppress;
    Skip skip = Skip.NEVER;
    /** Exit advice: whether it runs when the method throws too. */
    boolean onThrowable;
    final List<Parameter> parameters;
    int maxStack;
    int maxLocals;

    private AdviceMethod(byte[] classFile, String owner, String name, String descriptor, boolean enter) {
        this.classFile = classFile;
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.enter = enter;
        List<Parameter> list = new ArrayList<Parameter>();
        int slot = 0;
        for (Type type : Type.getArgumentTypes(descriptor)) {
            list.add(new Parameter(type, slot));
            slot += type.getSize();
        }
        this.parameters = Collections.unmodifiableList(list);
    }

    Type returnType() {
        return Type.getReturnType(descriptor);
    }

    /** The advice class's enter and exit methods, in that order; either may be null. */
    static AdviceMethod[] read(byte[] classFile) {
        final AdviceMethod[] found = new AdviceMethod[2];
        final ClassReader reader = new ClassReader(classFile);
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, final String name, final String descriptor, String signature,
                                             String[] exceptions) {
                if ((access & Opcodes.ACC_STATIC) == 0) {
                    return null;
                }
                return new MethodReader(classFile, reader.getClassName(), name, descriptor, found);
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found;
    }

    /** Collects one static method's advice annotations; keeps it if it has one. */
    private static final class MethodReader extends MethodVisitor {
        private final byte[] classFile;
        private final String owner;
        private final String name;
        private final String descriptor;
        private final AdviceMethod[] found;
        private AdviceMethod advice;

        MethodReader(byte[] classFile, String owner, String name, String descriptor, AdviceMethod[] found) {
            super(Opcodes.ASM9);
            this.classFile = classFile;
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.found = found;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
            boolean enter = ENTER.equals(annotation);
            if (!enter && !EXIT.equals(annotation)) {
                return null;
            }
            if (found[enter ? 0 : 1] != null) {
                throw new IllegalArgumentException(owner + " has two " + (enter ? "enter" : "exit") + " advice methods");
            }
            final AdviceMethod method = new AdviceMethod(classFile, owner, name, descriptor, enter);
            advice = method;
            found[enter ? 0 : 1] = method;
            return new AnnotationVisitor(Opcodes.ASM9) {
                @Override
                public void visit(String key, Object value) {
                    String type = value instanceof Type ? ((Type) value).getInternalName() : null;
                    if ("suppress".equals(key)) {
                        method.suppress = NO_HANDLER.equals(type) ? null : type;
                    } else if ("onThrowable".equals(key)) {
                        method.onThrowable = !NO_HANDLER.equals(type);
                    } else if ("skipOn".equals(key)) {
                        if (ON_DEFAULT.equals(type)) {
                            method.skip = Skip.ON_DEFAULT_VALUE;
                        } else if (ON_NON_DEFAULT.equals(type)) {
                            method.skip = Skip.ON_NON_DEFAULT_VALUE;
                        } else if (!"void".equals(((Type) value).getClassName())) {
                            throw new IllegalArgumentException(method.owner + "." + method.name + ": skipOn " + type
                                    + " is not supported");
                        }
                    }
                    // other attributes (inline, prependLineNumber, ...) keep their meaning: nothing to do
                }
            };
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int index, String annotation, boolean visible) {
            // the method's own annotations came first: advice is set if this is an advice method
            final Binding binding = binding(annotation);
            if (advice == null || binding == null) {
                return null;
            }
            final Parameter parameter = advice.parameters.get(index);
            parameter.binding = binding;
            parameter.writable = binding == Binding.LOCAL;
            return new AnnotationVisitor(Opcodes.ASM9) {
                @Override
                public void visit(String key, Object value) {
                    if ("value".equals(key)) {
                        if (binding == Binding.ARGUMENT) {
                            parameter.index = (Integer) value;
                        } else {
                            parameter.name = (String) value;
                        }
                    } else if ("readOnly".equals(key)) {
                        parameter.writable = !((Boolean) value);
                    }
                }

                @Override
                public void visitEnum(String key, String descriptor, String value) {
                    if ("typing".equals(key)) {
                        parameter.dynamic = DYNAMIC.equals(value);
                    }
                }
            };
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (advice != null) {
                advice.maxStack = maxStack;
                advice.maxLocals = maxLocals;
            }
        }

        @Override
        public void visitEnd() {
            if (advice == null) {
                return;
            }
            for (Parameter parameter : advice.parameters) {
                if (parameter.binding == null) {
                    throw new IllegalArgumentException(owner + "." + name + ": a parameter without advice annotation");
                }
            }
        }

        private static Binding binding(String annotation) {
            if (THIS.equals(annotation)) {
                return Binding.THIS;
            } else if (ARGUMENT.equals(annotation)) {
                return Binding.ARGUMENT;
            } else if (LOCAL.equals(annotation)) {
                return Binding.LOCAL;
            } else if (FIELD.equals(annotation)) {
                return Binding.FIELD;
            } else if (ENTER_VALUE.equals(annotation)) {
                return Binding.ENTER;
            } else if (RETURN.equals(annotation)) {
                return Binding.RETURN;
            } else if (THROWN.equals(annotation)) {
                return Binding.THROWN;
            }
            return null;
        }
    }
}
