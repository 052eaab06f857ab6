// The blog's running example: a logistic model scores loan applicants.
// Each applicant's features give a pre-activation z = w·x + b; squash::sigmoid
// turns the whole batch of z into probabilities of default at once. Then the
// blog's table of σ, σ' and σ₂ at its six anchor points, printed the way its
// Python prints it.
#include <squash/squash.hpp>

#include <array>
#include <cstddef>
#include <cstdio>
#include <vector>

namespace {

struct applicant {
    char const* name;
    double debt_to_income;  // monthly debt payments / monthly income
    double credit_score;    // 300..850
    double missed_payments; // in the last two years
    double years_employed;
};

// The model's parameters, as if already trained (examples/training.cpp shows
// how such weights are learnt). Positive weights push towards default.
struct loan_model {
    double w_debt_to_income = 6.0;
    double w_credit_score = -1.2;  // per 50 points above 680
    double w_missed_payments = 0.8;
    double w_years_employed = -0.15;
    double bias = -3.0;

    double pre_activation(applicant const& a) const
    {
        return bias + w_debt_to_income * a.debt_to_income + w_credit_score * (a.credit_score - 680.0) / 50.0 +
               w_missed_payments * a.missed_payments + w_years_employed * a.years_employed;
    }
};

void print_blog_table()
{
    // The six anchor points of the blog's tables.
    std::array<double, 6> const z{-5.0, -2.0, 0.0, 0.5, 2.0, 5.0};
    std::array<double, 6> s{}, g{}, s2{};
    squash::sigmoid(z, s);
    squash::sigmoid_grad(z, g);
    squash::bipolar_sigmoid(z, s2);

    std::printf("    z |    σ(z) |   σ'(z) |    σ₂(z)\n");
    std::printf("----------------------------------------\n");
    for (std::size_t i = 0; i < z.size(); ++i)
        std::printf("%5.1f | %7.4f | %7.4f | %8.4f\n", z[i], s[i], g[i], s2[i]);
}

}  // namespace

int main()
{
    std::vector<applicant> const applicants{
        {"Avery", 0.12, 790, 0, 9},  {"Blake", 0.28, 720, 0, 4},  {"Casey", 0.35, 680, 1, 2},
        {"Drew", 0.41, 655, 1, 6},   {"Emery", 0.45, 610, 2, 1},  {"Finley", 0.55, 590, 3, 0},
        {"Gray", 0.22, 700, 4, 3},   {"Harper", 0.62, 540, 5, 1},
    };
    loan_model const model;

    std::vector<double> z(applicants.size()), p_default(applicants.size());
    for (std::size_t i = 0; i < applicants.size(); ++i)
        z[i] = model.pre_activation(applicants[i]);
    squash::sigmoid(z, p_default);  // the whole batch through the SIMD kernel

    std::printf("applicant |  DTI | score | missed | years |      z | P(default) | decision\n");
    std::printf("----------+------+-------+--------+-------+--------+------------+-----------\n");
    bool threshold_consistent = true;
    for (std::size_t i = 0; i < applicants.size(); ++i) {
        auto const& a = applicants[i];
        // σ is increasing with σ(0) = 1/2 exactly, so p >= 0.5 and z >= 0
        // are the same decision; the check holds squash to that.
        bool const predict_default = p_default[i] >= 0.5;
        threshold_consistent = threshold_consistent && (predict_default == (z[i] >= 0.0));
        std::printf("%-9s | %4.2f | %5.0f | %6.0f | %5.0f | %6.2f | %9.2f%% | %s\n", a.name, a.debt_to_income,
                    a.credit_score, a.missed_payments, a.years_employed, z[i], 100.0 * p_default[i],
                    predict_default ? "default" : "no default");
    }
    if (!threshold_consistent) {
        std::fprintf(stderr, "decision at p >= 0.5 disagrees with z >= 0\n");
        return 1;
    }

    std::printf("\nThe blog's anchor points:\n\n");
    print_blog_table();
    return 0;
}
