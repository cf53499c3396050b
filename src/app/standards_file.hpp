#pragma once
// Reads a standards file (TOML, see standards/default.toml) into standards and vocabulary
// extensions. The default file is built into the program.
#include "core/standards.hpp"
#include "core/vocabulary.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

struct StandardSet {
    core::Vocabulary vocabulary;
    std::vector<core::Standard> standards;  // in file order, disabled ones included
    std::string origin;                     // "built-in defaults" or the file's path
};

// A list of bank holidays (standards/bank-holidays-england-and-wales.toml) as the calendar
// that limits in working days count with. `origin` names the file in errors (file and line).
std::shared_ptr<const core::WorkingCalendar> parse_bank_holidays(std::string_view toml_text, const std::string& origin);

// The text of the bank-holiday list a standards file names (`bank_holidays = "FILE"`), given the
// name as written; throws core::Error when it cannot be read.
using BankHolidaysReader = std::function<std::string(const std::string& file_name)>;

// Parses standards from TOML text. `origin` names the file in errors, which say the line and
// the problem; throws core::Error(invalid_input). A file that names a bank-holiday list reads
// it with `read_bank_holidays` (none: such a file is refused).
StandardSet parse_standards(std::string_view toml_text, const std::string& origin,
                            const BankHolidaysReader& read_bank_holidays = {});
// Reads a standards file; a bank-holiday list it names is read from the same folder.
StandardSet load_standards_file(const std::string& path);
StandardSet default_standards();
std::string_view default_standards_text();

}  // namespace waymark::app
