package dev.weft.agent.weave;

import dev.weft.agent.weave.AdviceMethod.Binding;
import dev.weft.agent.weave.AdviceMethod.Parameter;
import dev.weft.agent.weave.AdviceMethod.Skip;
import dev.weft.bootstrap.Weft;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.TypePath;

/**
 * Weaves one method: copies an enter advice's code in front of the method's own and an exit
 * advice's code behind every way out of it, as ByteBuddy's {@code Advice} does, from the advice's
 * class file alone. Sits between a {@code ClassReader} (which must expand the frames) and the
 * writer of the woven method.
 *
 * <p>The woven method's local variables, by slot:
 * <pre>
 * | arguments | kept: enter value, return value, thrown, advice locals | the method's own | ...
 *                                                                       | the advice's frame
 * </pre>
 * The kept slots live through the whole method; the method's own locals move up past them. Each
 * advice runs in a frame of its own laid out as the advice method's (its parameters, then its
 * locals), which overlaps the method's own locals: those are dead where an advice runs. Before an
 * advice runs, its parameters are copied into that frame from what they are bound to (an argument,
 * {@code this}, a field, a kept slot), cast where the advice declares a narrower type; when it
 * returns, the writable ones are copied back. So the advice's instructions and stack map frames
 * stay as they are, with every slot moved by the same amount.
 *
 * <p>With {@code suppress}, an advice's code, its copies included, runs inside a handler that
 * hands the exception to {@link Weft#adviceError} (in a second handler: see
 * {@link #reportAdviceError}), and the method goes on as if the advice had returned without effect.
 * With {@code onThrowable}, the method's own code runs inside a catch-all handler that runs the exit
 * advice and then rethrows, unless the advice cleared the thrown exception; it is the last entry of
 * the exception table, so that the handlers inside the method (its own, and those of advice woven
 * inside this one) keep catching first.
 *
 * <p>Not supported (the weaving fails and the class loads unmodified): enter advice on a constructor,
 * {@code onThrowable} on a constructor, writing to a field, subroutines ({@code jsr}), and advice that
 * refers to its own class. A return that leaves more than its value on the stack (javac never does,
 * other compilers may) drops the rest on its way to the exit ({@link OperandStack}).
 */
final class AdviceInliner extends MethodVisitor {

    private static final String WEFT = Type.getInternalName(Weft.class);
    private static final String THROWABLE = "java/lang/Throwable";
    private static final String OBJECT = "java/lang/Object";

    private final int classVersion;
    private final boolean frames;
    private final String owner;
    private final boolean isStatic;
    private final boolean isConstructor;
    private final Type[] arguments;
    private final int[] argumentSlots;
    private final Type returnType;
    private final AdviceMethod enter;
    private final AdviceMethod exit;
    private final FieldTypes fields;
    /** The fields the advice reads, found once, when checked. */
    private final Map<String, FieldTypes.Field> fieldsRead = new HashMap<String, FieldTypes.Field>();
    /** Whether the method's returns go through the exit (exit advice, or enter advice that may skip the method). */
    private final boolean exitSection;

    private final int argumentSize;
    private int enterSlot = -1;
    private int returnSlot = -1;
    private int thrownSlot = -1;
    private final Map<String, Integer> localSlots = new LinkedHashMap<String, Integer>();
    private final Map<String, Type> localTypes = new LinkedHashMap<String, Type>();
    /** The kept slots' types in slot order, for frames and their initial values. */
    private final List<Type> kept = new ArrayList<Type>();
    private final int keptSize;
    /** Where the advice's frame starts. */
    private final int adviceBase;
    /** Frame locals where only arguments and kept slots are live. */
    private final Object[] prefix;

    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label bodyHandler = new Label();
    private final Label exitStart = new Label();
    private final OperandStack stack = new OperandStack();
    private boolean started;

    AdviceInliner(MethodVisitor target, int classVersion, String owner, int access, String name, String descriptor,
                  AdviceMethod enter, AdviceMethod exit, FieldTypes fields) {
        super(Opcodes.ASM9, target);
        this.classVersion = classVersion & 0xFFFF;
        this.frames = this.classVersion >= Opcodes.V1_6;
        this.owner = owner;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.isConstructor = "<init>".equals(name);
        this.arguments = Type.getArgumentTypes(descriptor);
        this.returnType = Type.getReturnType(descriptor);
        this.enter = enter;
        this.exit = exit;
        this.fields = fields;
        if (enter == null && exit == null) {
            throw new IllegalArgumentException("no advice");
        }
        if (isConstructor && enter != null) {
            throw new IllegalArgumentException("enter advice on a constructor runs before the object exists");
        }
        if (isConstructor && exit.onThrowable) {
            throw new IllegalArgumentException("a constructor that throws has no object for onThrowable advice");
        }
        exitSection = exit != null || enter.skip != Skip.NEVER;

        int slot = isStatic ? 0 : 1;
        argumentSlots = new int[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            argumentSlots[i] = slot;
            slot += arguments[i].getSize();
        }
        argumentSize = slot;
        if (enter != null && enter.returnType().getSort() != Type.VOID) {
            enterSlot = keep(enter.returnType());
        }
        if (exitSection && returnType.getSort() != Type.VOID) {
            returnSlot = keep(returnType);
        }
        if (exit != null && (exit.onThrowable || binds(exit, Binding.THROWN))) {
            thrownSlot = keep(Type.getObjectType(THROWABLE));
        }
        for (AdviceMethod advice : new AdviceMethod[] {enter, exit}) {
            if (advice != null) {
                for (Parameter parameter : advice.parameters) {
                    if (parameter.binding == Binding.LOCAL) {
                        Type known = localTypes.get(parameter.name);
                        if (known == null) {
                            localTypes.put(parameter.name, parameter.type);
                            localSlots.put(parameter.name, keep(parameter.type));
                        } else if (!known.equals(parameter.type)) {
                            throw new IllegalArgumentException("local " + parameter.name + " is " + known + " and "
                                    + parameter.type);
                        }
                    }
                    check(advice, parameter);
                }
            }
        }
        int size = 0;
        for (Type type : kept) {
            size += type.getSize();
        }
        keptSize = size;
        adviceBase = argumentSize + keptSize;
        List<Object> locals = new ArrayList<Object>();
        if (!isStatic) {
            locals.add(owner);
        }
        for (Type argument : arguments) {
            locals.add(frameType(argument));
        }
        for (Type type : kept) {
            locals.add(frameType(type));
        }
        prefix = locals.toArray();
    }

    /** A slot kept through the whole method, after the arguments and the slots kept before. */
    private int keep(Type type) {
        int slot = argumentSize;
        for (Type other : kept) {
            slot += other.getSize();
        }
        kept.add(type);
        return slot;
    }

    private static boolean binds(AdviceMethod advice, Binding binding) {
        for (Parameter parameter : advice.parameters) {
            if (parameter.binding == binding) {
                return true;
            }
        }
        return false;
    }

    /** Rejects bindings that cannot be woven into this method. */
    private void check(AdviceMethod advice, Parameter parameter) {
        String where = advice.owner + "." + advice.name + ": ";
        switch (parameter.binding) {
            case THIS:
                if (isStatic) {
                    throw new IllegalArgumentException(where + "@This in a static method");
                }
                checkWrite(where, parameter, Type.getObjectType(owner));
                break;
            case ARGUMENT:
                if (parameter.index < 0 || parameter.index >= arguments.length) {
                    throw new IllegalArgumentException(where + "no argument " + parameter.index);
                }
                checkRead(where, parameter, arguments[parameter.index]);
                checkWrite(where, parameter, arguments[parameter.index]);
                break;
            case FIELD:
                FieldTypes.Field field = fields.find(parameter.name);
                fieldsRead.put(parameter.name, field);
                if (field == null) {
                    throw new IllegalArgumentException(where + "no field " + parameter.name);
                }
                if (!field.isStatic && isStatic) {
                    throw new IllegalArgumentException(where + "instance field " + parameter.name + " in a static method");
                }
                if (parameter.writable) {
                    throw new IllegalArgumentException(where + "writing field " + parameter.name + " is not supported");
                }
                checkRead(where, parameter, Type.getType(field.descriptor));
                break;
            case ENTER:
                if (advice.enter || enterSlot < 0) {
                    throw new IllegalArgumentException(where + "@Enter without an enter value");
                }
                checkRead(where, parameter, enter.returnType());
                checkWrite(where, parameter, enter.returnType());
                break;
            case RETURN:
                if (advice.enter || returnSlot < 0) {
                    throw new IllegalArgumentException(where + "@Return without a return value");
                }
                checkRead(where, parameter, returnType);
                checkWrite(where, parameter, returnType);
                break;
            case THROWN:
                if (advice.enter) {
                    throw new IllegalArgumentException(where + "@Thrown on enter");
                }
                checkRead(where, parameter, Type.getObjectType(THROWABLE));
                checkWrite(where, parameter, Type.getObjectType(THROWABLE));
                break;
            default:
                break;
        }
    }

    private static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }

    /** Primitives must match exactly; references are cast on the way in when they differ. */
    private static void checkRead(String where, Parameter parameter, Type source) {
        if (isReference(parameter.type) != isReference(source)
                || !isReference(source) && source.getSort() != parameter.type.getSort()) {
            throw new IllegalArgumentException(where + parameter.type + " cannot take a " + source);
        }
    }

    /** A written value must have the slot's type, or be cast to it when typing is dynamic. */
    private static void checkWrite(String where, Parameter parameter, Type target) {
        if (parameter.writable && !parameter.type.equals(target)
                && !(parameter.dynamic && isReference(parameter.type) && isReference(target))) {
            throw new IllegalArgumentException(where + "writing a " + parameter.type + " where a " + target + " goes");
        }
    }

    static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN:
            case Type.BYTE:
            case Type.CHAR:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return type.getInternalName();
        }
    }

    // ---- the method's own code --------------------------------------------------------------------

    /** Before the first instruction: the kept slots, the enter advice. */
    private void start() {
        if (started) {
            return;
        }
        started = true;
        int slot = argumentSize;
        for (Type type : kept) {
            pushDefault(type);
            super.visitVarInsn(type.getOpcode(Opcodes.ISTORE), slot);
            slot += type.getSize();
        }
        if (enter != null) {
            inline(enter);
            if (enter.skip != Skip.NEVER) {
                Type value = enter.returnType();
                super.visitVarInsn(value.getOpcode(Opcodes.ILOAD), enterSlot);
                int jump = compareWithDefault(value, enter.skip == Skip.ON_NON_DEFAULT_VALUE);
                super.visitJumpInsn(jump, exitStart);
            }
        }
        super.visitLabel(bodyStart);
    }

    /** Leaves a jump opcode that branches when the value on the stack is (or is not) its type's default. */
    private int compareWithDefault(Type type, boolean jumpIfNonDefault) {
        switch (type.getSort()) {
            case Type.LONG:
                super.visitInsn(Opcodes.LCONST_0);
                super.visitInsn(Opcodes.LCMP);
                break;
            case Type.FLOAT:
                super.visitInsn(Opcodes.FCONST_0);
                super.visitInsn(Opcodes.FCMPL);
                break;
            case Type.DOUBLE:
                super.visitInsn(Opcodes.DCONST_0);
                super.visitInsn(Opcodes.DCMPL);
                break;
            case Type.OBJECT:
            case Type.ARRAY:
                return jumpIfNonDefault ? Opcodes.IFNONNULL : Opcodes.IFNULL;
            case Type.VOID:
                throw new IllegalArgumentException("skipOn needs an enter advice that returns a value");
            default:
                break;
        }
        return jumpIfNonDefault ? Opcodes.IFNE : Opcodes.IFEQ;
    }

    private void pushDefault(Type type) {
        switch (type.getSort()) {
            case Type.LONG:
                super.visitInsn(Opcodes.LCONST_0);
                break;
            case Type.FLOAT:
                super.visitInsn(Opcodes.FCONST_0);
                break;
            case Type.DOUBLE:
                super.visitInsn(Opcodes.DCONST_0);
                break;
            case Type.OBJECT:
            case Type.ARRAY:
                super.visitInsn(Opcodes.ACONST_NULL);
                break;
            default:
                super.visitInsn(Opcodes.ICONST_0);
        }
    }

    private int moved(int slot) {
        return slot < argumentSize ? slot : slot + keptSize;
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        start();
        if (type != Opcodes.F_NEW) {
            throw new IllegalStateException("the class must be read with expanded frames");
        }
        List<Object> locals = new ArrayList<Object>(numLocal + kept.size());
        int slots = 0;
        int i = 0;
        for (; i < numLocal && slots < argumentSize; i++) {
            locals.add(local[i]);
            slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        if (slots > argumentSize) {
            throw new IllegalStateException("a two-slot local straddles the arguments' end");
        }
        for (; slots < argumentSize; slots++) {
            locals.add(Opcodes.TOP);
        }
        for (Type keptType : kept) {
            locals.add(frameType(keptType));
        }
        for (; i < numLocal; i++) {
            locals.add(local[i]);
        }
        super.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), numStack, stack);
        this.stack.frame(numStack, stack);
    }

    @Override
    public void visitInsn(int opcode) {
        start();
        if (exitSection && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            // the exit is reached from every return with nothing on the stack: drop what the return would have
            List<Integer> under = returnSlot >= 0 ? stack.belowTop() : stack.all();
            if (returnSlot >= 0) {
                super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnSlot);
            }
            for (int i = under.size() - 1; i >= 0; i--) {
                super.visitInsn(under.get(i) == 2 ? Opcodes.POP2 : Opcodes.POP);
            }
            super.visitJumpInsn(Opcodes.GOTO, exitStart);
            stack.execute(opcode);
            return;
        }
        super.visitInsn(opcode);
        stack.execute(opcode);
    }

    @Override
    public void visitVarInsn(int opcode, int slot) {
        start();
        super.visitVarInsn(opcode, moved(slot));
        stack.execute(opcode);
    }

    @Override
    public void visitIincInsn(int slot, int increment) {
        start();
        super.visitIincInsn(moved(slot), increment);
    }

    @Override
    public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end, int slot) {
        super.visitLocalVariable(name, descriptor, signature, start, end, moved(slot));
    }

    @Override
    public net.bytebuddy.jar.asm.AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath,
            Label[] start, Label[] end, int[] slots, String descriptor, boolean visible) {
        int[] movedSlots = new int[slots.length];
        for (int i = 0; i < slots.length; i++) {
            movedSlots[i] = moved(slots[i]);
        }
        return super.visitLocalVariableAnnotation(typeRef, typePath, start, end, movedSlots, descriptor, visible);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        start();
        super.visitIntInsn(opcode, operand);
        stack.execute(opcode);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        start();
        super.visitTypeInsn(opcode, type);
        stack.execute(opcode);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        start();
        super.visitFieldInsn(opcode, owner, name, descriptor);
        stack.field(opcode, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        start();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        stack.invoke(opcode, descriptor);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bootstrap,
                                       Object... arguments) {
        start();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        stack.invoke(Opcodes.INVOKEDYNAMIC, descriptor);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        start();
        if (opcode == Opcodes.JSR) {
            throw new IllegalStateException("subroutines (jsr) are not supported");
        }
        super.visitJumpInsn(opcode, label);
        stack.execute(opcode);
    }

    @Override
    public void visitLabel(Label label) {
        start();
        super.visitLabel(label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        start();
        super.visitLdcInsn(value);
        stack.constant(value);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        start();
        super.visitTableSwitchInsn(min, max, dflt, labels);
        stack.execute(Opcodes.TABLESWITCH);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        start();
        super.visitLookupSwitchInsn(dflt, keys, labels);
        stack.execute(Opcodes.LOOKUPSWITCH);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
        start();
        super.visitMultiANewArrayInsn(descriptor, dimensions);
        stack.multiArray(dimensions);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        start();
        super.visitLineNumber(line, start);
    }

    /** After the method's own code: the exit, which every return jumps to and the catch-all falls into. */
    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        start();
        if (exitSection) {
            super.visitLabel(bodyEnd);
            if (exit != null && exit.onThrowable) {
                super.visitLabel(bodyHandler);
                frame(THROWABLE);
                super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
            }
            super.visitLabel(exitStart);
            frame(null);
            if (exit != null) {
                inline(exit);
                if (exit.onThrowable) {
                    Label returns = new Label();
                    super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                    super.visitJumpInsn(Opcodes.IFNULL, returns);
                    super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                    super.visitInsn(Opcodes.ATHROW);
                    super.visitLabel(returns);
                    frame(null);
                }
            }
            if (returnSlot >= 0) {
                super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), returnSlot);
            }
            super.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
        }
        if (exit != null && exit.onThrowable) {
            // Last in the exception table, which the JVM searches in order: every handler inside the
            // body comes first, the method's own and those of advice woven inside this one, which
            // suppress their advice's failures themselves. (The writer needs no handler registered
            // before its labels: frames are never computed here.)
            super.visitTryCatchBlock(bodyStart, bodyEnd, bodyHandler, null);
        }
        int adviceStack = Math.max(enter == null ? 0 : enter.maxStack, exit == null ? 0 : exit.maxStack);
        int adviceLocals = Math.max(enter == null ? 0 : enter.maxLocals, exit == null ? 0 : exit.maxLocals);
        super.visitMaxs(Math.max(maxStack, Math.max(adviceStack, 4)),
                Math.max(maxLocals + keptSize, adviceBase + adviceLocals));
    }

    /**
     * A stack map frame where only the arguments and kept slots are live, with the given exception
     * type on the stack or nothing, followed by a {@code nop}: whatever comes next may start with a
     * frame of its own, and two frames cannot share an offset.
     */
    private void frame(String onStack) {
        if (frames) {
            if (onStack == null) {
                super.visitFrame(Opcodes.F_NEW, prefix.length, prefix.clone(), 0, null);
            } else {
                super.visitFrame(Opcodes.F_NEW, prefix.length, prefix.clone(), 1, new Object[] {onStack});
            }
        }
        super.visitInsn(Opcodes.NOP);
    }

    // ---- the advice's code ------------------------------------------------------------------------

    /** Copies the advice's code here, within its suppressing handler; ends where both ways out join. */
    private void inline(AdviceMethod advice) {
        Label done = new Label();
        Label suppressStart = new Label();
        Label suppressEnd = new Label();
        Label suppressHandler = new Label();
        AdviceReplay replay = new AdviceReplay(mv, advice, classVersion, adviceBase, prefix, frames, done,
                advice.suppress == null ? null : new Label[] {suppressStart, suppressEnd, suppressHandler}, this);
        replay.run();
        if (advice.suppress != null) {
            super.visitLabel(suppressEnd);
            super.visitLabel(suppressHandler);
            frame(advice.suppress);
            reportAdviceError(done);
        }
        super.visitLabel(done);
        frame(null);
    }

    /**
     * {@code try { Weft.adviceError(t); } catch (Throwable ignored) { }} with the advice's exception
     * on the stack, then on to {@code done}. The second handler matters where the woven class's
     * loader cannot see {@code dev.weft.bootstrap}: resolving {@code Weft} fails there too.
     */
    private void reportAdviceError(Label done) {
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label dropSecondFailure = new Label();
        super.visitTryCatchBlock(tryStart, tryEnd, dropSecondFailure, THROWABLE);
        super.visitLabel(tryStart);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, WEFT, "adviceError", "(L" + THROWABLE + ";)V", false);
        super.visitLabel(tryEnd);
        super.visitJumpInsn(Opcodes.GOTO, done);
        super.visitLabel(dropSecondFailure);
        if (frames) {
            super.visitFrame(Opcodes.F_NEW, prefix.length, prefix.clone(), 1, new Object[] {THROWABLE});
        }
        super.visitInsn(Opcodes.POP);
    }

    /** Stores each of the advice's parameters into its frame, from what it is bound to. */
    void copyIn(AdviceMethod advice) {
        for (Parameter parameter : advice.parameters) {
            Type source;
            switch (parameter.binding) {
                case THIS:
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    source = Type.getObjectType(owner);
                    break;
                case ARGUMENT:
                    source = arguments[parameter.index];
                    super.visitVarInsn(source.getOpcode(Opcodes.ILOAD), argumentSlots[parameter.index]);
                    break;
                case FIELD:
                    FieldTypes.Field field = fieldsRead.get(parameter.name);
                    source = Type.getType(field.descriptor);
                    if (field.isStatic) {
                        super.visitFieldInsn(Opcodes.GETSTATIC, owner, parameter.name, field.descriptor);
                    } else {
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitFieldInsn(Opcodes.GETFIELD, owner, parameter.name, field.descriptor);
                    }
                    break;
                case LOCAL:
                    source = parameter.type;
                    super.visitVarInsn(source.getOpcode(Opcodes.ILOAD), localSlots.get(parameter.name));
                    break;
                case ENTER:
                    source = enter.returnType();
                    super.visitVarInsn(source.getOpcode(Opcodes.ILOAD), enterSlot);
                    break;
                case RETURN:
                    source = returnType;
                    super.visitVarInsn(source.getOpcode(Opcodes.ILOAD), returnSlot);
                    break;
                case THROWN:
                    source = Type.getObjectType(THROWABLE);
                    if (thrownSlot >= 0) {
                        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                    } else {
                        super.visitInsn(Opcodes.ACONST_NULL);
                    }
                    break;
                default:
                    throw new IllegalStateException(String.valueOf(parameter.binding));
            }
            castIfNarrower(source, parameter.type);
            super.visitVarInsn(parameter.type.getOpcode(Opcodes.ISTORE), adviceBase + parameter.slot);
        }
    }

    /** Copies the writable parameters back to what they are bound to; the enter value is stored before. */
    void copyOut(AdviceMethod advice) {
        for (Parameter parameter : advice.parameters) {
            if (!parameter.writable) {
                continue;
            }
            Type target;
            int slot;
            switch (parameter.binding) {
                case ARGUMENT:
                    target = arguments[parameter.index];
                    slot = argumentSlots[parameter.index];
                    break;
                case LOCAL:
                    target = parameter.type;
                    slot = localSlots.get(parameter.name);
                    break;
                case ENTER:
                    target = enter.returnType();
                    slot = enterSlot;
                    break;
                case RETURN:
                    target = returnType;
                    slot = returnSlot;
                    break;
                case THROWN:
                    target = Type.getObjectType(THROWABLE);
                    slot = thrownSlot;
                    break;
                default:
                    // @This is never written back: a constructor's or method's receiver stays what it was
                    continue;
            }
            if (slot < 0) {
                continue;
            }
            super.visitVarInsn(parameter.type.getOpcode(Opcodes.ILOAD), adviceBase + parameter.slot);
            castIfNarrower(parameter.type, target);
            super.visitVarInsn(target.getOpcode(Opcodes.ISTORE), slot);
        }
    }

    /** Stores the enter advice's returned value (on the stack) in its kept slot. */
    void storeEnterValue(AdviceMethod advice) {
        Type value = advice.returnType();
        if (value.getSort() == Type.VOID) {
            return;
        }
        if (advice == enter && enterSlot >= 0) {
            super.visitVarInsn(value.getOpcode(Opcodes.ISTORE), enterSlot);
        } else {
            super.visitInsn(value.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP);
        }
    }

    private void castIfNarrower(Type from, Type to) {
        if (isReference(to) && !to.equals(from) && !OBJECT.equals(to.getInternalName())) {
            super.visitTypeInsn(Opcodes.CHECKCAST, to.getInternalName());
        }
    }
}
