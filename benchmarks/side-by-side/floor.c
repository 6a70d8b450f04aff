/*
 * The zarr-write-climatology workload with no framework at all: what its codec, its chunks and this
 * machine's page cache cost on their own, as a floor both Lazuli's and dask's times are set against.
 *
 * Two threads share the 100 chunks of 73 days. Writing: read a chunk of the NetCDF-3 variable, swap it
 * to little-endian, compress it with libblosc exactly as xarray's default does (lz4, clevel 5, byte
 * shuffle, 4-byte items, libblosc's own block size), write it to a file of its own. Reading: read each
 * file, decode it, add its days to per-thread month sums and counts (NaN skipped); the two threads'
 * sums are merged at the end. Chunk metadata (.zarray, .zattrs) is not written.
 *
 * Usage: floor NETCDF OUT-DIR REPEATS, where NETCDF is the harness's daily_20y.nc (time 7300, lat 180,
 * lon 360, float32 tas, the file's last variable, days since 2000-01-01, standard calendar). Prints
 * "zarr-write-climatology-floor BEST-SECONDS" after REPEATS + 1 runs, the first not counted, and the
 * mean of the climatology as a check.
 */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* libblosc1's API (Debian ships the library without its header unless libblosc-dev is installed) */
int blosc_compress_ctx(int clevel, int doshuffle, size_t typesize, size_t nbytes, const void *src, void *dest,
                       size_t destsize, const char *compressor, size_t blocksize, int numinternalthreads);
int blosc_decompress_ctx(const void *src, void *dest, size_t destsize, int numinternalthreads);

#define DAYS 7300
#define PLANE (180 * 360)
#define CHUNK_DAYS 73
#define CHUNKS (DAYS / CHUNK_DAYS)
#define THREADS 2
#define CHUNK_BYTES ((size_t) CHUNK_DAYS * PLANE * 4)
#define FRAME_BYTES (CHUNK_BYTES + 16)   /* blosc's worst case: the data stored uncompressed, plus its header */

static const char *netcdf, *out;
static off_t variable_offset;
static int month_of_day[DAYS];
static atomic_int next_chunk;
static double sums[THREADS][12][PLANE];
static long counts[THREADS][12][PLANE];

static void fail(const char *what, const char *where) {
    fprintf(stderr, "floor: %s: %s\n", what, where);
    exit(1);
}

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void read_fully(int fd, void *buffer, size_t length, off_t offset, const char *where) {
    for (size_t done = 0; done < length;) {
        ssize_t n = pread(fd, (char *) buffer + done, length - done, offset + done);
        if (n <= 0) fail("short read", where);
        done += n;
    }
}

static void chunk_path(char *path, size_t size, int chunk) {
    snprintf(path, size, "%s/%d.0.0", out, chunk);
}

static void *write_chunks(void *unused) {
    (void) unused;
    int fd = open(netcdf, O_RDONLY);
    if (fd < 0) fail("cannot open", netcdf);
    unsigned *values = malloc(CHUNK_BYTES);
    char *frame = malloc(FRAME_BYTES);
    char path[4096];
    for (int i; (i = atomic_fetch_add(&next_chunk, 1)) < CHUNKS;) {
        read_fully(fd, values, CHUNK_BYTES, variable_offset + (off_t) i * CHUNK_BYTES, netcdf);
        for (size_t k = 0; k < CHUNK_BYTES / 4; k++) values[k] = __builtin_bswap32(values[k]);
        int length = blosc_compress_ctx(5, 1, 4, CHUNK_BYTES, values, frame, FRAME_BYTES, "lz4", 0, 1);
        if (length <= 0) fail("blosc could not compress a chunk", netcdf);
        chunk_path(path, sizeof path, i);
        int file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (file < 0 || write(file, frame, length) != length || close(file) != 0) fail("cannot write", path);
    }
    free(values);
    free(frame);
    close(fd);
    return NULL;
}

static void *read_chunks(void *thread) {
    double (*sum)[PLANE] = sums[(long) thread];
    long (*count)[PLANE] = counts[(long) thread];
    float *values = malloc(CHUNK_BYTES);
    char *frame = malloc(FRAME_BYTES);
    char path[4096];
    for (int i; (i = atomic_fetch_add(&next_chunk, 1)) < CHUNKS;) {
        chunk_path(path, sizeof path, i);
        int file = open(path, O_RDONLY);
        struct stat status;
        if (file < 0 || fstat(file, &status) != 0 || status.st_size > (off_t) FRAME_BYTES) fail("cannot read", path);
        read_fully(file, frame, status.st_size, 0, path);
        close(file);
        if (blosc_decompress_ctx(frame, values, CHUNK_BYTES, 1) != (int) CHUNK_BYTES) fail("blosc could not decode", path);
        for (int d = 0; d < CHUNK_DAYS; d++) {
            int month = month_of_day[i * CHUNK_DAYS + d];
            double *s = sum[month];
            long *c = count[month];
            const float *day = values + (size_t) d * PLANE;
            for (int p = 0; p < PLANE; p++) {
                float x = day[p];
                if (x == x) {
                    s[p] += x;
                    c[p]++;
                }
            }
        }
    }
    free(values);
    free(frame);
    return NULL;
}

static void run_threads(void *(*work)(void *)) {
    pthread_t threads[THREADS];
    atomic_store(&next_chunk, 0);
    for (long t = 0; t < THREADS; t++) pthread_create(&threads[t], NULL, work, (void *) t);
    for (int t = 0; t < THREADS; t++) pthread_join(threads[t], NULL);
}

static int remove_entry(const char *path, const struct stat *status, int type, struct FTW *walk) {
    (void) status; (void) type; (void) walk;
    return remove(path);
}

/* Days since 2000-01-01 to the month's index 0..11 (proleptic Gregorian, Howard Hinnant's civil_from_days). */
static int month_index(long days_since_2000) {
    long z = days_since_2000 + 10957 + 719468;
    long era = z / 146097;
    long day_of_era = z - era * 146097;
    long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    long shifted_month = (5 * day_of_year + 2) / 153;
    return (int) (shifted_month < 10 ? shifted_month + 2 : shifted_month - 10);
}

int main(int argc, char **argv) {
    if (argc != 4) fail("usage", "floor NETCDF OUT-DIR REPEATS");
    netcdf = argv[1];
    out = argv[2];
    int repeats = atoi(argv[3]);
    struct stat status;
    if (stat(netcdf, &status) != 0) fail("missing", netcdf);
    variable_offset = status.st_size - (off_t) DAYS * PLANE * 4;   /* tas is the last fixed-size variable */
    for (int d = 0; d < DAYS; d++) month_of_day[d] = month_index(d);
    double best = INFINITY, climatology_mean = 0;
    for (int r = 0; r <= repeats; r++) {
        double start = seconds();
        if (mkdir(out, 0755) != 0) fail("cannot create (remove it first)", out);
        run_threads(write_chunks);
        memset(sums, 0, sizeof sums);
        memset(counts, 0, sizeof counts);
        run_threads(read_chunks);
        climatology_mean = 0;
        for (int m = 0; m < 12; m++) {
            for (int p = 0; p < PLANE; p++) {
                double sum = 0;
                long count = 0;
                for (int t = 0; t < THREADS; t++) {
                    sum += sums[t][m][p];
                    count += counts[t][m][p];
                }
                climatology_mean += sum / count / (12.0 * PLANE);
            }
        }
        if (nftw(out, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0) fail("cannot remove", out);
        double elapsed = seconds() - start;
        if (r > 0 && elapsed < best) best = elapsed;
    }
    printf("climatology mean %.4f\n", climatology_mean);
    printf("zarr-write-climatology-floor %.4f\n", best);
    return 0;
}
