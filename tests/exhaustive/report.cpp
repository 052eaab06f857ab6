#include "report.hpp"

#include <bit>
#include <cinttypes>
#include <cmath>

#include "table.hpp"

namespace sweep {

namespace {

// The promised bounds, from tests/function_table.hpp. An error of exactly
// 0.5 or 1 ulp cannot occur (the exact values are irrational wherever they
// are not representable), so "none above 0.5" is correct rounding and "none
// above 1" is faithful, strict or not.
struct bound {
    double ulps;
    std::string text;
};

bound bound_for(std::size_t k, bool is_float)
{
    auto const& b = is_float ? entry(k).float_bound : entry(k).double_bound;
    char text[64];
    std::snprintf(text, sizeof text, "%s %g", b.strict ? "<" : "<=", b.ulps);
    return {b.ulps, text};
}

std::size_t threshold_index(double ulps)
{
    for (std::size_t i = 0; i < thresholds.size(); ++i)
        if (thresholds[i] == ulps)
            return i;
    return thresholds.size() - 1;
}

double reference_bound(bool is_float)
{
    return is_float ? reference_error_ulps<float, double> : reference_error_ulps<double, long double>;
}

std::string format(char const* pattern, auto... args)
{
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, pattern, args...);
    return buffer;
}

std::string bits_text(double z, bool is_float)
{
    if (is_float)
        return format("0x%08" PRIx32, std::bit_cast<std::uint32_t>(float(z)));
    return format("0x%016" PRIx64, std::bit_cast<std::uint64_t>(z));
}

std::string value_text(double v, bool is_float) { return format(is_float ? "%.9g" : "%.17g", v); }

std::string exact_text(long double v, bool is_float) { return format(is_float ? "%.12Lg" : "%.21Lg", v); }

std::string ulp_text(double e)
{
    if (std::isinf(e))
        return "inf";
    return e < 1000 ? format("%.6f", e) : format("%.4g", e);
}

std::string count_text(std::uint64_t n) { return format("%" PRIu64, n); }

std::string format_title(bool is_float) { return is_float ? "float" : "double"; }

table error_table(sweep_result const& r, bool is_float)
{
    table t{{"function", "bound (ulp)", "max error (ulp)", "at z (bits)", "z", "got", "exact"}, {}};
    for (double level : thresholds)
        t.header.push_back(format("> %g", level));
    t.header.push_back("MPFR rechecks");
    t.header.push_back("holds");
    for (std::size_t k = 0; k < function_count; ++k) {
        if (!selected(k))
            continue;
        auto const& e = r.stats[k].errors;
        auto const& w = e.worst[0];
        auto b = bound_for(k, is_float);
        bool holds = e.over[threshold_index(b.ulps)] == 0;
        t.rows.push_back({function_name(k), b.text, ulp_text(w.error), bits_text(w.z, is_float),
                          value_text(w.z, is_float), value_text(w.got, is_float), exact_text(w.exact, is_float),
                          count_text(e.over[0]), count_text(e.over[1]), count_text(e.over[2]), count_text(e.over[3]),
                          count_text(e.oracle_calls) + (e.undecided ? " (" + count_text(e.undecided) + " undecided)" : ""),
                          holds ? "yes" : "NO"});
    }
    return t;
}

table property_table(sweep_result const& r, bool is_float)
{
    table t{{"function", "monotonicity violations", "symmetry failures", "range violations", "NaN inputs giving NaN",
             "flushed to 0", "first input failing (least magnitude)", "reference vs MPFR (max ulp, checks)"},
            {}};
    for (std::size_t k = 0; k < function_count; ++k) {
        if (!selected(k))
            continue;
        fn f = math_of(k);
        auto const& p = r.stats[k].properties;
        auto const& e = r.stats[k].errors;
        std::string monotonic = count_text(p.monotonicity);
        if (shape_of(f) == shape::even_peak)
            monotonic = "z>0: " + monotonic + ", z<0: " + count_text(p.monotonicity_negative);
        unsigned const slack = is_float ? entry(k).order_slack_float : entry(k).order_slack_double;
        if (slack)
            monotonic += " (" + count_text(p.steps_back_within_slack) + " steps back of at most " +
                         std::to_string(slack) + " ulps, allowed)";
        bool const symmetric = shape_of(f) == shape::even_peak || shape_of(f) == shape::odd_increasing;
        t.rows.push_back({function_name(k), monotonic, symmetric ? count_text(p.symmetry) : "n/a",
                          count_text(p.range), count_text(p.nan_outputs) + " of " + count_text(p.nan_inputs),
                          entry(k).below_normal == squash_test::subnormals::flushed ? count_text(p.flushed) : "n/a",
                          std::isnan(p.first_violation) ? "-" : value_text(p.first_violation, is_float),
                          format("%.3g, %" PRIu64, e.reference_check_max, e.reference_checks)});
    }
    return t;
}

table worst_table(sweep_result const& r, bool is_float)
{
    table t{{"function", "rank", "z (bits)", "z", "got", "exact", "error (ulp)"}, {}};
    for (std::size_t k = 0; k < function_count; ++k) {
        if (!selected(k))
            continue;
        auto const& e = r.stats[k].errors;
        for (std::size_t i = 0; i < e.worst.size() && e.worst[i].error >= 0; ++i) {
            auto const& w = e.worst[i];
            t.rows.push_back({function_name(k), count_text(i + 1), bits_text(w.z, is_float),
                              value_text(w.z, is_float), value_text(w.got, is_float), exact_text(w.exact, is_float),
                              ulp_text(w.error)});
        }
    }
    return t;
}

std::string special_cell(special_row const& row, bool is_float)
{
    auto shown = [&](double v) { return std::isnan(v) ? std::string("NaN") : value_text(v, is_float); };
    std::string text = shown(row.got_range);
    if (!row.ok)
        text = "FAIL: got " + text + " (scalar " + shown(row.got_scalar) + "), want " + shown(row.expected);
    return text;
}

table specials_table(std::vector<special_row> const& rows, bool is_float)
{
    table t{{"z"}, {}};
    for (std::size_t k = 0; k < function_count; ++k)
        t.header.push_back(function_name(k));
    std::size_t per_function = rows.size() / function_count;
    for (std::size_t i = 0; i < per_function; ++i) {
        std::vector<std::string> line{rows[i].input};
        for (std::size_t k = 0; k < function_count; ++k)
            line.push_back(special_cell(rows[k * per_function + i], is_float));
        t.rows.push_back(line);
    }
    return t;
}

void add_sweep_checks(std::vector<check>& checks, sweep_result const& r, bool is_float)
{
    std::string prefix = format_title(is_float) + " ";
    for (std::size_t k = 0; k < function_count; ++k) {
        if (!selected(k))
            continue;
        fn f = math_of(k);
        std::string name = prefix + function_name(k) + ": ";
        auto const& e = r.stats[k].errors;
        auto const& p = r.stats[k].properties;
        auto b = bound_for(k, is_float);
        checks.push_back({name + "error " + b.text + " ulp (" + count_text(e.over[threshold_index(b.ulps)]) +
                              " above, max " + ulp_text(e.worst[0].error) + ")",
                          e.over[threshold_index(b.ulps)] == 0});
        checks.push_back({name + "monotonic (" + count_text(p.monotonicity + p.monotonicity_negative) +
                              " violations)",
                          p.monotonicity + p.monotonicity_negative == 0});
        if (shape_of(f) == shape::even_peak || shape_of(f) == shape::odd_increasing)
            checks.push_back({name + (shape_of(f) == shape::even_peak ? "even" : "odd") + ", bit for bit (" +
                                  count_text(p.symmetry) + " failures)",
                              p.symmetry == 0});
        checks.push_back({name + "in range (" + count_text(p.range) + " outside)", p.range == 0});
        checks.push_back({name + "NaN -> NaN (" + count_text(p.nan_outputs) + " of " + count_text(p.nan_inputs) + ")",
                          p.nan_outputs == p.nan_inputs});
        checks.push_back({name + "fast reference within " + format("%.3g", reference_bound(is_float)) +
                              " ulp of MPFR (max " + format("%.3g", e.reference_check_max) + " over " +
                              count_text(e.reference_checks) + ")",
                          e.reference_check_max <= reference_bound(is_float)});
    }
}

void add_specials_check(std::vector<check>& checks, std::vector<special_row> const& rows, bool is_float)
{
    std::size_t failed = 0;
    for (auto const& row : rows)
        failed += !row.ok;
    checks.push_back({format_title(is_float) + " special values (" + count_text(rows.size() - failed) + " of " +
                          count_text(rows.size()) + " right)",
                      failed == 0});
}

void print_section(std::FILE* out, bool markdown, std::string const& title, table const& t)
{
    if (markdown) {
        std::fprintf(out, "\n### %s\n\n", title.c_str());
        t.print_markdown(out);
    } else {
        std::fprintf(out, "\n%s\n", title.c_str());
        t.print_text(out);
    }
}

void print_sweep(std::FILE* out, bool markdown, sweep_result const& r, bool is_float)
{
    auto heading = format_title(is_float) + ": " + count_text(r.inputs) + " inputs per function, " +
                   format("%.1f s wall, %.1f s CPU", r.seconds, r.cpu_seconds);
    if (markdown)
        std::fprintf(out, "\n## %s\n\nInputs: %s.\n", heading.c_str(), r.coverage.c_str());
    else
        std::fprintf(out, "\n== %s\n   inputs: %s\n", heading.c_str(), r.coverage.c_str());
    print_section(out, markdown, "Errors (ulps of the exact value)", error_table(r, is_float));
    print_section(out, markdown, "Properties", property_table(r, is_float));
    print_section(out, markdown, "Worst inputs", worst_table(r, is_float));
}

}  // namespace

std::vector<check> evaluate_checks(run_results const& results)
{
    std::vector<check> checks;
    if (results.floats)
        add_sweep_checks(checks, *results.floats, true);
    if (results.doubles)
        add_sweep_checks(checks, *results.doubles, false);
    add_specials_check(checks, results.float_specials, true);
    add_specials_check(checks, results.double_specials, false);
    return checks;
}

void print_report(std::FILE* out, run_description const& run, run_results const& results,
                  std::vector<check> const& checks, bool markdown)
{
    if (markdown) {
        std::fprintf(out, "# Accuracy of %s: %s build, %s mode\n\n", run.implementation.c_str(), run.isa.c_str(),
                     run.mode.c_str());
        std::fprintf(out, "- command: `%s`\n- build: %s, %s\n- threads: %u\n", run.command.c_str(),
                     run.flags.c_str(), run.compiler.c_str(), run.threads);
        std::fprintf(out,
                     "- error = |got - exact| / (spacing of the format's numbers at the exact value); exact from "
                     "a double (float) or long double (double) reference, and MPFR wherever that cannot decide "
                     "a count\n");
    } else {
        std::fprintf(out, "squash_ulp_sweep: %s, %s build (%s, %s), %s mode, %u threads\n",
                     run.implementation.c_str(), run.isa.c_str(), run.flags.c_str(), run.compiler.c_str(),
                     run.mode.c_str(), run.threads);
    }
    if (results.floats)
        print_sweep(out, markdown, *results.floats, true);
    if (results.doubles)
        print_sweep(out, markdown, *results.doubles, false);
    if (markdown)
        std::fprintf(out, "\n## Special values (range form; the scalar form must agree)\n");
    else
        std::fprintf(out, "\n== special values (range form; the scalar form must agree)\n");
    print_section(out, markdown, "float", specials_table(results.float_specials, true));
    print_section(out, markdown, "double", specials_table(results.double_specials, false));

    std::size_t failed = 0;
    for (auto const& c : checks)
        failed += !c.passed;
    std::fprintf(out, markdown ? "\n## Checks\n\n" : "\n== checks\n");
    for (auto const& c : checks)
        std::fprintf(out, markdown ? "- %s %s\n" : "  %-4s %s\n", c.passed ? "PASS" : "FAIL", c.what.c_str());
    std::fprintf(out, markdown ? "\n**%zu of %zu checks hold.**\n" : "\n%zu of %zu checks hold\n",
                 checks.size() - failed, checks.size());
}

}  // namespace sweep
