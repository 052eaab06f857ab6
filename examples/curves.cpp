// The blog's figure, redone with squash: σ and σ₂ on the left, σ' on the
// right, over z ∈ [−6, 6], with the six anchor points of its tables marked.
// Writes an SVG (argv[1], default ./sigmoid_curves.svg) by hand: no plotting
// library, just lines, circles and text.
#include <squash/squash.hpp>

#include <array>
#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

// printf into a std::string; every number in the file goes through here, so
// the output is the same wherever it is generated.
std::string format(char const* pattern, ...)
{
    char buffer[512];
    va_list args;
    va_start(args, pattern);
    std::vsnprintf(buffer, sizeof buffer, pattern, args);
    va_end(args);
    return buffer;
}

struct stroke {
    char const* color;
    double width;
    char const* dash;  // SVG stroke-dasharray, "" for solid
};

std::string stroke_attributes(stroke const& s)
{
    std::string out = format("fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\"", s.color, s.width);
    if (*s.dash)
        out += format(" stroke-dasharray=\"%s\"", s.dash);
    return out;
}

// Tick labels with a typographic minus, as plotting libraries print them.
std::string tick_label(char const* pattern, double value)
{
    std::string label = format(pattern, value);
    if (label.front() == '-')
        label.replace(0, 1, "−");
    return label;
}

// One set of axes: maps data coordinates to pixels inside its box.
struct panel {
    double left, top, width, height;  // pixels
    double z_min, z_max, y_min, y_max;

    double px(double z) const { return left + (z - z_min) / (z_max - z_min) * width; }
    double py(double y) const { return top + (y_max - y) / (y_max - y_min) * height; }
};

class svg_document {
public:
    svg_document(double width, double height)
    {
        body_ += format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                        "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n",
                        width, height, width, height);
        body_ += format("<rect width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>\n", width, height);
    }

    void line(double x1, double y1, double x2, double y2, stroke const& s)
    {
        body_ += format("<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" ", x1, y1, x2, y2) +
                 stroke_attributes(s) + "/>\n";
    }

    void curve(panel const& p, std::vector<double> const& z, std::vector<double> const& y, stroke const& s)
    {
        body_ += "<polyline points=\"";
        for (std::size_t i = 0; i < z.size(); ++i)
            body_ += format(i ? " %.2f,%.2f" : "%.2f,%.2f", p.px(z[i]), p.py(y[i]));
        body_ += "\" stroke-linejoin=\"round\" " + stroke_attributes(s) + "/>\n";
    }

    void marker(double x, double y, char const* color)
    {
        body_ += format("<circle cx=\"%.2f\" cy=\"%.2f\" r=\"4\" fill=\"%s\" stroke=\"white\" stroke-width=\"1.5\"/>\n",
                        x, y, color);
    }

    // anchor: start, middle or end
    void text(double x, double y, std::string const& content, char const* anchor, double size = 12)
    {
        body_ += format("<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.0f\" text-anchor=\"%s\" fill=\"#1e293b\">", x, y,
                        size, anchor) +
                 content + "</text>\n";
    }

    void frame(panel const& p)
    {
        body_ += format("<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" stroke=\"#334155\" "
                        "stroke-width=\"1\"/>\n",
                        p.left, p.top, p.width, p.height);
    }

    std::string finish() const { return body_ + "</svg>\n"; }

private:
    std::string body_;
};

stroke const tick_stroke{"#334155", 1, ""};
stroke const guide_stroke{"#94a3b8", 1, "1.5 3"};
char const* const blue = "#3b82f6";
char const* const red = "#dc2626";
char const* const amber = "#f59e0b";

void draw_axes(svg_document& svg, panel const& p, std::vector<double> const& y_ticks, char const* y_format,
               std::string const& title)
{
    svg.frame(p);
    for (double z = p.z_min; z <= p.z_max; z += 2) {
        double x = p.px(z);
        svg.line(x, p.top + p.height, x, p.top + p.height + 5, tick_stroke);
        svg.text(x, p.top + p.height + 19, tick_label("%g", z), "middle");
    }
    for (double y : y_ticks) {
        svg.line(p.left - 5, p.py(y), p.left, p.py(y), tick_stroke);
        svg.text(p.left - 8, p.py(y) + 4, tick_label(y_format, y), "end");
    }
    svg.text(p.left + p.width / 2, p.top + p.height + 38, "z", "middle", 13);
    svg.text(p.left + p.width / 2, p.top - 12, title, "middle", 15);
}

// Legend in a panel's top-left corner: one row per (stroke, label).
void draw_legend(svg_document& svg, panel const& p, std::vector<std::pair<stroke, std::string>> const& rows)
{
    double const x = p.left + 14, row_height = 20;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        double y = p.top + 20 + row_height * static_cast<double>(i);
        svg.line(x, y, x + 30, y, rows[i].first);
        svg.text(x + 38, y + 4, rows[i].second, "start");
    }
}

}  // namespace

int main(int argc, char** argv)
{
    std::string const path = argc > 1 ? argv[1] : "sigmoid_curves.svg";

    // 300 samples over [−6, 6], as in the blog's np.linspace(-6, 6, 300).
    constexpr std::size_t samples = 300;
    std::vector<double> z(samples), sigma(samples), bipolar(samples), grad(samples);
    for (std::size_t i = 0; i < samples; ++i)
        z[i] = -6.0 + 12.0 * static_cast<double>(i) / static_cast<double>(samples - 1);
    squash::sigmoid(z, sigma);
    squash::bipolar_sigmoid(z, bipolar);
    squash::sigmoid_grad(z, grad);

    std::vector<double> const anchors{-5.0, -2.0, 0.0, 0.5, 2.0, 5.0};
    std::vector<double> anchor_sigma(anchors.size()), anchor_bipolar(anchors.size()), anchor_grad(anchors.size());
    squash::sigmoid(anchors, anchor_sigma);
    squash::bipolar_sigmoid(anchors, anchor_bipolar);
    squash::sigmoid_grad(anchors, anchor_grad);

    svg_document svg(1000, 420);
    panel const left{70, 50, 390, 300, -6, 6, -1.1, 1.1};
    panel const right{590, 50, 390, 300, -6, 6, 0.0, 0.32};

    draw_axes(svg, left, {-1.0, -0.5, 0.0, 0.5, 1.0}, "%.1f", "Sigmoid vs Bipolar Sigmoid");
    for (double level : {0.5, 0.0})
        svg.line(left.px(left.z_min), left.py(level), left.px(left.z_max), left.py(level), guide_stroke);
    stroke const sigma_stroke{blue, 2.5, ""}, bipolar_stroke{red, 2, "8 5"};
    svg.curve(left, z, sigma, sigma_stroke);
    svg.curve(left, z, bipolar, bipolar_stroke);
    for (std::size_t i = 0; i < anchors.size(); ++i) {
        svg.marker(left.px(anchors[i]), left.py(anchor_sigma[i]), blue);
        svg.marker(left.px(anchors[i]), left.py(anchor_bipolar[i]), red);
    }
    draw_legend(svg, left, {{sigma_stroke, "σ(z)"}, {bipolar_stroke, "σ₂(z) = 2σ−1 = tanh(z/2)"}});

    draw_axes(svg, right, {0.0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30}, "%.2f", "Sigmoid Derivative σ'(z)");
    // σ' peaks at z = 0, where σ = 1/2: σ(1 − σ) = 1/4.
    stroke const grad_stroke{blue, 2.5, ""}, max_stroke{amber, 1.5, "6 4"};
    svg.line(right.px(right.z_min), right.py(0.25), right.px(right.z_max), right.py(0.25), max_stroke);
    svg.curve(right, z, grad, grad_stroke);
    for (std::size_t i = 0; i < anchors.size(); ++i)
        svg.marker(right.px(anchors[i]), right.py(anchor_grad[i]), blue);
    draw_legend(svg, right, {{grad_stroke, "σ'(z) = σ(1−σ)"}, {max_stroke, "max = 0.25"}});

    svg.text(500, 410, "dots: z = −5, −2, 0, 0.5, 2, 5 (the blog's tables)", "middle", 11);

    std::ofstream out(path, std::ios::binary);
    out << svg.finish();
    out.close();
    if (!out) {
        std::fprintf(stderr, "could not write %s\n", path.c_str());
        return 1;
    }
    std::printf("wrote %s\n", path.c_str());
    return 0;
}
