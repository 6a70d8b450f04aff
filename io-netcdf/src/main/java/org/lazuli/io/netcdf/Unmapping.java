package org.lazuli.io.netcdf;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Unmaps a mapped region as soon as it has been read. The JDK unmaps only when the buffer is garbage
 * collected, so without this every block read from a file stays mapped (and counted in the process's
 * resident memory) until the next collection: up to the whole file. {@code Unsafe.invokeCleaner} is
 * the JDK's own unmapping, as Lucene and Netty call it; it is looked up by name (module
 * jdk.unsupported), and where it is missing the collector unmaps as before.
 */
final class Unmapping {
    private static final MethodHandle INVOKE_CLEANER = find();

    private Unmapping() {
    }

    private static MethodHandle find() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                    MethodType.methodType(void.class, ByteBuffer.class)).bindTo(field.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Unmaps {@code region}, which nothing may read afterwards (it is the caller's own mapping). */
    static void unmap(MappedByteBuffer region) {
        if (INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact((ByteBuffer) region);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {   // invokeExact declares Throwable; invokeCleaner throws nothing checked
            throw new IllegalStateException("Cannot unmap a region read from a NetCDF-3 file: " + e, e);
        }
    }

    /** Whether regions are unmapped when read (false: when collected). */
    static boolean available() {
        return INVOKE_CLEANER != null;
    }
}
