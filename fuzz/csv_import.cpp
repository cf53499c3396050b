// Fuzz target: raw bytes -> the CSV reader (src/app/csv.cpp), the whole import of children.csv
// and events.csv (app::import_files: every check, then the write in one transaction) into an
// in-memory database holding the fixture (fixture.hpp), and the SPC chart input
// (app::read_spc_input).
//
// An input is events.csv, or children.csv and events.csv split at a line "@@events.csv" (either
// may be empty: not given). The import runs as the command line's (any council) for an input of
// even length and as the web's (the user's council only, audited) for an odd one.
//
// Findings besides crashes, leaks and undefined behaviour: the reader reading the same bytes
// differently from a file and from memory, its line numbers going back, a refused import that
// names no problem or no file, and an error other than a refusal of the input (a storage or
// internal error means a bad row reached the database).
#include "app/csv.hpp"
#include "app/import.hpp"
#include "app/spc_input.hpp"
#include "fuzz/fixture.hpp"
#include "fuzz/support.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace waymark;

constexpr std::string_view kSplit = "@@events.csv\n";

struct Target {
    fuzz::MemoryDatabase db{"waymark-fuzz-csv"};
    app::StandardSet standards = app::default_standards();
    std::unique_ptr<store::SqliteStore> store;
    std::filesystem::path dir = fuzz::make_temp_dir();

    Target() {
        store = std::make_unique<store::SqliteStore>(db.uri(), standards.vocabulary);
        fuzz::write_fixture(*store, standards);
        db.snapshot();
    }
    ~Target() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    Target(const Target&) = delete;
    Target& operator=(const Target&) = delete;
};

// Made once, at the first input.
Target& target() {
    static Target t;
    return t;
}

struct Record {
    std::vector<std::string> fields;
    std::size_t line = 0;
    std::optional<std::string> problem;
    bool operator==(const Record&) const = default;
};

std::vector<Record> read_all(app::CsvReader& reader) {
    std::vector<Record> records;
    std::vector<std::string_view> fields;
    std::optional<app::CsvProblem> problem;
    std::size_t last_line = 0;
    while (reader.next(fields, problem)) {
        Record r;
        r.fields.assign(fields.begin(), fields.end());
        r.line = reader.line();
        if (problem)
            r.problem = std::to_string(problem->line) + ":" + std::to_string(problem->column) + ": " + problem->message;
        if (r.line < last_line || r.line == 0) fuzz::fail("the CSV reader's line numbers went back");
        if (reader.bytes_read() > reader.size()) fuzz::fail("the CSV reader read more bytes than there are");
        last_line = r.line;
        records.push_back(std::move(r));
    }
    return records;
}

void check_reader(const std::filesystem::path& file, std::string_view bytes) {
    auto from_memory = app::CsvReader::from_string(std::string(bytes));
    app::CsvReader from_file(file.string());
    if (read_all(from_memory) != read_all(from_file)) {
        fuzz::fail("the CSV reader read a file differently from the same bytes in memory");
    }
}

void check_import(Target& t, const std::optional<std::filesystem::path>& children,
                  const std::optional<std::filesystem::path>& events, bool as_web) {
    app::ImportOptions o;
    if (children) o.children_path = children->string();
    if (events) o.events_path = events->string();
    o.today = core::Date::parse(fuzz::kToday);
    if (as_web) {
        o.only_council = fuzz::kOwn;
        o.audit = app::AuditEntry{"2027-01-15T08:00:00Z", "social_worker@S12000049", "import", "", "", "", "web fuzz"};
    }
    try {
        app::import_files(*t.store, t.standards.vocabulary, o);
    } catch (const app::ImportError& e) {
        if (e.problems().empty() || e.total() < e.problems().size()) fuzz::fail("a refused import names no problem");
        for (const auto& p : e.problems()) {
            if (p.file.empty() || p.message.empty()) fuzz::fail("an import problem without its file or message");
        }
    } catch (const core::Error& e) {
        if (e.kind() == core::ErrorKind::storage || e.kind() == core::ErrorKind::internal) {
            fuzz::fail(std::string("the import failed with an error, not a refusal: ") + e.what());
        }
    }
}

void check_spc(const std::filesystem::path& file, bool with_columns) {
    app::SpcColumns columns;
    if (with_columns) {
        columns.part_column = "part";
        columns.facet_column = "facet";
    }
    try {
        (void)app::read_spc_input(file.string(), columns);
    } catch (const app::SpcInputError& e) {
        if (e.problems().empty() || e.total() < e.problems().size()) fuzz::fail("refused SPC input names no problem");
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::invalid_input) {
            fuzz::fail(std::string("the SPC input failed with an error, not a refusal: ") + e.what());
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Target& t = target();
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string_view children_csv;
    std::string_view events_csv = input;
    std::size_t split = input.starts_with(kSplit) ? 0 : input.find("\n" + std::string(kSplit));
    if (split != std::string_view::npos) {
        if (split > 0) ++split;  // the line break ends children.csv
        children_csv = input.substr(0, split);
        events_csv = input.substr(split + kSplit.size());
    }
    std::optional<std::filesystem::path> children;
    std::optional<std::filesystem::path> events;
    if (!children_csv.empty()) fuzz::write_file(*(children = t.dir / "children.csv"), children_csv);
    if (!events_csv.empty()) fuzz::write_file(*(events = t.dir / "events.csv"), events_csv);
    const auto whole = t.dir / "input.csv";
    fuzz::write_file(whole, input);

    check_reader(whole, input);
    if (children || events) {
        t.db.restore();
        check_import(t, children, events, size % 2 == 1);
    }
    check_spc(whole, size % 2 == 1);
    return 0;
}
