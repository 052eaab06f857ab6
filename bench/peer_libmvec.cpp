// Registers the -ffast-math loops of libmvec_loops.cpp.
#include "libmvec_loops.hpp"
#include "registry.hpp"

namespace squash_bench {
namespace {

// bench/compare adds the libmvec entry points it finds with objdump.
char const* libmvec_isa() { return "auto-vectorized by GCC -ffast-math for this build's -march, calling libmvec"; }

template <class T>
struct register_libmvec {
    registrar<T> sigmoid{"sigmoid", "libmvec_fastmath", fast_math::sigmoid, nullptr, libmvec_isa};
    registrar<T> grad{"sigmoid_grad", "libmvec_fastmath", fast_math::sigmoid_grad, nullptr, libmvec_isa};
    registrar<T> bipolar{"bipolar_sigmoid", "libmvec_fastmath", fast_math::bipolar_sigmoid, nullptr, libmvec_isa};
    registrar<T> log_sigmoid{"log_sigmoid", "libmvec_fastmath", fast_math::log_sigmoid, nullptr, libmvec_isa};
    registrar<T> softplus{"softplus", "libmvec_fastmath", fast_math::softplus, nullptr, libmvec_isa};
    registrar<T> silu{"silu", "libmvec_fastmath", fast_math::silu, nullptr, libmvec_isa};
    registrar<T> silu_grad{"silu_grad", "libmvec_fastmath", fast_math::silu_grad, nullptr, libmvec_isa};
};

register_libmvec<float> const libmvec_float;
register_libmvec<double> const libmvec_double;

}  // namespace
}  // namespace squash_bench
