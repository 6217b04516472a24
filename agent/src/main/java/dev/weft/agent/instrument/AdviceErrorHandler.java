package dev.weft.agent.instrument;

import dev.weft.bootstrap.Weft;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * What woven code does with an exception its advice threw: hands it to
 * {@link Weft#adviceError(Throwable)}, inside a second {@code try}, so that even that call cannot
 * fail into the application.
 *
 * <p>The second {@code try} is the point. {@code suppress = Throwable.class} alone catches the
 * advice's exception and then calls {@code Weft.adviceError} from the catch block; in a class whose
 * loader cannot see {@code dev.weft.bootstrap} (JBoss Modules, OSGi bundles) resolving {@code Weft}
 * there fails too, and that {@code NoClassDefFoundError} left the handler and reached the
 * application: WildFly answered every request with a 500 while no counter moved. The inner handler
 * drops the second failure, and the method goes on exactly as it would unwoven. Such loaders are
 * not woven in the first place (see {@code ClassLoaders.seesBootstrapApi}); this is the net below.
 *
 * <p>Emitted code, with the advice's throwable on the stack:
 * <pre>
 * try { Weft.adviceError(t); } catch (Throwable ignored) { }
 * </pre>
 */
final class AdviceErrorHandler implements StackManipulation {

    static final Advice.ExceptionHandler INSTANCE = new Advice.ExceptionHandler.Simple(new AdviceErrorHandler());

    private static final String WEFT = Type.getInternalName(Weft.class);
    private static final String THROWABLE = "java/lang/Throwable";

    private AdviceErrorHandler() {}

    @Override
    public boolean isValid() {
        return true;
    }

    @Override
    public Size apply(MethodVisitor method, Implementation.Context context) {
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label dropSecondFailure = new Label();
        Label done = new Label();
        // class files before Java 6 have no stack map frames
        boolean frames = context.getClassFileVersion().isAtLeast(ClassFileVersion.JAVA_V6);
        method.visitTryCatchBlock(tryStart, tryEnd, dropSecondFailure, THROWABLE);
        method.visitLabel(tryStart);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, WEFT, "adviceError", "(L" + THROWABLE + ";)V", false);
        method.visitLabel(tryEnd);
        method.visitJumpInsn(Opcodes.GOTO, done);
        method.visitLabel(dropSecondFailure);
        if (frames) {
            method.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {THROWABLE});
        }
        method.visitInsn(Opcodes.POP);
        method.visitLabel(done);
        if (frames) {
            method.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
        }
        // consumes the throwable; at most one value (the second failure) on the stack meanwhile
        return new Size(-1, 1);
    }
}
