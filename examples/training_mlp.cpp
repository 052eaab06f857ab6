// A two-layer network trained the way a framework trains it, with squash's
// training functions: which points of the plane lie inside a ring (a
// nonlinear boundary, so the hidden layer is needed).
//
//   forward   h = σ(W1 x + b1)                 squash::sigmoid (h is saved)
//             o = w2·h + b2                    the logit
//   loss      binary cross-entropy from the logit,
//             L = −mean(y log σ(o) + (1 − y) log σ(−o))   squash::log_sigmoid
//   backward  dL/do = σ(o) − y                 squash::sigmoid
//             dL/dh = w2 dL/do
//             dL/dz1 = dL/dh · h(1 − h)        squash::sigmoid_backward(dh, h, dz1):
//                                              from the saved output h, not z1
//
// The start is deliberately bad: a huge output bias makes the network
// "confidently wrong" about every outside point. There σ(o) rounds to 1 in
// float, so the textbook log(1 − σ(o)) is log(0) = −inf and the loss cannot
// even be printed; log_sigmoid(−o) = −o − log1p(e^-o) is finite, and so is
// every gradient: training recovers, and the program prints the loss falling.
#include <squash/squash.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace {

// SplitMix64: a fixed, portable sequence.
class random_source {
public:
    explicit random_source(std::uint64_t seed) : state_(seed) {}
    float uniform(float lo, float hi)
    {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return lo + (hi - lo) * static_cast<float>(static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1p-53);
    }

private:
    std::uint64_t state_;
};

constexpr std::size_t hidden = 16;

struct dataset {
    std::vector<float> x0, x1, label;  // label 1: inside the ring 0.5 < r < 1.2
};

dataset make_points(std::size_t n, random_source& rng)
{
    dataset d;
    for (std::size_t i = 0; i < n; ++i) {
        float const a = rng.uniform(-2, 2), b = rng.uniform(-2, 2);
        float const r = std::sqrt(a * a + b * b);
        d.x0.push_back(a);
        d.x1.push_back(b);
        d.label.push_back(r > 0.5f && r < 1.2f ? 1.0f : 0.0f);
    }
    return d;
}

struct network {
    std::vector<float> W1 = std::vector<float>(2 * hidden), b1 = std::vector<float>(hidden),
                       w2 = std::vector<float>(hidden);
    float b2 = 0;
};

struct epoch_result {
    double loss, naive_loss, accuracy;
};

// One full-batch step of gradient descent; returns the loss before it.
epoch_result train_step(network& net, dataset const& d, float rate)
{
    std::size_t const n = d.label.size();
    // forward: z1 (n × hidden), h = σ(z1), o
    std::vector<float> z1(n * hidden), h(n * hidden), o(n, net.b2);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < hidden; ++j)
            z1[i * hidden + j] = net.W1[2 * j] * d.x0[i] + net.W1[2 * j + 1] * d.x1[i] + net.b1[j];
    squash::sigmoid(z1, h);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < hidden; ++j)
            o[i] += net.w2[j] * h[i * hidden + j];

    // loss: log σ(o) and log σ(−o) = log(1 − σ(o)), never log of a rounded σ
    std::vector<float> minus_o(n), log_p(n), log_q(n), p(n);
    for (std::size_t i = 0; i < n; ++i)
        minus_o[i] = -o[i];
    squash::log_sigmoid(o, log_p);
    squash::log_sigmoid(minus_o, log_q);
    squash::sigmoid(o, p);
    double loss = 0, naive = 0;
    std::size_t correct = 0;
    for (std::size_t i = 0; i < n; ++i) {
        float const y = d.label[i];
        loss -= y * log_p[i] + (1 - y) * log_q[i];
        naive -= y == 1 ? std::log(p[i]) : std::log(1 - p[i]);  // the textbook formula, for comparison
        correct += (o[i] >= 0) == (y == 1.0f);
    }

    // backward
    std::vector<float> d_o(n), dh(n * hidden), dz1(n * hidden);
    for (std::size_t i = 0; i < n; ++i)
        d_o[i] = (p[i] - d.label[i]) / static_cast<float>(n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < hidden; ++j)
            dh[i * hidden + j] = net.w2[j] * d_o[i];
    squash::sigmoid_backward(dh, h, dz1);  // dz1 = dh · h(1 − h), from the saved output h
    network grad;
    grad.W1.assign(2 * hidden, 0);
    grad.b1.assign(hidden, 0);
    grad.w2.assign(hidden, 0);
    for (std::size_t i = 0; i < n; ++i) {
        grad.b2 += d_o[i];
        for (std::size_t j = 0; j < hidden; ++j) {
            grad.w2[j] += d_o[i] * h[i * hidden + j];
            grad.W1[2 * j] += dz1[i * hidden + j] * d.x0[i];
            grad.W1[2 * j + 1] += dz1[i * hidden + j] * d.x1[i];
            grad.b1[j] += dz1[i * hidden + j];
        }
    }
    for (std::size_t k = 0; k < 2 * hidden; ++k)
        net.W1[k] -= rate * grad.W1[k];
    for (std::size_t j = 0; j < hidden; ++j) {
        net.b1[j] -= rate * grad.b1[j];
        net.w2[j] -= rate * grad.w2[j];
    }
    net.b2 -= rate * grad.b2;
    return {loss / static_cast<double>(n), naive / static_cast<double>(n),
            static_cast<double>(correct) / static_cast<double>(n)};
}

}  // namespace

int main()
{
    random_source rng(2024);
    dataset const points = make_points(2000, rng);

    network net;
    for (auto& w : net.W1)
        w = rng.uniform(-3, 3);
    for (auto& b : net.b1)
        b = rng.uniform(-2, 2);
    for (auto& w : net.w2)
        w = rng.uniform(-1, 1);
    net.b2 = 120;  // confidently wrong: σ(o) == 1.0f for every point

    constexpr int epochs = 3000;
    constexpr float rate = 0.5f;
    std::printf("epoch |  BCE loss (log_sigmoid) | textbook log(σ) loss | accuracy\n");
    std::printf("------+-------------------------+---------------------+---------\n");
    epoch_result first{}, last{};
    for (int epoch = 0; epoch <= epochs; ++epoch) {
        epoch_result const r = train_step(net, points, rate);
        if (epoch == 0)
            first = r;
        last = r;
        if (epoch % 250 == 0)
            std::printf("%5d | %23.6f | %19.6g | %6.1f%%\n", epoch, r.loss, r.naive_loss, 100 * r.accuracy);
    }
    std::printf("\nloss %.4f -> %.4f (%s); final accuracy %.1f%%\n", first.loss, last.loss,
                last.loss < first.loss / 10 ? "falling" : "NOT falling", 100 * last.accuracy);
    std::printf("at the start the textbook loss was %g: log(1 - σ(o)) with σ(o) rounded to 1\n", first.naive_loss);
    bool const ok = std::isfinite(first.loss) && std::isfinite(last.loss) && last.loss < first.loss;
    return ok ? 0 : 1;
}
