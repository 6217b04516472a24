package dev.weft.agent.weave;

import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Reads an advice method's code from its class file and writes it into the woven method: every slot
 * moved to the advice's frame, every label renamed, every frame prefixed with the woven method's
 * live slots, and every return turned into a jump to where the advice ends, after its writable
 * parameters were copied back. Line numbers, local variable names and annotations are left out.
 *
 * <p>Code the woven class's version cannot hold is refused, as is code that refers to the advice
 * class itself: the advice class is never loaded where the woven class lives.
 */
final class AdviceReplay extends MethodVisitor {

    private final MethodVisitor out;
    private final AdviceMethod advice;
    private final int classVersion;
    private final int base;
    private final Object[] prefix;
    private final boolean frames;
    private final Label done;
    /** start, end and handler of the suppressing handler, or null. */
    private final Label[] suppress;
    private final AdviceInliner inliner;
    private final Map<Label, Label> labels = new HashMap<Label, Label>();
    private boolean begun;

    AdviceReplay(MethodVisitor out, AdviceMethod advice, int classVersion, int base, Object[] prefix, boolean frames,
                 Label done, Label[] suppress, AdviceInliner inliner) {
        super(Opcodes.ASM9);
        this.out = out;
        this.advice = advice;
        this.classVersion = classVersion;
        this.base = base;
        this.prefix = prefix;
        this.frames = frames;
        this.done = done;
        this.suppress = suppress;
        this.inliner = inliner;
    }

    void run() {
        final MethodVisitor replay = this;
        new ClassReader(advice.classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return advice.name.equals(name) && advice.descriptor.equals(descriptor) ? replay : null;
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.EXPAND_FRAMES);
        if (!begun) {
            throw new IllegalStateException(advice.owner + "." + advice.name + " has no code");
        }
    }

    /**
     * Before the first instruction, after the advice's own handlers (which must come first in the
     * exception table): the suppressing handler's start and the parameters' copies.
     */
    private void begin() {
        if (begun) {
            return;
        }
        begun = true;
        if (suppress != null) {
            out.visitTryCatchBlock(suppress[0], suppress[1], suppress[2], advice.suppress);
            out.visitLabel(suppress[0]);
        }
        // the advice may start with a frame, which must not share an offset with the one before
        out.visitInsn(Opcodes.NOP);
        inliner.copyIn(advice);
    }

    private Label map(Label label) {
        Label mapped = labels.get(label);
        if (mapped == null) {
            mapped = new Label();
            labels.put(label, mapped);
        }
        return mapped;
    }

    private Label[] map(Label[] original) {
        Label[] mapped = new Label[original.length];
        for (int i = 0; i < original.length; i++) {
            mapped[i] = map(original[i]);
        }
        return mapped;
    }

    private Object[] mapFrameTypes(int count, Object[] types) {
        Object[] mapped = new Object[count];
        for (int i = 0; i < count; i++) {
            mapped[i] = types[i] instanceof Label ? map((Label) types[i]) : types[i];
        }
        return mapped;
    }

    private void refuseSelfReference(String owner) {
        if (advice.owner.equals(owner)) {
            throw new IllegalArgumentException(advice.owner + "." + advice.name + " refers to its own class");
        }
    }

    private void requireVersion(int version, String what) {
        if (classVersion < version) {
            throw new IllegalArgumentException(advice.owner + "." + advice.name + " uses " + what
                    + ", which a class file of version " + classVersion + " cannot hold");
        }
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        out.visitTryCatchBlock(map(start), map(end), map(handler), type);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        begin();
        if (!frames) {
            return;
        }
        Object[] locals = new Object[prefix.length + numLocal];
        System.arraycopy(prefix, 0, locals, 0, prefix.length);
        System.arraycopy(mapFrameTypes(numLocal, local), 0, locals, prefix.length, numLocal);
        out.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, mapFrameTypes(numStack, stack));
    }

    @Override
    public void visitInsn(int opcode) {
        begin();
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            inliner.storeEnterValue(advice);
            inliner.copyOut(advice);
            out.visitJumpInsn(Opcodes.GOTO, done);
            return;
        }
        out.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        begin();
        out.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int slot) {
        begin();
        if (opcode == Opcodes.RET) {
            throw new IllegalArgumentException(advice.owner + "." + advice.name + " uses a subroutine");
        }
        out.visitVarInsn(opcode, base + slot);
    }

    @Override
    public void visitIincInsn(int slot, int increment) {
        begin();
        out.visitIincInsn(base + slot, increment);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        begin();
        refuseSelfReference(type);
        out.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        begin();
        refuseSelfReference(owner);
        out.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        begin();
        refuseSelfReference(owner);
        if (isInterface && opcode != Opcodes.INVOKEINTERFACE) {
            requireVersion(Opcodes.V1_8, "a static or private interface method");
        }
        out.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        begin();
        requireVersion(Opcodes.V1_7, "invokedynamic");
        out.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        begin();
        if (opcode == Opcodes.JSR) {
            throw new IllegalArgumentException(advice.owner + "." + advice.name + " uses a subroutine");
        }
        out.visitJumpInsn(opcode, map(label));
    }

    @Override
    public void visitLabel(Label label) {
        begin();
        out.visitLabel(map(label));
    }

    @Override
    public void visitLdcInsn(Object value) {
        begin();
        if (value instanceof Handle || value instanceof Type && ((Type) value).getSort() == Type.METHOD) {
            requireVersion(Opcodes.V1_7, "a method handle or type constant");
        } else if (value instanceof ConstantDynamic) {
            requireVersion(Opcodes.V11, "a dynamic constant");
        } else if (value instanceof Type) {
            refuseSelfReference(((Type) value).getInternalName());
        }
        out.visitLdcInsn(value);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... cases) {
        begin();
        out.visitTableSwitchInsn(min, max, map(dflt), map(cases));
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] cases) {
        begin();
        out.visitLookupSwitchInsn(map(dflt), keys, map(cases));
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
        begin();
        out.visitMultiANewArrayInsn(descriptor, dimensions);
    }
}
