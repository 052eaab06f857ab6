// The program every consumer test builds, whichever way it got squash: σ of
// the blog's six points, checked against the blog's table to the four
// decimals printed there. Exits nonzero on any mismatch.
#include <squash/squash.hpp>

#include <array>
#include <cmath>
#include <cstdio>

int main()
{
    constexpr std::array<double, 6> z{-5.0, -2.0, 0.0, 0.5, 2.0, 5.0};
    constexpr std::array<double, 6> blog_sigma{0.0067, 0.1192, 0.5000, 0.6225, 0.8808, 0.9933};

    std::array<double, 6> sigma{};
    squash::sigmoid(z, sigma);

    int failures = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        std::printf("sigma(%4.1f) = %.6f  (blog: %.4f)\n", z[i], sigma[i], blog_sigma[i]);
        // Written as !(x <= tol) so that a NaN fails too.
        if (!(std::fabs(sigma[i] - blog_sigma[i]) <= 0.5e-4)) {
            std::fprintf(stderr, "mismatch at z = %g: got %.17g\n", z[i], sigma[i]);
            ++failures;
        }
        if (squash::sigmoid(z[i]) != sigma[i]) {
            std::fprintf(stderr, "scalar and range forms differ at z = %g\n", z[i]);
            ++failures;
        }
    }
    std::printf("squash %d.%d.%d: %s\n", SQUASH_VERSION_MAJOR, SQUASH_VERSION_MINOR, SQUASH_VERSION_PATCH,
                failures == 0 ? "all six values match the blog" : "MISMATCH");
    return failures == 0 ? 0 : 1;
}
