#pragma once
// The progress bar of the imports (`waymark import`, `waymark import --ssda903`), on standard
// error: redrawn at most ten times a second on a terminal, else one line per report.
#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace waymark::cli {

class ProgressBar {
public:
    explicit ProgressBar(std::ostream& err, bool terminal) : err_(err), terminal_(terminal) {}
    void operator()(std::size_t done, std::size_t total) {
        const auto now = std::chrono::steady_clock::now();
        if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        const int pct = total == 0 ? 100 : static_cast<int>(done * 100 / total);
        if (terminal_) {
            constexpr int width = 40;
            const int filled = pct * width / 100;
            err_ << "\rImporting [" << std::string(static_cast<std::size_t>(filled), '#')
                 << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << pct << "%" << std::flush;
            drawn_ = true;
        } else {
            err_ << "progress " << pct << "%\n" << std::flush;
        }
    }
    void finish() {
        if (drawn_) err_ << "\r" << std::string(60, ' ') << "\r" << std::flush;
    }

private:
    std::ostream& err_;
    bool terminal_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace waymark::cli
