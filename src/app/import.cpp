#include "app/import.hpp"

#include "app/csv_table.hpp"
#include "app/event_checks.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace waymark::app {

using core::Date;
using core::ErrorKind;

std::string ImportProblem::to_string() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
    out += ": ";
    if (!field.empty()) out += field + ": ";
    return out + message;
}

std::string import_report(const ImportResult& r) {
    const auto& w = r.written;
    return "Imported " + std::to_string(r.children_rows) + " children rows (" + std::to_string(w.children_added) +
           " added, " + std::to_string(w.children_updated) + " updated) and " + std::to_string(r.event_rows) +
           " event rows (" + std::to_string(w.events_added) + " added, " + std::to_string(w.events_replaced) +
           " replaced, " + std::to_string(w.events_unchanged) + " already stored)";
}

namespace {

std::string summary(const std::vector<ImportProblem>& problems, std::size_t total) {
    std::string out =
        "import rejected, nothing was stored: " + std::to_string(total) + (total == 1 ? " problem" : " problems");
    for (const auto& p : problems) out += "\n  " + p.to_string();
    if (total > problems.size()) out += "\n  ... and " + std::to_string(total - problems.size()) + " more";
    return out;
}

}  // namespace

ImportError::ImportError(std::vector<ImportProblem> problems, std::size_t total)
    : core::Error(ErrorKind::invalid_input, summary(problems, total)), problems_(std::move(problems)), total_(total) {}

namespace {

const std::vector<ImportColumn> kChildTable{
    {"child_id", true,
     "The council's case reference: 1 to 64 letters, digits and - _ . /, one child's in the council."},
    {"local_authority", true, "The council's code or name, for example S12000049."},
    {"family_name", false, "Last name. Shown only to people who may see the child."},
    {"given_name", false, "First name. Shown only to people who may see the child."},
    {"date_of_birth", false,
     "Date of birth, as YYYY-MM-DD or DD/MM/YYYY. Give it or, for a child not yet born, expected_birth_date."},
    {"expected_birth_date", false,
     "For a child not yet born: the expected date of birth, as YYYY-MM-DD or DD/MM/YYYY."},
    {"sex", false, "The child's sex."},
    {"sibling_group", false,
     "The council's name for a group of brothers and sisters: children who share it are siblings."},
};
const std::vector<ImportColumn> kEventTable{
    {"child_id", true, "The child's case reference: a child in children.csv or already stored."},
    {"local_authority", false,
     "The council's code or name. Needed only where two councils use the same case reference."},
    {"date", true, "The day it happened, or is planned for, as YYYY-MM-DD or DD/MM/YYYY."},
    {"event", true, "The kind of event: one of the event types below."},
    {"status", false, "Whether it happened, is planned or was cancelled; occurred when left empty."},
    {"details", false, "The event type's details, as key=value;key=value, from the event types below."},
    {"agency", false, "The agency that recorded it."},
    {"note", false, "Plain words for the chronology."},
    {"event_id", false,
     "Your case system's identifier for the event. A row whose event_id is already stored for the child replaces "
     "that event (a planned review that has now happened)."},
};

std::vector<std::string> names_of(const std::vector<ImportColumn>& table, bool required_only) {
    std::vector<std::string> out;
    for (const auto& c : table) {
        if (c.required || !required_only) out.push_back(c.name);
    }
    return out;
}

const std::vector<std::string> kChildColumns = names_of(kChildTable, false);
const std::vector<std::string> kChildRequired = names_of(kChildTable, true);
const std::vector<std::string> kEventColumns = names_of(kEventTable, false);
const std::vector<std::string> kEventRequired = names_of(kEventTable, true);

// A set of keys with the line each was first seen on, for millions of event_ids: open
// addressing over one flat array and one string arena, so that no key costs an allocation of
// its own (a node-based map spent more time in malloc than SQLite spent writing).
class IdLines {
public:
    // Returns 0 if the key is new (and keeps it), else the line it was first seen on.
    std::size_t insert(std::string_view key, std::size_t line) {
        if ((used_ + 1) * 2 > slots_.size()) grow();
        const std::uint64_t h = hash(key);
        for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            Slot& s = slots_[i];
            if (s.line == 0) {
                s = {h, arena_.size(), key.size(), line};
                arena_.append(key);
                ++used_;
                return 0;
            }
            if (s.hash == h && std::string_view(arena_).substr(s.offset, s.length) == key) return s.line;
        }
    }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::size_t offset = 0;
        std::size_t length = 0;
        std::size_t line = 0;  // 0: empty (lines start at 1)
    };
    static std::uint64_t hash(std::string_view s) {
        std::uint64_t h = 1469598103934665603ULL;
        for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
        return h ^ (h >> 29);
    }
    void grow() {
        std::vector<Slot> old(std::max<std::size_t>(slots_.size() * 2, 1024));
        old.swap(slots_);
        for (const auto& s : old) {
            if (s.line == 0) continue;
            std::size_t i = s.hash & (slots_.size() - 1);
            while (slots_[i].line != 0) i = (i + 1) & (slots_.size() - 1);
            slots_[i] = s;
        }
    }
    std::vector<Slot> slots_;
    std::string arena_;
    std::size_t used_ = 0;
};

// Writes events on a second thread while the first goes on reading and checking the file:
// parsing and SQLite each take about half the time of an import, and the machine has two
// cores. The writer is used by one thread at a time: the reading thread hands it over here
// and takes it back in finish().
class WritePipeline {
public:
    explicit WritePipeline(ImportWriter& writer) : writer_(writer), thread_([this] { run(); }) {}
    ~WritePipeline() {
        if (thread_.joinable()) {
            stop(true);
            thread_.join();
        }
    }
    WritePipeline(const WritePipeline&) = delete;
    WritePipeline& operator=(const WritePipeline&) = delete;

    // The next event to fill in. Batches come back from the writer to be filled again, so
    // their strings keep their buffers: no allocation per event, and no memory freed on
    // another thread than the one that took it.
    EventToWrite& slot() {
        if (batch_.size() <= used_) batch_.emplace_back();
        return batch_[used_];
    }
    void commit_slot() {
        if (++used_ >= kBatch) flush();
    }
    // Waits for every event to be written; rethrows the writer's failure, if any.
    void finish() {
        flush();
        stop(false);
        thread_.join();
        if (failure_) std::rethrow_exception(failure_);
    }
    [[nodiscard]] bool failed() const { return failed_.load(std::memory_order_relaxed); }

private:
    using Item = EventToWrite;
    static constexpr std::size_t kBatch = 4096;
    static constexpr std::size_t kInFlight = 8;

    void flush() {
        if (used_ == 0) return;
        batch_.resize(used_);
        std::unique_lock lock(mutex_);
        room_.wait(lock, [&] { return queue_.size() < kInFlight || done_; });
        queue_.push_back(std::move(batch_));
        if (spare_.empty()) {
            batch_ = {};
            batch_.reserve(kBatch);
        } else {
            batch_ = std::move(spare_.back());
            spare_.pop_back();
        }
        used_ = 0;
        ready_.notify_one();
    }
    void stop(bool abandon) {
        std::lock_guard lock(mutex_);
        done_ = true;
        if (abandon) queue_.clear();
        ready_.notify_one();
        room_.notify_all();
    }
    void run() {
        for (;;) {
            std::vector<Item> work;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [&] { return !queue_.empty() || done_; });
                if (queue_.empty()) return;
                work = std::move(queue_.front());
                queue_.pop_front();
                room_.notify_one();
            }
            if (!failure_) {
                try {
                    writer_.put_events(work);
                } catch (...) {
                    failure_ = std::current_exception();
                    failed_ = true;
                }
            }
            std::lock_guard lock(mutex_);
            spare_.push_back(std::move(work));
        }
    }

    ImportWriter& writer_;
    std::vector<Item> batch_;
    std::size_t used_ = 0;
    std::vector<std::vector<Item>> spare_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::condition_variable room_;
    std::deque<std::vector<Item>> queue_;
    bool done_ = false;
    std::exception_ptr failure_;
    std::atomic<bool> failed_{false};
    std::thread thread_;
};

std::string not_your_council(std::string_view council, const std::string& own) {
    return "'" + std::string(council) + "' is not your council: only rows of " + own + " may be imported here";
}

struct KnownChild {
    ChildKey key;
    std::optional<Date> date_of_birth;
};

struct PairHash {
    std::size_t operator()(const std::pair<std::string, std::string>& p) const noexcept {
        return std::hash<std::string>()(p.first) * 31 + std::hash<std::string>()(p.second);
    }
};

}  // namespace

namespace {

// The import; `result` has the rows read so far when it throws.
void import_or_throw(ImportPorts ports, const core::Vocabulary& vocabulary, const ImportOptions& options,
                     ImportResult& result) {
    Problems problems{options.max_problems, {}, 0};
    const Date earliest(1900, 1, 1);

    // Children by (council, id), and councils by id (to resolve events without a council).
    std::unordered_map<std::pair<std::string, std::string>, KnownChild, PairHash> children;
    std::unordered_map<std::string, std::vector<std::string>> councils_of;
    // Stored children the user may not see: to the checks below they do not exist.
    std::unordered_set<std::pair<std::string, std::string>, PairHash> hidden;
    for (auto& c : ports.children.child_index()) {
        if (options.only_council && c.local_authority != *options.only_council) continue;
        if (options.may_see && !options.may_see(c)) {
            hidden.emplace(std::move(c.local_authority), std::move(c.child_id));
            continue;
        }
        councils_of[c.child_id].push_back(c.local_authority);
        children.emplace(std::make_pair(std::move(c.local_authority), std::move(c.child_id)),
                         KnownChild{c.key, c.date_of_birth});
    }

    // The children the import names, for the audit log (in order, once each).
    std::set<std::pair<std::string, std::string>> audited;

    auto writer = ports.imports.begin_import();
    if (options.audit) {
        writer->set_author({"correct_event", options.audit->at, options.audit->actor, options.audit->origin,
                            std::string(kReplacedByImport)});
    }
    std::size_t total_bytes = 0;
    std::size_t done_bytes = 0;
    std::optional<Table> child_table;
    std::optional<Table> event_table;
    if (options.children_path) {
        child_table.emplace(*options.children_path, kChildColumns, kChildRequired, options.ignore_unknown_columns,
                            problems);
        total_bytes += child_table->size();
    }
    if (options.events_path) {
        event_table.emplace(*options.events_path, kEventColumns, kEventRequired, options.ignore_unknown_columns,
                            problems);
        total_bytes += event_table->size();
    }
    auto report = [&](std::size_t bytes) {
        if (options.progress) options.progress(done_bytes + bytes, total_bytes);
    };

    // Writing stops at the first problem (the transaction will be rolled back), but checking
    // goes on so that the user sees every problem at once.
    if (child_table && child_table->ok()) {
        Table& t = *child_table;
        std::unordered_map<std::pair<std::string, std::string>, std::size_t, PairHash> lines;
        core::ChildRecord c;
        while (t.next()) {
            ++result.children_rows;
            const std::size_t before = problems.total;
            c.child_id = t.get(0);
            c.local_authority = t.get(1);
            c.family_name = t.get(2);
            c.given_name = t.get(3);
            c.date_of_birth.reset();
            c.expected_birth_date.reset();
            c.sex = t.get(6);
            c.sibling_group = t.get(7);
            if (!core::is_reference(c.child_id)) {
                t.problem(
                    0, kChildColumns,
                    c.child_id.empty()
                        ? "required"
                        : "'" + c.child_id + "' is not a case reference (1-64 characters of A-Z a-z 0-9 - _ . /)");
            }
            for (std::size_t k : {std::size_t{2}, std::size_t{3}}) {
                if (auto why = core::control_character_problem(t.get(k), core::TextKind::free_text)) {
                    t.problem(k, kChildColumns, std::move(*why));
                }
            }
            if (c.local_authority.empty()) {
                t.problem(1, kChildColumns, "required (a council code or name)");
            } else if (auto why = core::control_character_problem(c.local_authority, core::TextKind::identifier)) {
                t.problem(1, kChildColumns, std::move(*why));
            } else if (options.only_council && c.local_authority != *options.only_council) {
                t.problem(1, kChildColumns, not_your_council(c.local_authority, *options.only_council));
            }
            for (std::size_t k : {std::size_t{4}, std::size_t{5}}) {
                const auto text = t.get(k);
                if (text.empty()) continue;
                auto d = Date::try_parse(text, true);
                if (!d) {
                    t.problem(k, kChildColumns,
                              "'" + std::string(text) + "' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)");
                } else if (*d < earliest) {
                    t.problem(k, kChildColumns, d->iso() + " is before 1900");
                } else if (k == 4 && *d > options.today) {
                    t.problem(k, kChildColumns,
                              d->iso() + " is after today; a child not yet born has an expected_birth_date");
                } else {
                    (k == 4 ? c.date_of_birth : c.expected_birth_date) = d;
                }
            }
            if (t.get(4).empty() && t.get(5).empty()) {
                t.problem(4, kChildColumns, "give date_of_birth or, for a child not yet born, expected_birth_date");
            }
            if (!c.sex.empty() && std::find(core::Vocabulary::sexes().begin(), core::Vocabulary::sexes().end(),
                                            c.sex) == core::Vocabulary::sexes().end()) {
                t.problem(6, kChildColumns,
                          "'" + c.sex + "' is not allowed (expected " + join(core::Vocabulary::sexes()) + ")");
            }
            if (!c.sibling_group.empty() && !core::is_reference(c.sibling_group)) {
                t.problem(7, kChildColumns,
                          "'" + c.sibling_group + "' is not a sibling group (1-64 characters of A-Z a-z 0-9 - _ . /)");
            }
            auto key = std::make_pair(c.local_authority, c.child_id);
            if (hidden.contains(key)) {
                t.problem(0, kChildColumns,
                          "child " + c.child_id + " of " + c.local_authority +
                              " may be changed only by someone who may see the child");
            }
            if (auto [it, fresh] = lines.emplace(key, t.line()); !fresh) {
                t.problem(0, kChildColumns,
                          "child " + c.child_id + " of " + c.local_authority + " is already on line " +
                              std::to_string(it->second));
            }
            if (problems.total == 0) {
                if (options.audit) audited.emplace(c.local_authority, c.child_id);
                const ChildKey k = writer->put_child(c);
                auto [it, fresh] = children.try_emplace(key, KnownChild{k, c.date_of_birth});
                if (fresh) {
                    councils_of[c.child_id].push_back(c.local_authority);
                } else {
                    it->second.date_of_birth = c.date_of_birth;
                }
            } else if (problems.total == before) {
                // Still record the child so that its events are checked against it.
                auto [it, fresh] = children.try_emplace(key, KnownChild{-1, c.date_of_birth});
                if (fresh) councils_of[c.child_id].push_back(c.local_authority);
            }
            if ((result.children_rows & 0x3FFF) == 0) report(t.bytes_read());
        }
        done_bytes += t.size();
        report(0);
    }

    if (event_table && event_table->ok()) {
        Table& t = *event_table;
        // (council, event_id) -> line, to find an event_id used twice in the file.
        IdLines id_lines;
        std::string probe;
        // Events come grouped by child: remember the last child looked up.
        std::string last_council;
        std::string last_child_id;
        const KnownChild* last_child = nullptr;
        const KnownChild* last_audited = nullptr;
        WritePipeline pipeline(*writer);
        std::int64_t seq = 0;
        // events.csv's columns are child_id and local_authority, then the event's fields in order.
        const EventProblem problem = [&t](EventField field, std::string message) {
            t.problem(static_cast<std::size_t>(field) + 2, kEventColumns, std::move(message));
        };
        while (t.next()) {
            ++result.event_rows;
            const auto child_id = t.get(0);
            const auto council = t.get(1);
            const KnownChild* child = nullptr;
            std::string resolved_council(council);
            if (!council.empty() && options.only_council && council != *options.only_council) {
                t.problem(1, kEventColumns, not_your_council(council, *options.only_council));
            } else if (child_id.empty()) {
                t.problem(0, kEventColumns, "required");
            } else if (last_child != nullptr && child_id == last_child_id &&
                       (council.empty() || council == last_council)) {
                child = last_child;
                resolved_council = last_council;
            } else if (!council.empty()) {
                auto it = children.find(std::make_pair(std::string(council), std::string(child_id)));
                if (it == children.end()) {
                    t.problem(0, kEventColumns,
                              "no child " + std::string(child_id) + " of " + std::string(council) +
                                  " in children.csv or already stored");
                } else {
                    child = &it->second;
                }
            } else {
                auto it = councils_of.find(std::string(child_id));
                if (it == councils_of.end()) {
                    t.problem(0, kEventColumns,
                              "no child " + std::string(child_id) + " in children.csv or already stored");
                } else if (it->second.size() > 1) {
                    t.problem(1, kEventColumns,
                              "child " + std::string(child_id) + " exists in more than one council (" +
                                  join(it->second) + "): give local_authority");
                } else {
                    resolved_council = it->second.front();
                    child = &children.at(std::make_pair(resolved_council, std::string(child_id)));
                }
            }
            if (child != nullptr && child != last_child) {
                last_child = child;
                last_child_id = child_id;
                last_council = resolved_council;
            }

            const auto details = t.get(5);
            const auto agency = t.get(6);
            std::optional<Date> date_of_birth;
            if (child != nullptr) date_of_birth = child->date_of_birth;
            const auto event_id = t.get(8);
            const auto [type, status, date] =
                check_event_fields(vocabulary, {t.get(2), t.get(3), t.get(4), details, agency, t.get(7), event_id},
                                   {options.today, date_of_birth}, problem);
            if (!event_id.empty()) {
                probe.assign(resolved_council).append(1, '\x1f').append(event_id);
                if (const auto first = id_lines.insert(probe, t.line()); first != 0) {
                    t.problem(8, kEventColumns,
                              "event_id " + std::string(event_id) + " is already on line " + std::to_string(first));
                }
            }

            if (problems.total == 0) {
                if (options.audit && child != last_audited) {
                    audited.emplace(resolved_council, child_id);
                    last_audited = child;
                }
                EventToWrite& slot = pipeline.slot();
                slot.child = child->key;
                slot.local_authority = resolved_council;
                core::Event& e = slot.event;
                e.date = *date;
                e.type = *type;
                e.status = *status;
                if (details.find_first_of(" /;") == std::string_view::npos) {
                    e.details = details;  // one attribute, nothing to tidy
                } else {
                    e.details = vocabulary.canonical_details(*type, details);
                }
                e.agency = agency;
                e.note = t.get(7);
                e.event_id = event_id;
                e.seq = seq++;
                slot.fingerprint = event_fingerprint(e, vocabulary.name(e.type));
                slot.line = t.line();
                pipeline.commit_slot();
            }
            if ((result.event_rows & 0x3FFF) == 0) {
                report(t.bytes_read());
                if (pipeline.failed()) break;  // the store failed: no point reading on
            }
        }
        pipeline.finish();
        // The store checks, in its write transaction, that no event_id moves an event.
        for (const auto& r : writer->refused_events()) {
            t.problem_at(r.line, 8, kEventColumns,
                         r.event_id +
                             " is stored for another child: an event_id names one event of one child (give this row "
                             "its own event_id)");
        }
        done_bytes += t.size();
        report(0);
    }

    if (problems.total > 0) throw ImportError(std::move(problems.list), problems.total);
    if (options.audit && !audited.empty()) {
        std::vector<AuditEntry> entries;
        entries.reserve(audited.size());
        for (const auto& [council, child_id] : audited) {
            AuditEntry& e = entries.emplace_back(*options.audit);
            e.local_authority = council;
            e.child_id = child_id;
        }
        writer->put_audit(entries);
    }
    result.written = writer->commit();
}

}  // namespace

ImportResult import_files(ImportPorts ports, const core::Vocabulary& vocabulary, const ImportOptions& options) {
    if (!options.children_path && !options.events_path) {
        throw core::Error(ErrorKind::usage, "nothing to import: give --children FILE, --events FILE or both");
    }
    ImportResult result;
    try {
        import_or_throw(ports, vocabulary, options, result);
    } catch (const ImportError& e) {
        // Rolled back by now; the attempt itself is on record, with no child in it.
        if (options.audit) {
            AuditEntry entry = *options.audit;
            entry.action = "import_rejected";
            entry.local_authority = options.only_council.value_or("");
            entry.child_id.clear();
            const auto count = [](std::size_t n, const std::string& what) {
                return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
            };
            entry.detail = "children.csv " + count(result.children_rows, "row") + ", events.csv " +
                           count(result.event_rows, "row") + ": " + count(e.total(), "problem");
            ports.audit.record_audit({&entry, 1});
        }
        throw;
    }
    if (options.audit && options.audit_summary) {
        // Each child's entry went in with the import; this one says what it came to.
        AuditEntry entry = *options.audit;
        entry.action = "import";
        entry.local_authority = options.only_council.value_or("");
        entry.child_id.clear();
        entry.detail = import_report(result);
        ports.audit.record_audit(entry);
    }
    return result;
}

const std::vector<ImportColumn>& import_columns(ImportFile file) {
    return file == ImportFile::children ? kChildTable : kEventTable;
}

}  // namespace waymark::app
