// One table, printed either as aligned plain text or as Markdown, so the
// terminal output and the --markdown file always say the same thing.
#ifndef SQUASH_SWEEP_TABLE_HPP
#define SQUASH_SWEEP_TABLE_HPP

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace sweep {

struct table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    void print_text(std::FILE* out) const
    {
        std::vector<std::size_t> width(header.size());
        for (std::size_t c = 0; c < header.size(); ++c) {
            width[c] = header[c].size();
            for (auto const& row : rows)
                width[c] = std::max(width[c], row[c].size());
        }
        auto line = [&](std::vector<std::string> const& cells) {
            for (std::size_t c = 0; c < cells.size(); ++c)
                std::fprintf(out, "%s%-*s", c ? "  " : "  ", int(width[c]), cells[c].c_str());
            std::fprintf(out, "\n");
        };
        line(header);
        for (auto const& row : rows)
            line(row);
    }

    void print_markdown(std::FILE* out) const
    {
        auto line = [&](std::vector<std::string> const& cells) {
            for (auto const& cell : cells)
                std::fprintf(out, "| %s ", cell.c_str());
            std::fprintf(out, "|\n");
        };
        line(header);
        for (std::size_t c = 0; c < header.size(); ++c)
            std::fprintf(out, "|---");
        std::fprintf(out, "|\n");
        for (auto const& row : rows)
            line(row);
    }
};

}  // namespace sweep

#endif
