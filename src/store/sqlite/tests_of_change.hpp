#pragma once
// Tests of change and driver diagrams in SQLite (schema version 2): the TestsOfChangeStore
// part of SqliteStore, over the store's connection.
#include "app/store.hpp"

struct sqlite3;

namespace waymark::store {

class SqliteTestsOfChange final : public app::TestsOfChangeStore {
public:
    explicit SqliteTestsOfChange(sqlite3* db) : db_(db) {}

    std::vector<core::TestOfChange> find_tests(const app::TestQuery& query) override;
    void add_test(const core::TestOfChange& test, std::string_view at) override;
    int add_cycle(const app::RecordRef& test, const core::PdsaCycle& cycle, std::string_view at) override;
    void update_cycle(const app::RecordRef& test, const core::PdsaCycle& cycle, std::string_view at) override;
    void decide(const app::RecordRef& test, const core::DecisionRecord& decision, bool replace,
                std::string_view at) override;
    app::TestWriteCounts put_tests(std::span<const core::TestOfChange> tests, std::span<const app::CycleToWrite> cycles,
                                   bool replace_decisions, std::string_view at) override;
    std::vector<core::DriverDiagram> find_diagrams(const std::optional<std::string>& local_authority) override;
    bool put_diagram(const core::DriverDiagram& diagram, std::string_view at) override;

private:
    sqlite3* db_;
};

}  // namespace waymark::store
