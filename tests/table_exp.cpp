// detail/table_exp.hpp, the double exponential of σ and σ' on AVX-512, on
// every instruction set: its lookup has a portable fallback, so the SSE2 and
// AVX2 binaries check its math on a CPU without AVX-512 and the AVX-512
// binary checks the vpermt2q and vscalefpd path. e^-|z| = 2^floor(k) E is
// compared with expl (64-bit significand), lane by lane, against the bound
// stated in the header, and its parts against what the callers assume.
#include <squash/squash.hpp>

#include <cmath>
#include <cstddef>
#include <random>
#include <vector>

#include "catch.hpp"

namespace {

using batch = xsimd::batch<double>;
namespace detail = squash::detail;

struct table_exp_checks {
    double worst_relative = 0;  // of 2^floor(k) E against e^-|z|
    double worst_z = 0;
    std::size_t failures = 0;

    void run(std::vector<double> const& zs)
    {
        constexpr std::size_t n = batch::size;
        constexpr double k_min_scale = detail::exp_constants<double>::k_min_scale;
        for (std::size_t i = 0; i + n <= zs.size(); i += n) {
            auto parts = detail::exp_neg_abs_table(batch::load_unaligned(zs.data() + i));
            alignas(64) double k[n], scale[n], hi[n], lo[n];
            parts.pow2.k.store_aligned(k);
            parts.pow2.scale.store_aligned(scale);
            parts.E.hi.store_aligned(hi);
            parts.E.lo.store_aligned(lo);
            for (std::size_t j = 0; j < n; ++j) {
                double z = zs[i + j];
                double exponent = std::floor(k[j]);
                // The callers' assumptions: E in [0.978, 1.96] as a
                // normalized double word; e <= 1 (E <= 1 where k = 0);
                // scale = 2^max(floor(k), k_min_scale).
                bool parts_ok = hi[j] >= 0.978 && hi[j] <= 1.96 &&
                                std::fabs(lo[j]) <= 0.5 * std::ldexp(1.0, std::ilogb(hi[j]) - 52) &&
                                (exponent < 0 || (exponent == 0 && hi[j] + lo[j] <= 1.0)) &&
                                scale[j] == std::ldexp(1.0, int(std::fmax(exponent, k_min_scale)));
                long double x = std::fmax(-std::fabs(z), detail::exp_constants<double>::x_min);
                long double exact = std::exp(x);
                long double got = std::ldexp((long double)hi[j] + lo[j], int(exponent));
                double relative = double(std::fabs(got - exact) / exact);
                if (relative > worst_relative) {
                    worst_relative = relative;
                    worst_z = z;
                }
                if (!parts_ok) {
                    if (++failures <= 5)
                        UNSCOPED_INFO("z = " << z << ": k " << k[j] << ", scale " << scale[j] << ", E " << hi[j]
                                             << " + " << lo[j]);
                }
            }
        }
    }
};

}  // namespace

TEST_CASE("table_exp: e^-|z| within 2^-56 relative, parts as the callers assume", "[table_exp]")
{
    std::vector<double> zs;
    // Every 16th of ln2 from 0 to the clamp, and its neighbours: where j and
    // k change.
    double const step = std::log(2.0) / 16;
    for (int n = 0; n <= 17300; ++n) {
        double z = n * step;
        for (double w : {std::nextafter(z, 0.0), z, std::nextafter(z, 1e9), z + step / 2, z - step / 2})
            for (double s : {w, -w})
                zs.push_back(s);
    }
    // Random inputs on nested ranges, the subnormal outputs of σ, and beyond
    // the clamp.
    std::mt19937_64 rng(20261201);
    for (double range : {1e-300, 1e-8, 0.03, 1.0, 10.0, 40.0, 746.0, 1e4}) {
        std::uniform_real_distribution<double> uniform(-range, range);
        for (int i = 0; i < 200000; ++i)
            zs.push_back(uniform(rng));
    }
    std::uniform_real_distribution<double> deep(-746.0, -650.0);
    for (int i = 0; i < 200000; ++i)
        zs.push_back(deep(rng));
    for (double z : {0.0, -0.0, 745.1332191019411, 746.0, 746.5, 1e300, -1e300, HUGE_VAL, -HUGE_VAL})
        zs.push_back(z);
    while (zs.size() % batch::size != 0)
        zs.push_back(1.0);

    table_exp_checks checks;
    checks.run(zs);
    INFO(zs.size() << " inputs; worst relative error 2^" << std::log2(checks.worst_relative) << " at z = "
                   << checks.worst_z);
    CHECK(checks.failures == 0);
    // The header's bound is 2^-56.5; expl's own error is ~2^-63.
    CHECK(checks.worst_relative <= 0x1p-56);
}
