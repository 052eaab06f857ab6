// Registers the -ffast-math loops of libmvec_loops.cpp.
#include "libmvec_loops.hpp"
#include "registry.hpp"

namespace squash_bench {
namespace {

template <class T>
struct register_libmvec {
    registrar<T> sigmoid{"sigmoid", "libmvec_fastmath", fast_math::sigmoid};
    registrar<T> grad{"sigmoid_grad", "libmvec_fastmath", fast_math::sigmoid_grad};
    registrar<T> bipolar{"bipolar_sigmoid", "libmvec_fastmath", fast_math::bipolar_sigmoid};
};

register_libmvec<float> const libmvec_float;
register_libmvec<double> const libmvec_double;

}  // namespace
}  // namespace squash_bench
