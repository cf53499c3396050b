#pragma once
// Import of the DATA.md files: validate every row, write all of it in one transaction or
// nothing at all, and report every problem (the first 20 in full) with file, line, column and
// field.
#include "app/store.hpp"
#include "core/error.hpp"

#include <concepts>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace waymark::app {

struct ImportProblem {
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;  // 1-based; 0 when not about one field
    std::string field;
    std::string message;
    [[nodiscard]] std::string to_string() const;  // events.csv:14:3: date: ...
};

class ImportError : public core::Error {
public:
    ImportError(std::vector<ImportProblem> problems, std::size_t total);
    [[nodiscard]] const std::vector<ImportProblem>& problems() const noexcept { return problems_; }
    [[nodiscard]] std::size_t total() const noexcept { return total_; }

private:
    std::vector<ImportProblem> problems_;
    std::size_t total_;
};

struct ImportOptions {
    std::optional<std::string> children_path;
    std::optional<std::string> events_path;
    core::Date today;  // occurred events after today are rejected
    bool ignore_unknown_columns = false;
    std::size_t max_problems = 20;
    // If set, only rows of this council may be imported: a row naming another is a problem
    // (so the whole import is refused, naming the line), and a row of events.csv without a
    // council is resolved among this council's children alone. Other councils' children are
    // not looked at, so no message can tell whether one exists.
    std::optional<std::string> only_council;
    // If set, only stored children it accepts may be named (the web upload: the children the
    // user may see, app/access.hpp). A row of events.csv naming another stored child gets the
    // message a child that does not exist gets, so that no message tells the user of a child
    // they may not see; a row of children.csv naming one is refused, as it would change the
    // child.
    std::function<bool(const StoredChild&)> may_see;
    // If set, the import writes one audit entry for each child it names (in children.csv, or
    // as the child of a row of events.csv): this entry with the child's council and id filled
    // in, in the import's own transaction, so the change and its audit are stored together.
    // A rejected import writes one entry instead (action import_rejected, no council or child,
    // the detail the rows read and the problems found), after rolling back.
    std::optional<AuditEntry> audit;
    // With `audit`, after an import that stored its rows: one more entry (action import, the
    // council only_council names, no child) whose detail is import_report of the result, saying
    // what the import came to (the web's upload).
    bool audit_summary = false;
    // Called now and then with bytes read so far and the total size of both files.
    std::function<void(std::size_t done, std::size_t total)> progress;
};

struct ImportResult {
    std::size_t children_rows = 0;
    std::size_t event_rows = 0;
    WriteCounts written;
};

// The ports an import of the DATA.md files uses: the stored children its rows resolve against,
// the one write transaction, and the audit log (a rejected import and the summary). Any store
// that offers all three (app::Database) converts to it.
struct ImportPorts {
    ChildDirectory& children;
    ImportStore& imports;
    AuditLog& audit;

    ImportPorts(ChildDirectory& c, ImportStore& i, AuditLog& a) : children(c), imports(i), audit(a) {}
    template <class S>
    requires std::derived_from<S, ChildDirectory> && std::derived_from<S, ImportStore> && std::derived_from<S, AuditLog>
    ImportPorts(S& store) : ImportPorts(store, store, store) {}  // NOLINT(google-explicit-constructor)
};

// Throws ImportError when any row is bad (nothing is written), core::Error otherwise.
ImportResult import_files(ImportPorts ports, const core::Vocabulary& vocabulary, const ImportOptions& options);

// What an import came to, as `waymark import` and the web's import page say it: "Imported 5
// children rows (5 added, 0 updated) and 6 event rows (6 added, 0 replaced, 0 already stored)".
std::string import_report(const ImportResult& result);

// The columns of an import file (DATA.md), in the order the importer knows them: the column
// guide and the templates are made from these, the importer reads by them.
enum class ImportFile : std::uint8_t { children, events };
struct ImportColumn {
    std::string name;
    bool required = false;
    std::string meaning;  // what goes in it and in what format, in words (DATA.md)
};
const std::vector<ImportColumn>& import_columns(ImportFile file);

}  // namespace waymark::app
