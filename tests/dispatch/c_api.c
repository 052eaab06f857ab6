/* tests/dispatch/c_api.c: squash::dispatch from a C program, compiled as
 * C89 (-std=c89 -pedantic -Werror) and linked with the C compiler: the
 * header is C89-clean and the library needs no C++ runtime. For every
 * function of the list (src/functions.hpp), float and double: the blog's six
 * points to four decimals, in place equals out of place, partial overlap and
 * null pointers give their codes and write nothing; and the instruction set
 * is one of the three names. */
#include <squash/dispatch.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "functions.hpp"

static int failures = 0;

static void check(int ok, const char *what)
{
    if (!ok) {
        ++failures;
        printf("FAILED: %s\n", what);
    }
}

/* The blog's table (README.md): z and sigma, sigma', sigma2 to 4 decimals. */
static const double blog_z[6] = {-5.0, -2.0, 0.0, 0.5, 2.0, 5.0};
static const double blog_sigmoid[6] = {0.0067, 0.1192, 0.5000, 0.6225, 0.8808, 0.9933};
static const double blog_sigmoid_grad[6] = {0.0066, 0.1050, 0.2500, 0.2350, 0.1050, 0.0066};
static const double blog_bipolar_sigmoid[6] = {-0.9866, -0.7616, 0.0000, 0.2449, 0.7616, 0.9866};
/* The training functions at the same six points, from their
 * definitions (log(1 + e^z), -log(1 + e^-z), z sigma(z), sigma(z)(1 + z(1 -
 * sigma(z)))) evaluated in double (Python's math module, on the C library) and printed to 4
 * decimals. */
static const double blog_softplus[6] = {0.0067, 0.1269, 0.6931, 0.9741, 2.1269, 5.0067};
static const double blog_log_sigmoid[6] = {-5.0067, -2.1269, -0.6931, -0.4741, -0.1269, -0.0067};
static const double blog_silu[6] = {-0.0335, -0.2384, 0.0000, 0.3112, 1.7616, 4.9665};
static const double blog_silu_grad[6] = {-0.0265, -0.0908, 0.5000, 0.7400, 1.0908, 1.0265};

static int four_decimals(double x, double printed) { return fabs(x - printed) <= 0.5e-4 + 1e-12; }

/* The table of a function of the list; a fast-tier function (fast_<name>)
 * computes the same function, to four decimals too. */
static const double *blog_table(const char *name)
{
    if (strncmp(name, "fast_", 5) == 0)
        name += 5;
    if (strcmp(name, "sigmoid") == 0)
        return blog_sigmoid;
    if (strcmp(name, "sigmoid_grad") == 0)
        return blog_sigmoid_grad;
    if (strcmp(name, "bipolar_sigmoid") == 0)
        return blog_bipolar_sigmoid;
    if (strcmp(name, "softplus") == 0)
        return blog_softplus;
    if (strcmp(name, "log_sigmoid") == 0)
        return blog_log_sigmoid;
    if (strcmp(name, "silu") == 0)
        return blog_silu;
    if (strcmp(name, "silu_grad") == 0)
        return blog_silu_grad;
    return NULL;
}

#define CHECK_FUNCTION(c_name, object)                                                                   \
    {                                                                                                    \
        float zf[6], pf[6], inplace_f[6], buffer_f[8];                                                   \
        double zd[6], pd[6], inplace_d[6];                                                               \
        const double *table = blog_table(#c_name);                                                       \
        int i, same = 1, close = 1, untouched = 1;                                                       \
        for (i = 0; i < 6; ++i) {                                                                        \
            zf[i] = inplace_f[i] = (float)blog_z[i];                                                     \
            zd[i] = inplace_d[i] = blog_z[i];                                                            \
        }                                                                                                \
        check(squash_##c_name##_f32(zf, pf, 6) == SQUASH_OK, "squash_" #c_name "_f32 returns SQUASH_OK"); \
        check(squash_##c_name##_f64(zd, pd, 6) == SQUASH_OK, "squash_" #c_name "_f64 returns SQUASH_OK"); \
        check(squash_##c_name##_f32(inplace_f, inplace_f, 6) == SQUASH_OK, "in place f32");              \
        check(squash_##c_name##_f64(inplace_d, inplace_d, 6) == SQUASH_OK, "in place f64");              \
        check(table != NULL, "a blog table for squash_" #c_name);                                        \
        for (i = 0; table != NULL && i < 6; ++i) {                                                       \
            close = close && four_decimals(pf[i], table[i]) && four_decimals(pd[i], table[i]);           \
            same = same && memcmp(&pf[i], &inplace_f[i], sizeof pf[i]) == 0 &&                           \
                   memcmp(&pd[i], &inplace_d[i], sizeof pd[i]) == 0;                                     \
        }                                                                                                \
        check(close, "squash_" #c_name ": the blog's table to four decimals");                           \
        check(same, "squash_" #c_name ": in place gives the out-of-place bits");                         \
        for (i = 0; i < 8; ++i)                                                                          \
            buffer_f[i] = (float)i;                                                                      \
        check(squash_##c_name##_f32(buffer_f, buffer_f + 1, 6) == SQUASH_ERROR_OVERLAP,                  \
              "squash_" #c_name "_f32: partial overlap is rejected");                                    \
        for (i = 0; i < 8; ++i)                                                                          \
            untouched = untouched && buffer_f[i] == (float)i;                                            \
        check(untouched, "squash_" #c_name "_f32: nothing written on overlap");                               \
        check(squash_##c_name##_f64(NULL, pd, 6) == SQUASH_ERROR_NULL_POINTER,                           \
              "squash_" #c_name "_f64: a null input is rejected");                                       \
        check(squash_##c_name##_f64(NULL, NULL, 0) == SQUASH_OK, "squash_" #c_name "_f64: n = 0 is a no-op"); \
    }

int main(void)
{
    const char *isa;
    SQUASH_DISPATCH_FUNCTIONS(CHECK_FUNCTION)
    isa = squash_dispatch_isa();
    check(strcmp(isa, "sse2") == 0 || strcmp(isa, "avx2") == 0 || strcmp(isa, "avx512") == 0,
          "squash_dispatch_isa names sse2, avx2 or avx512");
    check(strstr(squash_status_message(SQUASH_ERROR_OVERLAP), "overlap") != NULL, "the overlap message");
    printf("c_api: %s, %d failure(s)\n", isa, failures);
    return failures == 0 ? 0 : 1;
}
