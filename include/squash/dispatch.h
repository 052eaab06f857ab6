/* squash/dispatch.h: the C interface of squash::dispatch, the compiled
 * library that runs squash's functions with the widest instruction set the
 * CPU has (SSE2, AVX2 + FMA, or AVX-512), chosen at run time.
 * SPDX-License-Identifier: MIT
 *
 * Link with squash::dispatch (CMake) or `pkg-config --libs squash-dispatch`.
 * Usable from C89 and later, C++ (the declarations are extern "C"), and any
 * language with a C foreign-function interface.
 *
 * Every array function has the form
 *
 *     int squash_<function>_f32(const float *in, float *out, size_t n);
 *     int squash_<function>_f64(const double *in, double *out, size_t n);
 *
 * and computes out[i] = <function>(in[i]) for i < n, with the accuracy the
 * header-only library states (README.md, "The functions"). Its results are
 * bit for bit those of the header-only range form compiled for the
 * instruction set in use (squash_dispatch_isa()).
 *
 * Return value: SQUASH_OK (0) on success, else one of the SQUASH_ERROR_*
 * codes below, and then nothing has been written to out.
 *   - in == out is allowed: the function works in place;
 *   - any other overlap of [in, in + n) and [out, out + n) returns
 *     SQUASH_ERROR_OVERLAP;
 *   - n > 0 with a null in or out returns SQUASH_ERROR_NULL_POINTER;
 *   - n == 0 does nothing and returns SQUASH_OK, whatever the pointers.
 *
 * The training functions (README.md, "Training") have three arrays:
 *
 *     int squash_<backward>_f32(const float *dy, const float *y, float *dx, size_t n);
 *         dx[i] = dy[i] * (derivative from the forward OUTPUT y[i]);
 *         dx == dy or dx == y is in place; dy and y may overlap each other
 *         (both are only read); dx partly over dy or y returns
 *         SQUASH_ERROR_OVERLAP;
 *     int squash_<with_grad>_f32(const float *z, float *y, float *g, size_t n);
 *         y[i] = sigma(z[i]), g[i] = sigma'(z[i]); y == z or g == z is in
 *         place; y and g must be disjoint; any other overlap returns
 *         SQUASH_ERROR_OVERLAP;
 * and the same _f64 forms; a null pointer with n > 0 returns
 * SQUASH_ERROR_NULL_POINTER, and on any error nothing is written.
 *
 * Which instruction set runs. On the first call (of any function here, in
 * any thread; the choice is made once, safely under concurrent first calls)
 * the library reads the CPU's features and the operating system's support
 * for the wide registers, and picks the widest of
 *   "sse2"    x86-64 baseline (every x86-64 CPU),
 *   "avx2"    x86-64-v3: AVX2, FMA, BMI1/2, F16C, LZCNT, MOVBE,
 *   "avx512"  x86-64-v4: AVX-512 F, CD, DQ, BW and VL.
 * The environment variable SQUASH_ISA caps that choice: SQUASH_ISA=sse2,
 * avx2 or avx512 picks that level or, if the CPU lacks it, the widest level
 * below it. An empty or unset SQUASH_ISA means no cap; any other value is
 * treated as sse2 (the safe choice), with one line on stderr saying so. It
 * is read once, at the first call.
 */
#ifndef SQUASH_DISPATCH_H
#define SQUASH_DISPATCH_H

#include <stddef.h>

/* Symbol visibility: the library is built with hidden symbols, and these
 * functions are its only exports. */
#ifndef SQUASH_DISPATCH_API
#if defined(__GNUC__) || defined(__clang__)
#define SQUASH_DISPATCH_API __attribute__((visibility("default")))
#else
#define SQUASH_DISPATCH_API
#endif
#endif

/* In C++, the functions are also declared as not throwing. */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define SQUASH_DISPATCH_NOTHROW noexcept
#elif defined(__cplusplus)
#define SQUASH_DISPATCH_NOTHROW throw()
#else
#define SQUASH_DISPATCH_NOTHROW
#endif

/* Return values of the array functions. */
#define SQUASH_OK 0
#define SQUASH_ERROR_OVERLAP 1      /* in and out overlap without being equal */
#define SQUASH_ERROR_NULL_POINTER 2 /* in or out is null and n > 0 */

#ifdef __cplusplus
extern "C" {
#endif

/* sigma(z) = 1 / (1 + e^-z), in [0, 1]. */
SQUASH_DISPATCH_API int squash_sigmoid_f32(const float *in, float *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_sigmoid_f64(const double *in, double *out, size_t n) SQUASH_DISPATCH_NOTHROW;

/* sigma'(z) = sigma(z) (1 - sigma(z)), taking z (not sigma(z)), in [0, 1/4]. */
SQUASH_DISPATCH_API int squash_sigmoid_grad_f32(const float *in, float *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_sigmoid_grad_f64(const double *in, double *out, size_t n) SQUASH_DISPATCH_NOTHROW;

/* sigma2(z) = 2 sigma(z) - 1 = tanh(z/2), in [-1, 1]. */
SQUASH_DISPATCH_API int squash_bipolar_sigmoid_f32(const float *in, float *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_bipolar_sigmoid_f64(const double *in, double *out, size_t n) SQUASH_DISPATCH_NOTHROW;

/* The fast tier (squash::fast): the same functions within 4 ulps, results
 * below the normal range of sigma and sigma' flushed to +0. */
SQUASH_DISPATCH_API int squash_fast_sigmoid_f32(const float *in, float *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_fast_sigmoid_f64(const double *in, double *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_fast_sigmoid_grad_f32(const float *in, float *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_fast_sigmoid_grad_f64(const double *in, double *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_fast_bipolar_sigmoid_f32(const float *in, float *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_fast_bipolar_sigmoid_f64(const double *in, double *out, size_t n) SQUASH_DISPATCH_NOTHROW;

/* The training functions (backward passes, the rest of the family). Exact tier: */
/* softplus(z) = log(1 + e^z), log_sigmoid(z) = log sigma(z) = -softplus(-z),
 * silu(z) = z sigma(z), silu_grad(z) = silu'(z): within 1 ulp (faithful). */
SQUASH_DISPATCH_API int squash_softplus_f32(const float *in, float *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_softplus_f64(const double *in, double *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_log_sigmoid_f32(const float *in, float *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_log_sigmoid_f64(const double *in, double *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_silu_f32(const float *in, float *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_silu_f64(const double *in, double *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_silu_grad_f32(const float *in, float *out, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_silu_grad_f64(const double *in, double *out, size_t n) SQUASH_DISPATCH_NOTHROW;

/* dx = dy y (1 - y) from the sigmoid's OUTPUT y (squash_sigmoid_grad takes
 * z), and dx = dy (1 - y^2) / 2 from the bipolar sigmoid's output. Exact
 * tier within 0.5 + 2^-21 ulp (float) or 0.5 + 2^-50 (double) where dx is
 * not tiny; fast tier within 2 ulps (3 on SSE2) where dx is normal. */
SQUASH_DISPATCH_API int squash_sigmoid_backward_f32(const float *dy, const float *y, float *dx,
                                                    size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_sigmoid_backward_f64(const double *dy, const double *y, double *dx,
                                                    size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_bipolar_sigmoid_backward_f32(const float *dy, const float *y, float *dx,
                                                            size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_bipolar_sigmoid_backward_f64(const double *dy, const double *y, double *dx,
                                                            size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_fast_sigmoid_backward_f32(const float *dy, const float *y, float *dx,
                                                         size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_fast_sigmoid_backward_f64(const double *dy, const double *y, double *dx,
                                                         size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_fast_bipolar_sigmoid_backward_f32(const float *dy, const float *y, float *dx,
                                                                 size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_fast_bipolar_sigmoid_backward_f64(const double *dy, const double *y, double *dx,
                                                                 size_t n) SQUASH_DISPATCH_NOTHROW;

/* y = sigma(z) and g = sigma'(z) from one exponential: exact tier (the bits
 * of squash_sigmoid and squash_sigmoid_grad) and fast tier. */
SQUASH_DISPATCH_API int squash_sigmoid_with_grad_f32(const float *z, float *y, float *g, size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_sigmoid_with_grad_f64(const double *z, double *y, double *g,
                                                     size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_fast_sigmoid_with_grad_f32(const float *z, float *y, float *g,
                                                          size_t n) SQUASH_DISPATCH_NOTHROW;
SQUASH_DISPATCH_API int squash_fast_sigmoid_with_grad_f64(const double *z, double *y, double *g,
                                                          size_t n) SQUASH_DISPATCH_NOTHROW;

/* The instruction set in use: "sse2", "avx2" or "avx512" (a static string).
 * Calling it makes the choice, if no function has made it yet. */
SQUASH_DISPATCH_API const char *squash_dispatch_isa(void) SQUASH_DISPATCH_NOTHROW;

/* A one-line English description of a return value (a static string). */
SQUASH_DISPATCH_API const char *squash_status_message(int status) SQUASH_DISPATCH_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
