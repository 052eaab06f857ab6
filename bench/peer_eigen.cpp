// Peer: Eigen 3.4's vectorized Array::logistic() (its float version is a
// dedicated rational approximation; double is 1/(1+exp(-x)) on packets), and
// tanh(z/2) for the bipolar sigmoid.
#include <algorithm>
#include <cstddef>

#include <Eigen/Core>

#include "registry.hpp"

namespace squash_bench {
namespace {

template <class T>
using in_map = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1> const>;
template <class T>
using out_map = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;

template <class T>
void eigen_sigmoid(T const* in, T* out, std::size_t n)
{
    out_map<T>(out, Eigen::Index(n)) = in_map<T>(in, Eigen::Index(n)).logistic();
}

// s(1-s) needs s twice; an Eigen expression would evaluate the logistic
// twice, so s is stored first. Chunks keep that second pass in L1/L2 rather
// than making Eigen stream a large array twice.
template <class T>
void eigen_sigmoid_grad(T const* in, T* out, std::size_t n)
{
    constexpr std::size_t chunk = 2048;
    for (std::size_t i = 0; i < n; i += chunk) {
        auto const m = Eigen::Index(std::min(chunk, n - i));
        out_map<T> s(out + i, m);
        s = in_map<T>(in + i, m).logistic();
        s = s * (T(1) - s);
    }
}

template <class T>
void eigen_bipolar_sigmoid(T const* in, T* out, std::size_t n)
{
    out_map<T>(out, Eigen::Index(n)) = T(2) * in_map<T>(in, Eigen::Index(n)).logistic() - T(1);
}

template <class T>
void eigen_half_tanh(T const* in, T* out, std::size_t n)
{
    out_map<T>(out, Eigen::Index(n)) = (T(0.5) * in_map<T>(in, Eigen::Index(n))).tanh();
}

// Eigen's packet math is chosen at compile time from this build's -march.
// (Eigen::SimdInstructionSetsInUse() does not tell AVX2 from AVX.)
char const* eigen_isa()
{
#if defined(EIGEN_VECTORIZE_AVX512)
    return "Eigen packets: AVX-512 (AVX512F)";
#elif defined(EIGEN_VECTORIZE_AVX2) && defined(EIGEN_VECTORIZE_FMA)
    return "Eigen packets: AVX2 + FMA";
#elif defined(EIGEN_VECTORIZE_AVX)
    return "Eigen packets: AVX";
#elif defined(EIGEN_VECTORIZE_SSE2)
    return "Eigen packets: SSE2 to SSE4.2 as enabled";
#else
    return Eigen::SimdInstructionSetsInUse();
#endif
}

template <class T>
struct register_eigen {
    registrar<T> sigmoid{"sigmoid", "eigen", eigen_sigmoid<T>, nullptr, eigen_isa};
    registrar<T> grad{"sigmoid_grad", "eigen", eigen_sigmoid_grad<T>, nullptr, eigen_isa};
    registrar<T> bipolar{"bipolar_sigmoid", "eigen", eigen_bipolar_sigmoid<T>, nullptr, eigen_isa};
    registrar<T> bipolar_tanh{"bipolar_sigmoid", "eigen_tanh", eigen_half_tanh<T>, nullptr, eigen_isa};
};

register_eigen<float> const eigen_float;
register_eigen<double> const eigen_double;

}  // namespace
}  // namespace squash_bench
