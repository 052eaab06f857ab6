// Peer: the loop a user of xsimd writes first, 1/(1+xsimd::exp(-z)) over
// batches, with s(1-s) and 2s-1 for σ' and σ₂, and the same plain
// formulas for the functions of issue 13 (timed once squash has them).
// The scalar tail uses the same formulas on scalars (xsimd::exp of a float
// is std::exp).
#include <cstddef>

#include <xsimd/xsimd.hpp>

#include "registry.hpp"

namespace squash_bench {
namespace {

template <class V>
V plain_sigmoid(V z)
{
    return V(1) / (V(1) + xsimd::exp(-z));
}

struct sigmoid_formula {
    template <class V>
    static V apply(V z) { return plain_sigmoid(z); }
};

struct sigmoid_grad_formula {
    template <class V>
    static V apply(V z)
    {
        V s = plain_sigmoid(z);
        return s * (V(1) - s);
    }
};

struct bipolar_sigmoid_formula {
    template <class V>
    static V apply(V z) { return V(2) * plain_sigmoid(z) - V(1); }
};

// The stable forms: log σ(z) = min(z, 0) - log1p(e^-|z|), softplus(z) =
// max(z, 0) + log1p(e^-|z|); the naive log(1 + e^z) overflows.
struct log_sigmoid_formula {
    template <class V>
    static V apply(V z) { return xsimd::min(z, V(0)) - xsimd::log1p(xsimd::exp(-xsimd::abs(z))); }
};

struct softplus_formula {
    template <class V>
    static V apply(V z) { return xsimd::max(z, V(0)) + xsimd::log1p(xsimd::exp(-xsimd::abs(z))); }
};

struct silu_formula {
    template <class V>
    static V apply(V z) { return z / (V(1) + xsimd::exp(-z)); }
};

struct silu_grad_formula {
    template <class V>
    static V apply(V z)
    {
        V s = plain_sigmoid(z);
        return s * (V(1) + z * (V(1) - s));
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

// σ and σ' from one exponential, into two arrays.
template <class V>
void sigmoid_with_grad_formula(V z, V& s, V& g)
{
    s = plain_sigmoid(z);
    g = s * (V(1) - s);
}

template <class T>
void xsimd_with_grad_loop(T const* in, T* y, T* g, std::size_t n)
{
    using batch = xsimd::batch<T>;
    std::size_t i = 0;
    for (; i + batch::size <= n; i += batch::size) {
        batch s, d;
        sigmoid_with_grad_formula(batch::load_unaligned(in + i), s, d);
        s.store_unaligned(y + i);
        d.store_unaligned(g + i);
    }
    for (; i < n; ++i)
        sigmoid_with_grad_formula(in[i], y[i], g[i]);
}

template <class T>
struct register_xsimd {
    registrar<T> sigmoid{"sigmoid", "xsimd_exp", xsimd_loop<sigmoid_formula, T>};
    registrar<T> grad{"sigmoid_grad", "xsimd_exp", xsimd_loop<sigmoid_grad_formula, T>};
    registrar<T> bipolar{"bipolar_sigmoid", "xsimd_exp", xsimd_loop<bipolar_sigmoid_formula, T>};
    registrar<T> log_sigmoid{"log_sigmoid", "xsimd_exp", xsimd_loop<log_sigmoid_formula, T>};
    registrar<T> softplus{"softplus", "xsimd_exp", xsimd_loop<softplus_formula, T>};
    registrar<T> silu{"silu", "xsimd_exp", xsimd_loop<silu_formula, T>};
    registrar<T> silu_grad{"silu_grad", "xsimd_exp", xsimd_loop<silu_grad_formula, T>};
    registrar<T> with_grad{"sigmoid_with_grad", "xsimd_exp", xsimd_with_grad_loop<T>};
};

register_xsimd<float> const xsimd_float;
register_xsimd<double> const xsimd_double;

}  // namespace
}  // namespace squash_bench
