// Peers for the backward functions of issue 13 (timed once squash has them):
//   framework     dx = dy*y*(1-y) from the saved forward output y, the plain
//                 loop a framework writes (tiny-dnn, PyTorch's sigmoid
//                 backward); the compiler vectorizes it at -O3. Issue 13's
//                 target: squash's sigmoid_backward at >= 0.9x its speed.
//   recompute_z   dx = dy*σ'(z) with σ recomputed from z by the plain xsimd
//                 formula 1/(1+exp(-z)): what an adapter that only has z (or
//                 a framework that saves the input, as PyTorch does for SiLU)
//                 pays.
// The same two for bipolar_sigmoid_backward, dx = dy*(1-y²)/2.
#include <cstddef>

#include <xsimd/xsimd.hpp>

#include "registry.hpp"

namespace squash_bench {
namespace {

template <class T>
void framework_sigmoid_backward(T const* dy, T const* y, T* dx, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        dx[i] = dy[i] * y[i] * (T(1) - y[i]);
}

template <class T>
void framework_bipolar_backward(T const* dy, T const* y, T* dx, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        dx[i] = dy[i] * (T(1) - y[i] * y[i]) * T(0.5);
}

template <class V>
V plain_sigmoid(V z)
{
    return V(1) / (V(1) + xsimd::exp(-z));
}

struct sigmoid_backward_from_z {
    template <class V>
    static V apply(V dy, V z)
    {
        V s = plain_sigmoid(z);
        return dy * (s * (V(1) - s));
    }
};

struct bipolar_backward_from_z {
    template <class V>
    static V apply(V dy, V z)
    {
        V s2 = V(2) * plain_sigmoid(z) - V(1);
        return dy * (V(1) - s2 * s2) * V(0.5);
    }
};

template <class F, class T>
void recompute_loop(T const* dy, T const* z, T* dx, std::size_t n)
{
    using batch = xsimd::batch<T>;
    std::size_t i = 0;
    for (; i + batch::size <= n; i += batch::size)
        F::apply(batch::load_unaligned(dy + i), batch::load_unaligned(z + i)).store_unaligned(dx + i);
    for (; i < n; ++i)
        dx[i] = F::apply(dy[i], z[i]);
}

char const* compiler_vectorized() { return "auto-vectorized by the compiler for this build's -march"; }

template <class T>
struct register_framework {
    registrar<T> sigmoid{"sigmoid_backward", "framework", framework_sigmoid_backward<T>, second_operand::y,
                         compiler_vectorized};
    registrar<T> sigmoid_z{"sigmoid_backward", "recompute_z", recompute_loop<sigmoid_backward_from_z, T>,
                           second_operand::z};
    registrar<T> bipolar{"bipolar_sigmoid_backward", "framework", framework_bipolar_backward<T>, second_operand::y,
                         compiler_vectorized};
    registrar<T> bipolar_z{"bipolar_sigmoid_backward", "recompute_z", recompute_loop<bipolar_backward_from_z, T>,
                           second_operand::z};
};

register_framework<float> const framework_float;
register_framework<double> const framework_double;

}  // namespace
}  // namespace squash_bench
