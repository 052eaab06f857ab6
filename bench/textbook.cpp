// The textbook scalar loops, as the blog writes them: σ = 1/(1+e^-z),
// σ' = s(1-s), σ₂ = 2s-1, and the plain formulas of issue 13's functions
// (timed once squash has them). Without -ffast-math GCC and Clang keep
// std::exp a scalar libm call, so these loops stay scalar whatever -march
// says.
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "registry.hpp"

namespace squash_bench {
namespace {

template <class T>
T textbook_sigmoid(T z)
{
    return T(1) / (T(1) + std::exp(-z));
}

template <class T>
struct sigmoid_formula {
    static T apply(T z) { return textbook_sigmoid(z); }
};

template <class T>
struct sigmoid_grad_formula {
    static T apply(T z)
    {
        T s = textbook_sigmoid(z);
        return s * (T(1) - s);
    }
};

template <class T>
struct bipolar_sigmoid_formula {
    static T apply(T z) { return T(2) * textbook_sigmoid(z) - T(1); }
};

// The stable forms (the naive log(1 + e^z) overflows for large z).
template <class T>
struct log_sigmoid_formula {
    static T apply(T z) { return std::min(z, T(0)) - std::log1p(std::exp(-std::fabs(z))); }
};

template <class T>
struct softplus_formula {
    static T apply(T z) { return std::max(z, T(0)) + std::log1p(std::exp(-std::fabs(z))); }
};

template <class T>
struct silu_formula {
    static T apply(T z) { return z / (T(1) + std::exp(-z)); }
};

template <class T>
struct silu_grad_formula {
    static T apply(T z)
    {
        T s = textbook_sigmoid(z);
        return s * (T(1) + z * (T(1) - s));
    }
};

template <class F, class T>
void loop(T const* in, T* out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = F::apply(in[i]);
}

template <class T>
void with_grad_loop(T const* in, T* y, T* g, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i) {
        T s = textbook_sigmoid(in[i]);
        y[i] = s;
        g[i] = s * (T(1) - s);
    }
}

char const* scalar_code() { return "scalar code (libm exp)"; }

template <class T>
struct register_textbook {
    registrar<T> sigmoid{"sigmoid", "textbook", loop<sigmoid_formula<T>, T>, nullptr, scalar_code};
    registrar<T> grad{"sigmoid_grad", "textbook", loop<sigmoid_grad_formula<T>, T>, nullptr, scalar_code};
    registrar<T> bipolar{"bipolar_sigmoid", "textbook", loop<bipolar_sigmoid_formula<T>, T>, nullptr, scalar_code};
    registrar<T> log_sigmoid{"log_sigmoid", "textbook", loop<log_sigmoid_formula<T>, T>, nullptr, scalar_code};
    registrar<T> softplus{"softplus", "textbook", loop<softplus_formula<T>, T>, nullptr, scalar_code};
    registrar<T> silu{"silu", "textbook", loop<silu_formula<T>, T>, nullptr, scalar_code};
    registrar<T> silu_grad{"silu_grad", "textbook", loop<silu_grad_formula<T>, T>, nullptr, scalar_code};
    registrar<T> with_grad{"sigmoid_with_grad", "textbook", with_grad_loop<T>, scalar_code};
};

register_textbook<float> const textbook_float;
register_textbook<double> const textbook_double;

}  // namespace
}  // namespace squash_bench
