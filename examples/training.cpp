// Logistic regression for loan default, trained by full-batch gradient
// descent on synthetic applicants, twice from the same bad start:
//   MSE:  L = mean (σ(z) − y)²,  dL/dz = 2 (σ(z) − y) σ'(z)   (σ' from squash::sigmoid_grad)
//   BCE:  L = mean −[y log σ + (1 − y) log(1 − σ)],  dL/dz = σ(z) − y
// The start is "confidently wrong" (large z for everybody), where σ is
// saturated and σ'(z) ≈ e^-|z| is tiny: the MSE model, whose gradient is
// multiplied by σ', barely moves, while the BCE model, where σ' cancels
// out, recovers in a few epochs. That is why σ sits at the output with BCE.
//
// Why σ' is computed from z and not as the textbook s(1 − s): in float, σ(z)
// rounds to exactly 1 once z > ~17, and s(1 − s) becomes exactly 0, so a
// saturated unit would get no gradient at all, not merely a small one.
// squash::sigmoid_grad evaluates e^-|z| / (1 + e^-|z|)² and stays correct
// (and nonzero) there; the program counts such samples at the start.
#include <squash/squash.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <numbers>
#include <vector>

namespace {

constexpr std::size_t feature_count = 3;  // debt-to-income, credit score, missed payments (standardised)
using features = std::array<float, feature_count>;

// SplitMix64: a fixed, portable sequence (std::normal_distribution's is not).
class random_source {
public:
    explicit random_source(std::uint64_t seed) : state_(seed) {}

    double uniform()  // in [0, 1)
    {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1p-53;
    }

    double normal()  // Box–Muller
    {
        double u1 = 1.0 - uniform(), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

private:
    std::uint64_t state_;
};

struct dataset {
    std::vector<features> x;
    std::vector<float> y;  // 1 = defaulted
};

// Labels are drawn from this true logistic model, so the best possible
// accuracy is below 100 % (the noise is real, as with real applicants).
constexpr features true_w{1.5f, -2.0f, 1.0f};
constexpr float true_b = -1.0f;

dataset make_applicants(std::size_t n, random_source& rng)
{
    dataset d;
    for (std::size_t i = 0; i < n; ++i) {
        features f{};
        double z = true_b;
        for (std::size_t j = 0; j < feature_count; ++j) {
            f[j] = static_cast<float>(rng.normal());
            z += true_w[j] * f[j];
        }
        d.x.push_back(f);
        d.y.push_back(rng.uniform() < 1.0 / (1.0 + std::exp(-z)) ? 1.0f : 0.0f);
    }
    return d;
}

struct model {
    features w{};
    float b = 0;

    void pre_activations(dataset const& d, std::vector<float>& z) const
    {
        for (std::size_t i = 0; i < d.x.size(); ++i) {
            float zi = b;
            for (std::size_t j = 0; j < feature_count; ++j)
                zi += w[j] * d.x[i][j];
            z[i] = zi;
        }
    }

    // One descent step from dL/dz of every sample: dL/dw = Σ dL/dz · x.
    void step(dataset const& d, std::vector<float> const& dz, float learning_rate)
    {
        features dw{};
        float db = 0;
        for (std::size_t i = 0; i < d.x.size(); ++i) {
            for (std::size_t j = 0; j < feature_count; ++j)
                dw[j] += dz[i] * d.x[i][j];
            db += dz[i];
        }
        for (std::size_t j = 0; j < feature_count; ++j)
            w[j] -= learning_rate * dw[j];
        b -= learning_rate * db;
    }
};

enum class loss_kind { mse, bce };

struct epoch_result {
    double loss, accuracy;
};

// Loss and accuracy at the current weights, then one step.
epoch_result train_epoch(model& m, dataset const& d, loss_kind kind, float learning_rate)
{
    std::size_t const n = d.x.size();
    std::vector<float> z(n), s(n), ds(n), dz(n);
    m.pre_activations(d, z);
    squash::sigmoid(z, s);
    if (kind == loss_kind::mse)
        squash::sigmoid_grad(z, ds);

    double loss = 0;
    std::size_t correct = 0;
    for (std::size_t i = 0; i < n; ++i) {
        float const error = s[i] - d.y[i];
        if (kind == loss_kind::mse) {
            loss += double(error) * error;
            dz[i] = 2.0f * error * ds[i] / static_cast<float>(n);
        } else {
            // −log σ(z) = softplus(−z): written in z, it stays finite where
            // σ has rounded to 0 or 1.
            double const zi = z[i];
            loss += std::fmax(zi, 0.0) + std::log1p(std::exp(-std::fabs(zi))) - d.y[i] * zi;
            dz[i] = error / static_cast<float>(n);
        }
        correct += (z[i] >= 0) == (d.y[i] == 1.0f);
    }
    m.step(d, dz, learning_rate);
    return {loss / static_cast<double>(n), static_cast<double>(correct) / static_cast<double>(n)};
}

}  // namespace

int main()
{
    random_source rng(20240607);
    dataset const applicants = make_applicants(1000, rng);

    // Confidently wrong: weights of the wrong sign and a large bias.
    model start;
    start.w = {-3.0f, 4.0f, -2.0f};
    start.b = 6.0f;

    {
        std::vector<float> z(applicants.x.size()), s(z.size()), ds(z.size());
        start.pre_activations(applicants, z);
        squash::sigmoid(z, s);
        squash::sigmoid_grad(z, ds);
        std::size_t rounded_to_one = 0;
        float smallest_grad = 1;
        for (std::size_t i = 0; i < z.size(); ++i) {
            if (s[i] == 1.0f) {  // textbook s(1 − s) is exactly 0 here
                ++rounded_to_one;
                smallest_grad = std::fmin(smallest_grad, ds[i]);
            }
        }
        std::printf("start: %zu of %zu applicants have σ(z) == 1.0f, where s(1−s) = 0;\n", rounded_to_one,
                    z.size());
        if (rounded_to_one)
            std::printf("       squash::sigmoid_grad gives them σ'(z) >= %.3g instead\n", smallest_grad);
    }

    model mse = start, bce = start;
    constexpr float learning_rate = 1.0f;
    constexpr int epochs = 30;
    std::printf("\nepoch |  MSE loss | accuracy |  BCE loss | accuracy\n");
    std::printf("------+-----------+----------+-----------+---------\n");
    epoch_result last_mse{}, last_bce{};
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        last_mse = train_epoch(mse, applicants, loss_kind::mse, learning_rate);
        last_bce = train_epoch(bce, applicants, loss_kind::bce, learning_rate);
        std::printf("%5d | %9.5f | %7.1f%% | %9.5f | %6.1f%%\n", epoch, last_mse.loss, 100 * last_mse.accuracy,
                    last_bce.loss, 100 * last_bce.accuracy);
    }
    std::printf("\nfinal accuracy: MSE %.1f%%, BCE %.1f%%\n", 100 * last_mse.accuracy, 100 * last_bce.accuracy);
    std::printf("BCE model: w = (%.2f, %.2f, %.2f), b = %.2f; true: w = (%.2f, %.2f, %.2f), b = %.2f\n", bce.w[0],
                bce.w[1], bce.w[2], bce.b, true_w[0], true_w[1], true_w[2], true_b);
    bool const finite = std::isfinite(last_mse.loss) && std::isfinite(last_bce.loss);
    return finite ? 0 : 1;
}
