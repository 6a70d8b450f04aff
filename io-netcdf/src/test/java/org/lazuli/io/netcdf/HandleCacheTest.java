package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import ucar.nc2.NetcdfFile;

/** NetCDF-Java handles are borrowed one reader at a time, kept for the next read, bounded, and closed with their file. */
class HandleCacheTest {
    private static final String FILE = Testdata.file("in_grp.nc").toString();   // NetCDF-4: read through NetCDF-Java

    @Test
    void concurrentReadsGetTheirOwnHandlesAndLaterReadsReuseThem() throws Exception {
        int before = HandleCache.openHandles();
        HandleCache.retain(FILE);
        try {
            NetcdfFile first = HandleCache.read(FILE, handle -> handle);
            NetcdfFile again = HandleCache.read(FILE, handle -> handle);
            assertSame(first, again, "one reader after another: the same handle, kept");
            assertEquals(before + 1, HandleCache.openHandles());

            int readers = 6;
            CountDownLatch allInside = new CountDownLatch(readers);
            Set<NetcdfFile> seen = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(readers);
            try {
                List<Future<String>> reads = new ArrayList<>();
                for (int i = 0; i < readers; i++) {
                    reads.add(pool.submit(() -> HandleCache.read(FILE, handle -> {
                        seen.add(handle);
                        allInside.countDown();
                        try {
                            allInside.await(10, TimeUnit.SECONDS);   // every reader holds its handle at once
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return handle.getLocation();
                    })));
                }
                for (Future<String> read : reads) {
                    assertEquals(FILE, read.get(20, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(readers, seen.size(), "readers at the same time never share a handle");
            assertEquals(before + readers, HandleCache.openHandles(), "all kept for the next reads, none more");
            NetcdfFile reused = HandleCache.read(FILE, handle -> handle);
            assertTrue(seen.contains(reused), "a later read takes one of them");
        } finally {
            HandleCache.release(FILE);
        }
        assertEquals(before, HandleCache.openHandles(), "closing the file's last dataset closes its handles");
    }

    @Test
    void idleHandlesPastTheBoundAreClosed() throws Exception {
        int before = HandleCache.openHandles();
        int bound = HandleCache.maxIdle;
        HandleCache.maxIdle = 2;
        HandleCache.retain(FILE);
        try {
            int readers = 5;
            CountDownLatch allInside = new CountDownLatch(readers);
            ExecutorService pool = Executors.newFixedThreadPool(readers);
            try {
                List<Future<String>> reads = new ArrayList<>();
                for (int i = 0; i < readers; i++) {
                    reads.add(pool.submit(() -> HandleCache.read(FILE, handle -> {
                        allInside.countDown();
                        try {
                            allInside.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return handle.getLocation();
                    })));
                }
                for (Future<String> read : reads) {
                    read.get(20, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(before + 2, HandleCache.openHandles(), "five were open at once; two are kept");
        } finally {
            HandleCache.maxIdle = bound;
            HandleCache.release(FILE);
        }
        assertEquals(before, HandleCache.openHandles());
    }

    @Test
    void aReadAfterTheDatasetClosedOpensAHandleForThatReadOnly() throws Exception {
        int before = HandleCache.openHandles();
        String location = HandleCache.read(FILE, NetcdfFile::getLocation);
        assertEquals(FILE, location);
        assertEquals(before, HandleCache.openHandles());
    }
}
