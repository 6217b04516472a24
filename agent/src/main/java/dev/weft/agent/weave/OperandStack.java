package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The sizes (one or two slots) of the values on a method's operand stack, followed instruction by
 * instruction and reset at every stack map frame. {@link AdviceInliner} needs it at returns: a
 * return may leave more than the returned value on the stack (javac never does, other compilers
 * may), and the jump to the exit advice must leave the stack empty. Where it cannot know (after a
 * jump, in a class without frames), it assumes the stack holds only what the instruction takes.
 */
final class OperandStack {

    private final List<Integer> sizes = new ArrayList<Integer>();
    private boolean known = true;

    /** At a frame: the stack the frame lists. */
    void frame(int count, Object[] types) {
        sizes.clear();
        for (int i = 0; i < count; i++) {
            sizes.add(types[i] == Opcodes.LONG || types[i] == Opcodes.DOUBLE ? 2 : 1);
        }
        known = true;
    }

    /** The sizes of the values under the top one, bottom first; empty when unknown. */
    List<Integer> belowTop() {
        if (!known || sizes.isEmpty()) {
            return new ArrayList<Integer>();
        }
        return new ArrayList<Integer>(sizes.subList(0, sizes.size() - 1));
    }

    /** All the values' sizes, bottom first; empty when unknown. */
    List<Integer> all() {
        return known ? new ArrayList<Integer>(sizes) : new ArrayList<Integer>();
    }

    private void push(int size) {
        sizes.add(size);
    }

    private int pop() {
        return sizes.isEmpty() ? 1 : sizes.remove(sizes.size() - 1);
    }

    private void pop(int count) {
        for (int i = 0; i < count; i++) {
            pop();
        }
    }

    /** Pops values worth the given number of slots. */
    private void popSlots(int slots) {
        while (slots > 0) {
            slots -= pop();
        }
    }

    private void unknown() {
        sizes.clear();
        known = false;
    }

    /** An instruction without operands, or with an int or local-variable operand. */
    void execute(int opcode) {
        switch (opcode) {
            case Opcodes.NOP:
            case Opcodes.IINC:
            case Opcodes.RET:
                break;
            case Opcodes.ACONST_NULL: case Opcodes.ICONST_M1: case Opcodes.ICONST_0: case Opcodes.ICONST_1:
            case Opcodes.ICONST_2: case Opcodes.ICONST_3: case Opcodes.ICONST_4: case Opcodes.ICONST_5:
            case Opcodes.FCONST_0: case Opcodes.FCONST_1: case Opcodes.FCONST_2: case Opcodes.BIPUSH:
            case Opcodes.SIPUSH: case Opcodes.ILOAD: case Opcodes.FLOAD: case Opcodes.ALOAD: case Opcodes.NEW:
                push(1);
                break;
            case Opcodes.LCONST_0: case Opcodes.LCONST_1: case Opcodes.DCONST_0: case Opcodes.DCONST_1:
            case Opcodes.LLOAD: case Opcodes.DLOAD:
                push(2);
                break;
            case Opcodes.IALOAD: case Opcodes.FALOAD: case Opcodes.AALOAD: case Opcodes.BALOAD: case Opcodes.CALOAD:
            case Opcodes.SALOAD: case Opcodes.IADD: case Opcodes.FADD: case Opcodes.ISUB: case Opcodes.FSUB:
            case Opcodes.IMUL: case Opcodes.FMUL: case Opcodes.IDIV: case Opcodes.FDIV: case Opcodes.IREM:
            case Opcodes.FREM: case Opcodes.ISHL: case Opcodes.ISHR: case Opcodes.IUSHR: case Opcodes.IAND:
            case Opcodes.IOR: case Opcodes.IXOR: case Opcodes.LCMP: case Opcodes.FCMPL: case Opcodes.FCMPG:
            case Opcodes.DCMPL: case Opcodes.DCMPG:
                pop(2);
                push(1);
                break;
            case Opcodes.LALOAD: case Opcodes.DALOAD: case Opcodes.LADD: case Opcodes.DADD: case Opcodes.LSUB:
            case Opcodes.DSUB: case Opcodes.LMUL: case Opcodes.DMUL: case Opcodes.LDIV: case Opcodes.DDIV:
            case Opcodes.LREM: case Opcodes.DREM: case Opcodes.LAND: case Opcodes.LOR: case Opcodes.LXOR:
            case Opcodes.LSHL: case Opcodes.LSHR: case Opcodes.LUSHR:
                pop(2);
                push(2);
                break;
            case Opcodes.ISTORE: case Opcodes.LSTORE: case Opcodes.FSTORE: case Opcodes.DSTORE: case Opcodes.ASTORE:
            case Opcodes.POP: case Opcodes.IFEQ: case Opcodes.IFNE: case Opcodes.IFLT: case Opcodes.IFGE:
            case Opcodes.IFGT: case Opcodes.IFLE: case Opcodes.IFNULL: case Opcodes.IFNONNULL:
            case Opcodes.MONITORENTER: case Opcodes.MONITOREXIT:
                pop();
                break;
            case Opcodes.IASTORE: case Opcodes.LASTORE: case Opcodes.FASTORE: case Opcodes.DASTORE:
            case Opcodes.AASTORE: case Opcodes.BASTORE: case Opcodes.CASTORE: case Opcodes.SASTORE:
                pop(3);
                break;
            case Opcodes.POP2:
                popSlots(2);
                break;
            case Opcodes.IF_ICMPEQ: case Opcodes.IF_ICMPNE: case Opcodes.IF_ICMPLT: case Opcodes.IF_ICMPGE:
            case Opcodes.IF_ICMPGT: case Opcodes.IF_ICMPLE: case Opcodes.IF_ACMPEQ: case Opcodes.IF_ACMPNE:
                pop(2);
                break;
            case Opcodes.DUP: {
                int top = pop();
                push(top);
                push(top);
                break;
            }
            case Opcodes.DUP_X1: {
                int first = pop();
                int second = pop();
                push(first);
                push(second);
                push(first);
                break;
            }
            case Opcodes.DUP_X2: {
                int first = pop();
                List<Integer> under = takeSlots(2);
                push(first);
                pushAll(under);
                push(first);
                break;
            }
            case Opcodes.DUP2: {
                List<Integer> top = takeSlots(2);
                pushAll(top);
                pushAll(top);
                break;
            }
            case Opcodes.DUP2_X1: {
                List<Integer> top = takeSlots(2);
                int under = pop();
                pushAll(top);
                push(under);
                pushAll(top);
                break;
            }
            case Opcodes.DUP2_X2: {
                List<Integer> top = takeSlots(2);
                List<Integer> under = takeSlots(2);
                pushAll(top);
                pushAll(under);
                pushAll(top);
                break;
            }
            case Opcodes.SWAP: {
                int first = pop();
                int second = pop();
                push(first);
                push(second);
                break;
            }
            case Opcodes.INEG: case Opcodes.FNEG: case Opcodes.LNEG: case Opcodes.DNEG: case Opcodes.I2B:
            case Opcodes.I2C: case Opcodes.I2S:
                push(pop());
                break;
            case Opcodes.NEWARRAY: case Opcodes.ANEWARRAY: case Opcodes.CHECKCAST: case Opcodes.INSTANCEOF:
            case Opcodes.ARRAYLENGTH:
                pop();
                push(1);
                break;
            case Opcodes.I2L: case Opcodes.I2D: case Opcodes.F2L: case Opcodes.F2D: case Opcodes.L2D: case Opcodes.D2L:
                pop();
                push(2);
                break;
            case Opcodes.I2F: case Opcodes.F2I: case Opcodes.L2I: case Opcodes.L2F: case Opcodes.D2I: case Opcodes.D2F:
                pop();
                push(1);
                break;
            case Opcodes.GOTO: case Opcodes.ATHROW: case Opcodes.TABLESWITCH: case Opcodes.LOOKUPSWITCH:
            case Opcodes.IRETURN: case Opcodes.LRETURN: case Opcodes.FRETURN: case Opcodes.DRETURN:
            case Opcodes.ARETURN: case Opcodes.RETURN: case Opcodes.JSR:
                unknown();
                break;
            default:
                unknown();
        }
    }

    private List<Integer> takeSlots(int slots) {
        List<Integer> taken = new ArrayList<Integer>();
        while (slots > 0) {
            int size = pop();
            taken.add(0, size);
            slots -= size;
        }
        return taken;
    }

    private void pushAll(List<Integer> values) {
        for (int size : values) {
            push(size);
        }
    }

    void field(int opcode, String descriptor) {
        int size = Type.getType(descriptor).getSize();
        switch (opcode) {
            case Opcodes.GETSTATIC:
                push(size);
                break;
            case Opcodes.PUTSTATIC:
                pop();
                break;
            case Opcodes.GETFIELD:
                pop();
                push(size);
                break;
            default:
                pop(2);
        }
    }

    void invoke(int opcode, String descriptor) {
        pop(Type.getArgumentTypes(descriptor).length);
        if (opcode != Opcodes.INVOKESTATIC && opcode != Opcodes.INVOKEDYNAMIC) {
            pop();
        }
        Type returned = Type.getReturnType(descriptor);
        if (returned.getSort() != Type.VOID) {
            push(returned.getSize());
        }
    }

    void constant(Object value) {
        push(value instanceof Long || value instanceof Double
                || value instanceof ConstantDynamic && ((ConstantDynamic) value).getSize() == 2 ? 2 : 1);
    }

    void multiArray(int dimensions) {
        pop(dimensions);
        push(1);
    }
}
