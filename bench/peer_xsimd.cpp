// Peer: the loop a user of xsimd writes first, 1/(1+xsimd::exp(-z)) over
// batches, with s(1-s) and 2s-1 for the other two functions.
#include <cmath>
#include <cstddef>

#include <xsimd/xsimd.hpp>

#include "registry.hpp"

namespace squash_bench {
namespace {

struct plain_sigmoid {
    template <class V>
    static V apply(V z)
    {
        return V(1) / (V(1) + exp_of(-z));
    }
    template <class T, class A>
    static xsimd::batch<T, A> exp_of(xsimd::batch<T, A> x) { return xsimd::exp(x); }
    static float exp_of(float x) { return std::exp(x); }
    static double exp_of(double x) { return std::exp(x); }
};

struct plain_sigmoid_grad {
    template <class V>
    static V apply(V z)
    {
        V s = plain_sigmoid::apply(z);
        return s * (V(1) - s);
    }
};

struct plain_bipolar_sigmoid {
    template <class V>
    static V apply(V z)
    {
        return V(2) * plain_sigmoid::apply(z) - V(1);
    }
};

template <class F, class T>
void xsimd_loop(T const* in, T* out, std::size_t n)
{
    using batch = xsimd::batch<T>;
    std::size_t i = 0;
    for (; i + batch::size <= n; i += batch::size)
        F::apply(batch::load_unaligned(in + i)).store_unaligned(out + i);
    for (; i < n; ++i)
        out[i] = F::apply(in[i]);
}

template <class T>
struct register_xsimd {
    registrar<T> sigmoid{"sigmoid", "xsimd_exp", xsimd_loop<plain_sigmoid, T>};
    registrar<T> grad{"sigmoid_grad", "xsimd_exp", xsimd_loop<plain_sigmoid_grad, T>};
    registrar<T> bipolar{"bipolar_sigmoid", "xsimd_exp", xsimd_loop<plain_bipolar_sigmoid, T>};
};

register_xsimd<float> const xsimd_float;
register_xsimd<double> const xsimd_double;

}  // namespace
}  // namespace squash_bench
