// The real-client check: what a framework does with squash,
// reproduced in the test with no download. A small multi-layer perceptron
// (σ and σ₂ hidden layers, a logit trained with binary cross-entropy
// through log_sigmoid) and an LSTM cell unrolled over three steps (σ gates,
// tanh(a) = σ₂(2a)) are trained for a few steps of gradient descent with
// squash's forward functions and its *_backward functions from the saved
// outputs, as tiny-dnn's layers do; at every step every analytic gradient is
// compared with a central finite difference of the loss, in double:
// relative error <= 1e-6. The same check runs on each new function's
// derivative formula (d/dz softplus = σ, d/dz log_sigmoid = σ(−z), d/dz
// silu = silu_grad, d/dz σ = sigmoid_with_grad's g).
//
// The check must be able to fail: the test also runs the backward pass that
// breaks a framework's gradient checks (tiny-dnn's LSTM and GRU ones, when it
// was ported to squash: σ' applied to
// the saved output y, as if y were z: sigmoid_grad(y) instead of
// sigmoid_backward(dy, y)) and requires the finite differences to catch it.
#include <squash/squash.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <vector>

#include "catch.hpp"

namespace {

// A fixed, portable sequence (SplitMix64), for weights and data.
class random_source {
public:
    explicit random_source(std::uint64_t seed) : state_(seed) {}
    double uniform(double lo, double hi)
    {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return lo + (hi - lo) * static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1p-53;
    }

private:
    std::uint64_t state_;
};

using vec = std::vector<double>;

// out[r] = b[r] + Σ_c W[r, c] in[c] for a row-major rows × cols matrix.
void affine(vec const& W, vec const& b, double const* in, double* out, std::size_t rows, std::size_t cols)
{
    for (std::size_t r = 0; r < rows; ++r) {
        double s = b[r];
        for (std::size_t c = 0; c < cols; ++c)
            s += W[r * cols + c] * in[c];
        out[r] = s;
    }
}

// dW += d ⊗ in, db += d, d_in += Wᵀ d (d_in may be null).
void affine_backward(vec const& W, double const* in, double const* d, vec& dW, vec& db, double* d_in, std::size_t rows,
                     std::size_t cols)
{
    for (std::size_t r = 0; r < rows; ++r) {
        db[r] += d[r];
        for (std::size_t c = 0; c < cols; ++c) {
            dW[r * cols + c] += d[r] * in[c];
            if (d_in)
                d_in[c] += W[r * cols + c] * d[r];
        }
    }
}

// Which backward pass the models run: squash's, or the classic mistake.
enum class backward_pass { from_output, mistaken_grad_of_output };

// dx = dy·σ'(z) from y = σ(z), as a framework computes it.
void sigmoid_backward(backward_pass pass, vec const& dy, vec const& y, vec& dx)
{
    if (pass == backward_pass::from_output) {
        squash::sigmoid_backward(dy, y, dx);
    } else {
        squash::sigmoid_grad(y, dx);  // σ'(y): wrong, y is not z
        for (std::size_t i = 0; i < dx.size(); ++i)
            dx[i] *= dy[i];
    }
}

// A model: its parameters as one list of tensors, a loss, and its gradient.
struct model {
    std::vector<vec*> parameters;
    std::function<double()> loss;
    std::function<std::vector<vec>()> gradient;  // one vector per parameter tensor
};

struct gradcheck_result {
    double worst = 0;  // worst relative error
    double analytic = 0, numeric = 0;
};

// Central differences (L(θ + h) − L(θ − h)) / 2h for every parameter,
// against the analytic gradient. Relative error |a − n| / max(|a|, |n|,
// 1e-4): the floor keeps components that are zero up to rounding from
// dividing by nothing (their absolute error is below 1e-10 here).
gradcheck_result gradcheck(model& m)
{
    auto const analytic = m.gradient();
    gradcheck_result r;
    for (std::size_t t = 0; t < m.parameters.size(); ++t) {
        vec& p = *m.parameters[t];
        for (std::size_t i = 0; i < p.size(); ++i) {
            double const saved = p[i];
            double const h = 1e-5 * std::max(1.0, std::fabs(saved));
            p[i] = saved + h;
            double const up = m.loss();
            p[i] = saved - h;
            double const down = m.loss();
            p[i] = saved;
            double const numeric = (up - down) / (2 * h);
            double const a = analytic[t][i];
            double const e = std::fabs(a - numeric) / std::max({std::fabs(a), std::fabs(numeric), 1e-4});
            if (e > r.worst)
                r = {e, a, numeric};
        }
    }
    return r;
}

void descend(model& m, double rate)
{
    auto const g = m.gradient();
    for (std::size_t t = 0; t < m.parameters.size(); ++t)
        for (std::size_t i = 0; i < g[t].size(); ++i)
            (*m.parameters[t])[i] -= rate * g[t][i];
}

// ---- the perceptron --------------------------------------------------------------
// 4 inputs -> 8 σ units -> 6 σ₂ units -> 1 logit o; loss: mean binary
// cross-entropy −(y log σ(o) + (1 − y) log σ(−o)), with log σ from
// squash::log_sigmoid (never log of a rounded σ); dL/do = σ(o) − y.
struct perceptron {
    static constexpr std::size_t in = 4, h1 = 8, h2 = 6, samples = 32;
    vec W1, b1, W2, b2, W3, b3;
    vec x, label;
    backward_pass pass = backward_pass::from_output;

    explicit perceptron(std::uint64_t seed)
    {
        random_source rng(seed);
        auto fill = [&](vec& v, std::size_t n, double scale) {
            v.resize(n);
            for (auto& w : v)
                w = rng.uniform(-scale, scale);
        };
        fill(W1, h1 * in, 1.0);
        fill(b1, h1, 0.5);
        fill(W2, h2 * h1, 1.0);
        fill(b2, h2, 0.5);
        fill(W3, h2, 1.0);
        fill(b3, 1, 0.1);
        fill(x, samples * in, 2.0);
        label.resize(samples);
        for (std::size_t s = 0; s < samples; ++s)  // a nonlinear rule to learn
            label[s] = (x[s * in] * x[s * in + 1] + 0.5 * x[s * in + 2] - x[s * in + 3] > 0) ? 1 : 0;
    }

    struct cache {
        vec a1, a2, o;
    };

    double forward(cache& c) const
    {
        vec z1(samples * h1), z2(samples * h2);
        c.o.assign(samples, 0);
        for (std::size_t s = 0; s < samples; ++s)
            affine(W1, b1, &x[s * in], &z1[s * h1], h1, in);
        c.a1.resize(z1.size());
        squash::sigmoid(z1, c.a1);
        for (std::size_t s = 0; s < samples; ++s)
            affine(W2, b2, &c.a1[s * h1], &z2[s * h2], h2, h1);
        c.a2.resize(z2.size());
        squash::bipolar_sigmoid(z2, c.a2);
        for (std::size_t s = 0; s < samples; ++s)
            affine(W3, b3, &c.a2[s * h2], &c.o[s], 1, h2);
        vec minus_o(samples), log_p(samples), log_q(samples);
        for (std::size_t s = 0; s < samples; ++s)
            minus_o[s] = -c.o[s];
        squash::log_sigmoid(c.o, log_p);      // log σ(o)
        squash::log_sigmoid(minus_o, log_q);  // log(1 − σ(o)) = log σ(−o)
        double loss = 0;
        for (std::size_t s = 0; s < samples; ++s)
            loss -= label[s] * log_p[s] + (1 - label[s]) * log_q[s];
        return loss / samples;
    }

    double loss() const
    {
        cache c;
        return forward(c);
    }

    std::vector<vec> gradient() const
    {
        cache c;
        forward(c);
        vec p(samples), d_o(samples);
        squash::sigmoid(c.o, p);
        for (std::size_t s = 0; s < samples; ++s)
            d_o[s] = (p[s] - label[s]) / samples;
        vec dW1(W1.size()), db1(b1.size()), dW2(W2.size()), db2(b2.size()), dW3(W3.size()), db3(b3.size());
        vec da2(samples * h2), dz2(samples * h2), da1(samples * h1), dz1(samples * h1);
        for (std::size_t s = 0; s < samples; ++s)
            affine_backward(W3, &c.a2[s * h2], &d_o[s], dW3, db3, &da2[s * h2], 1, h2);
        squash::bipolar_sigmoid_backward(da2, c.a2, dz2);  // from the saved output
        for (std::size_t s = 0; s < samples; ++s)
            affine_backward(W2, &c.a1[s * h1], &dz2[s * h2], dW2, db2, &da1[s * h1], h2, h1);
        sigmoid_backward(pass, da1, c.a1, dz1);
        for (std::size_t s = 0; s < samples; ++s)
            affine_backward(W1, &x[s * in], &dz1[s * h1], dW1, db1, nullptr, h1, in);
        return {dW1, db1, dW2, db2, dW3, db3};
    }

    model as_model()
    {
        return {{&W1, &b1, &W2, &b2, &W3, &b3}, [this] { return loss(); }, [this] { return gradient(); }};
    }
};

// ---- the LSTM cell -------------------------------------------------------------------
// x_t (3 inputs), h and c (4 units), three steps from h = c = 0:
//   i, f, o = σ(W_{i,f,o} [x_t, h] + b),  g = tanh(W_g [x_t, h] + b_g) = σ₂(2 a_g)
//   c' = f c + i g,  h' = o tanh(c'),  loss = mean over the batch of
//   −log σ(v·h_T + u) for a label 1 (binary cross-entropy again).
// Backward through time with sigmoid_backward on the gates' saved outputs
// and, for tanh(a) = σ₂(2a), d tanh/da = 2·σ₂'(2a): 2·bipolar_sigmoid_backward.
struct lstm {
    static constexpr std::size_t in = 3, units = 4, steps = 3, samples = 8, cols = in + units;
    vec W[4], b[4];  // gates i, f, o, g: units × (in + units)
    vec v, u;
    vec x;           // samples × steps × in
    backward_pass pass = backward_pass::from_output;

    explicit lstm(std::uint64_t seed)
    {
        random_source rng(seed);
        for (auto& w : W) {
            w.resize(units * cols);
            for (auto& e : w)
                e = rng.uniform(-0.8, 0.8);
        }
        for (auto& e : b) {
            e.resize(units);
            for (auto& v_ : e)
                v_ = rng.uniform(-0.3, 0.3);
        }
        v.resize(units);
        for (auto& e : v)
            e = rng.uniform(-1, 1);
        u = {0.1};
        x.resize(samples * steps * in);
        for (auto& e : x)
            e = rng.uniform(-1.5, 1.5);
    }

    // Per sample and step: the gates' outputs, tanh(c'), and the states.
    struct cache {
        vec gate[4];  // samples × steps × units each (i, f, o: σ; g: tanh)
        vec c, h;     // samples × (steps + 1) × units, from the zero state
        vec tanh_c;   // samples × steps × units
        vec readout;  // samples
    };

    double forward(cache& k) const
    {
        for (auto& g : k.gate)
            g.assign(samples * steps * units, 0);
        k.c.assign(samples * (steps + 1) * units, 0);
        k.h.assign(samples * (steps + 1) * units, 0);
        k.tanh_c.assign(samples * steps * units, 0);
        k.readout.assign(samples, 0);
        for (std::size_t s = 0; s < samples; ++s) {
            for (std::size_t t = 0; t < steps; ++t) {
                double input[cols];
                std::copy_n(&x[(s * steps + t) * in], in, input);
                std::copy_n(&k.h[(s * (steps + 1) + t) * units], units, input + in);
                vec a(units);
                std::size_t const at = (s * steps + t) * units;
                for (int gate = 0; gate < 3; ++gate) {
                    affine(W[gate], b[gate], input, a.data(), units, cols);
                    squash::sigmoid(a.data(), &k.gate[gate][at], units);
                }
                affine(W[3], b[3], input, a.data(), units, cols);
                for (auto& e : a)
                    e *= 2;  // tanh(a) = σ₂(2a)
                squash::bipolar_sigmoid(a.data(), &k.gate[3][at], units);
                vec c_new(units), two_c(units);
                for (std::size_t j = 0; j < units; ++j) {
                    c_new[j] = k.gate[1][at + j] * k.c[(s * (steps + 1) + t) * units + j] +
                               k.gate[0][at + j] * k.gate[3][at + j];
                    two_c[j] = 2 * c_new[j];
                }
                squash::bipolar_sigmoid(two_c.data(), &k.tanh_c[at], units);
                for (std::size_t j = 0; j < units; ++j) {
                    k.c[(s * (steps + 1) + t + 1) * units + j] = c_new[j];
                    k.h[(s * (steps + 1) + t + 1) * units + j] = k.gate[2][at + j] * k.tanh_c[at + j];
                }
            }
            affine(v, u, &k.h[(s * (steps + 1) + steps) * units], &k.readout[s], 1, units);
        }
        vec log_p(samples);
        squash::log_sigmoid(k.readout, log_p);
        double loss = 0;
        for (double l : log_p)
            loss -= l;
        return loss / samples;
    }

    double loss() const
    {
        cache k;
        return forward(k);
    }

    std::vector<vec> gradient() const
    {
        cache k;
        forward(k);
        vec dW[4], db[4], dv(units), du(1);
        for (int g = 0; g < 4; ++g) {
            dW[g].assign(W[g].size(), 0);
            db[g].assign(units, 0);
        }
        vec p(samples);
        squash::sigmoid(k.readout, p);
        for (std::size_t s = 0; s < samples; ++s) {
            double d_read = (p[s] - 1) / samples;  // d(−log σ(r))/dr = σ(r) − 1
            vec dh(units), dc(units, 0);
            affine_backward(v, &k.h[(s * (steps + 1) + steps) * units], &d_read, dv, du, dh.data(), 1, units);
            for (std::size_t t = steps; t-- > 0;) {
                std::size_t const at = (s * steps + t) * units;
                vec tc(k.tanh_c.begin() + static_cast<std::ptrdiff_t>(at),
                       k.tanh_c.begin() + static_cast<std::ptrdiff_t>(at + units));
                vec gi(k.gate[0].begin() + static_cast<std::ptrdiff_t>(at), k.gate[0].begin() + static_cast<std::ptrdiff_t>(at + units));
                vec gf(k.gate[1].begin() + static_cast<std::ptrdiff_t>(at), k.gate[1].begin() + static_cast<std::ptrdiff_t>(at + units));
                vec go(k.gate[2].begin() + static_cast<std::ptrdiff_t>(at), k.gate[2].begin() + static_cast<std::ptrdiff_t>(at + units));
                vec gg(k.gate[3].begin() + static_cast<std::ptrdiff_t>(at), k.gate[3].begin() + static_cast<std::ptrdiff_t>(at + units));
                double const* c_prev = &k.c[(s * (steps + 1) + t) * units];
                // h' = o tanh(c'): do, and dc' += dh o tanh'(c')
                vec d_go(units), d_tc(units), d_c_from_h(units);
                for (std::size_t j = 0; j < units; ++j) {
                    d_go[j] = dh[j] * tc[j];
                    d_tc[j] = dh[j] * go[j];
                }
                squash::bipolar_sigmoid_backward(d_tc, tc, d_c_from_h);  // (1 − tanh²)/2 ...
                for (std::size_t j = 0; j < units; ++j)
                    dc[j] += 2 * d_c_from_h[j];  // ... times 2 for tanh(c) = σ₂(2c)
                // c' = f c + i g
                vec d_gi(units), d_gf(units), d_gg(units), dc_prev(units);
                for (std::size_t j = 0; j < units; ++j) {
                    d_gi[j] = dc[j] * gg[j];
                    d_gf[j] = dc[j] * c_prev[j];
                    d_gg[j] = dc[j] * gi[j];
                    dc_prev[j] = dc[j] * gf[j];
                }
                // through the gates' nonlinearities, from their saved outputs
                vec da[4];
                for (auto& e : da)
                    e.resize(units);
                sigmoid_backward(pass, d_gi, gi, da[0]);
                sigmoid_backward(pass, d_gf, gf, da[1]);
                sigmoid_backward(pass, d_go, go, da[2]);
                squash::bipolar_sigmoid_backward(d_gg, gg, da[3]);
                for (auto& e : da[3])
                    e *= 2;
                // into the weights and the previous h
                double input[cols];
                std::copy_n(&x[(s * steps + t) * in], in, input);
                std::copy_n(&k.h[(s * (steps + 1) + t) * units], units, input + in);
                vec d_input(cols, 0);
                for (int g = 0; g < 4; ++g)
                    affine_backward(W[g], input, da[g].data(), dW[g], db[g], d_input.data(), units, cols);
                std::copy_n(d_input.begin() + in, units, dh.begin());
                dc = dc_prev;
            }
        }
        return {dW[0], dW[1], dW[2], dW[3], db[0], db[1], db[2], db[3], dv, du};
    }

    model as_model()
    {
        return {{&W[0], &W[1], &W[2], &W[3], &b[0], &b[1], &b[2], &b[3], &v, &u},
                [this] { return loss(); },
                [this] { return gradient(); }};
    }
};

// Trains m for `steps` steps, gradchecking before each; returns the worst
// relative error seen and checks the loss went down.
template <class Model>
double train_and_check(Model& network, char const* name, int steps, double rate)
{
    model m = network.as_model();
    double const first = m.loss();
    double worst = 0;
    for (int step = 0; step < steps; ++step) {
        auto const r = gradcheck(m);
        INFO(name << ", step " << step << ": analytic " << r.analytic << " vs numeric " << r.numeric);
        CHECK(r.worst <= 1e-6);
        worst = std::max(worst, r.worst);
        descend(m, rate);
    }
    double const last = m.loss();
    std::printf("gradcheck %-10s worst relative error %.3g over %d steps; loss %.6f -> %.6f\n", name, worst, steps,
                first, last);
    CHECK(last < first);
    return worst;
}

}  // namespace

TEST_CASE("gradcheck: an MLP trained with squash's forward and *_backward matches finite differences",
          "[training][gradcheck]")
{
    perceptron net(7);
    train_and_check(net, "mlp", 5, 0.5);
}

TEST_CASE("gradcheck: an LSTM cell trained with squash's forward and *_backward matches finite differences",
          "[training][gradcheck]")
{
    lstm cell(11);
    train_and_check(cell, "lstm", 5, 0.5);
}

TEST_CASE("gradcheck: the classic mistake (sigma' applied to the output y) is caught", "[training][gradcheck]")
{
    perceptron net(7);
    net.pass = backward_pass::mistaken_grad_of_output;
    model m = net.as_model();
    auto const mlp = gradcheck(m);
    lstm cell(11);
    cell.pass = backward_pass::mistaken_grad_of_output;
    model n = cell.as_model();
    auto const rnn = gradcheck(n);
    std::printf("gradcheck with sigmoid_grad(y) as the backward pass: mlp %.3g (analytic %.5g vs numeric %.5g), "
                "lstm %.3g (analytic %.5g vs numeric %.5g)\n",
                mlp.worst, mlp.analytic, mlp.numeric, rnn.worst, rnn.analytic, rnn.numeric);
    CHECK(mlp.worst > 1e-2);
    CHECK(rnn.worst > 1e-2);
}

// The derivative formulas of the new functions against central differences
// of squash's own forward functions, in double, on a grid of z.
TEST_CASE("gradcheck: d/dz softplus = sigma, d/dz log_sigmoid = sigma(-z), d/dz silu = silu_grad, d/dz sigma = g",
          "[training][gradcheck]")
{
    struct pair {
        char const* name;
        std::function<double(double)> f, derivative;
    };
    std::vector<pair> const pairs{
        {"softplus", [](double z) { return squash::softplus(z); }, [](double z) { return squash::sigmoid(z); }},
        {"log_sigmoid", [](double z) { return squash::log_sigmoid(z); }, [](double z) { return squash::sigmoid(-z); }},
        {"silu", [](double z) { return squash::silu(z); }, [](double z) { return squash::silu_grad(z); }},
        {"sigmoid", [](double z) { return squash::sigmoid(z); },
         [](double z) { return squash::sigmoid_with_grad(z).grad; }},
        {"bipolar_sigmoid", [](double z) { return squash::bipolar_sigmoid(z); },
         [](double z) { return squash::bipolar_sigmoid_backward(1.0, squash::bipolar_sigmoid(z)); }},
        {"sigmoid (backward)", [](double z) { return squash::sigmoid(z); },
         [](double z) { return squash::sigmoid_backward(1.0, squash::sigmoid(z)); }},
    };
    for (auto const& p : pairs) {
        double worst = 0, worst_z = 0;
        for (int i = -3000; i <= 3000; ++i) {
            double const z = i / 100.0 + 0.00123;  // off the grid of round numbers
            double const h = 1e-5 * std::max(1.0, std::fabs(z));
            double const numeric = (p.f(z + h) - p.f(z - h)) / (2 * h);
            double const analytic = p.derivative(z);
            // relative, with a floor at 1e-4 of the derivative's scale where it
            // crosses zero (silu' at z0 = −1.2785)
            double const e = std::fabs(analytic - numeric) / std::max({std::fabs(analytic), std::fabs(numeric), 1e-4});
            if (e > worst) {
                worst = e;
                worst_z = z;
            }
        }
        std::printf("gradcheck %-20s worst relative error %.3g at z = %g\n", p.name, worst, worst_z);
        INFO(p.name << ": worst relative error " << worst << " at z = " << worst_z);
        CHECK(worst <= 1e-6);
    }
}
