// Peer: XNNPACK's float sigmoid operator, single-threaded (null threadpool).
// The operator is created once; its per-shape setup runs in `prepare`,
// outside the timed loop, so the loop times xnn_run_operator only.
//
// XNNPACK's operator API has changed shape over the years. CMake tries each
// spelling below against the installed header and defines
// SQUASH_BENCH_XNNPACK_API to the one that compiles:
//   1  create(channels, strides, flags), setup(batch, in, out, pool)
//      (Debian 12's 2022 snapshot; the one measured here)
//   2  create(channels, strides, flags), reshape(batch, pool), setup(in, out)
//   3  create(flags), reshape(batch, channels, strides, pool), setup(in, out)
#include <cstddef>
#include <cstdio>
#include <cstdlib>

#include <xnnpack.h>

#include "registry.hpp"

namespace squash_bench {
namespace {

void check(xnn_status status, char const* what)
{
    if (status != xnn_status_success) {
        std::fprintf(stderr, "XNNPACK: %s failed (status %d)\n", what, static_cast<int>(status));
        std::abort();
    }
}

xnn_operator_t sigmoid_operator()
{
    static xnn_operator_t const op = [] {
        check(xnn_initialize(nullptr), "xnn_initialize");
        xnn_operator_t created = nullptr;
#if SQUASH_BENCH_XNNPACK_API == 3
        check(xnn_create_sigmoid_nc_f32(0, &created), "xnn_create_sigmoid_nc_f32");
#else
        // One channel with unit strides: XNNPACK sees one contiguous vector.
        check(xnn_create_sigmoid_nc_f32(1, 1, 1, 0, &created), "xnn_create_sigmoid_nc_f32");
#endif
        return created;
    }();
    return op;
}

void xnnpack_prepare(float const* in, float* out, std::size_t n)
{
#if SQUASH_BENCH_XNNPACK_API == 1
    check(xnn_setup_sigmoid_nc_f32(sigmoid_operator(), n, in, out, nullptr), "xnn_setup_sigmoid_nc_f32");
#elif SQUASH_BENCH_XNNPACK_API == 2
    check(xnn_reshape_sigmoid_nc_f32(sigmoid_operator(), n, nullptr), "xnn_reshape_sigmoid_nc_f32");
    check(xnn_setup_sigmoid_nc_f32(sigmoid_operator(), in, out), "xnn_setup_sigmoid_nc_f32");
#else
    check(xnn_reshape_sigmoid_nc_f32(sigmoid_operator(), n, 1, 1, 1, nullptr), "xnn_reshape_sigmoid_nc_f32");
    check(xnn_setup_sigmoid_nc_f32(sigmoid_operator(), in, out), "xnn_setup_sigmoid_nc_f32");
#endif
}

// Runs on the arrays given to the last xnnpack_prepare; the driver always
// passes the same ones to both.
void xnnpack_run(float const*, float*, std::size_t)
{
    check(xnn_run_operator(sigmoid_operator(), nullptr), "xnn_run_operator");
}

// XNNPACK chooses its microkernel at run time from CPUID, whatever this
// build's -march.
char const* xnnpack_isa() { return "XNNPACK's own run-time choice for this CPU (CPUID), whatever the build's -march"; }

registrar<float> const xnnpack_float{"sigmoid", "xnnpack", xnnpack_run, xnnpack_prepare, xnnpack_isa};

}  // namespace
}  // namespace squash_bench
