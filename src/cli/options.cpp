// The only translation unit with CLI11 (options.hpp says why).
#include "cli/options.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <utility>

namespace waymark::cli {

class Registry {
public:
    std::vector<std::pair<const CLI::App*, RunCommand>> commands;
};

namespace {

template <typename T>
Option add(CLI::App* app, const std::string& name, T& into, const std::string& description) {
    return Option(app->add_option(name, into, description));
}

}  // namespace

Option& Option::type_name(const std::string& name) {
    option_->type_name(name);
    return *this;
}

Option& Option::required() {
    option_->required();
    return *this;
}

Option& Option::one_of(std::initializer_list<const char*> values) {
    option_->check(CLI::IsMember(std::vector<std::string>(values.begin(), values.end())));
    return *this;
}

Option& Option::delimiter(char separator) {
    option_->delimiter(separator);
    return *this;
}

Option& Option::range(int lowest, int highest) {
    option_->check(CLI::Range(lowest, highest));
    return *this;
}

Option& Option::positive() {
    option_->check(CLI::PositiveNumber);
    return *this;
}

Option& Option::whole_number() {
    static const CLI::Validator whole(
        [](std::string& text) -> std::string {
            if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
                return "expected a whole number, not '" + text + "'";
            }
            return {};
        },
        "");
    option_->check(whole);
    return *this;
}

bool Option::given() const {
    return option_->count() > 0;
}

Command Command::subcommand(const std::string& name, const std::string& description) {
    return {app_->add_subcommand(name, description), registry_};
}

Command& Command::footer(const std::string& text) {
    app_->footer(text);
    return *this;
}

Command& Command::require_subcommand() {
    app_->require_subcommand(1);
    return *this;
}

void Command::run(RunCommand run) {
    registry_->commands.emplace_back(app_, std::move(run));
}

Option Command::option(const std::string& name, std::string& into, const std::string& description) {
    return add(app_, name, into, description);
}
Option Command::option(const std::string& name, std::optional<std::string>& into, const std::string& description) {
    return add(app_, name, into, description);
}
Option Command::option(const std::string& name, int& into, const std::string& description) {
    return add(app_, name, into, description);
}
Option Command::option(const std::string& name, unsigned& into, const std::string& description) {
    return add(app_, name, into, description);
}
Option Command::option(const std::string& name, std::int64_t& into, const std::string& description) {
    return add(app_, name, into, description);
}
Option Command::option(const std::string& name, std::size_t& into, const std::string& description) {
    return add(app_, name, into, description);
}
Option Command::option(const std::string& name, std::optional<std::size_t>& into, const std::string& description) {
    return add(app_, name, into, description);
}
Option Command::option(const std::string& name, std::optional<double>& into, const std::string& description) {
    return add(app_, name, into, description);
}
Option Command::option(const std::string& name, std::vector<std::size_t>& into, const std::string& description) {
    return add(app_, name, into, description);
}
Option Command::option(const std::string& name, std::vector<std::string>& into, const std::string& description) {
    return add(app_, name, into, description);
}

Option Command::flag(const std::string& name, bool& into, const std::string& description) {
    return Option(app_->add_flag(name, into, description));
}

bool Command::given(const std::string& option) const {
    return app_->count(option) > 0;
}

Program::Program(const std::string& description, const std::string& footer, const std::string& version)
    : app_(std::make_unique<CLI::App>(description, "waymark")), registry_(std::make_unique<Registry>()) {
    app_->footer(footer);
    app_->require_subcommand(1);
    app_->set_version_flag("--version", version);
    app_->get_formatter()->column_width(26);
}

Program::~Program() = default;

Command Program::root() {
    return {app_.get(), registry_.get()};
}

std::optional<int> Program::parse(int argc, char** argv) {
    try {
        app_->parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app_->exit(e, std::cout, std::cerr);
        return rc == 0 ? 0 : 2;
    }
    return std::nullopt;
}

const RunCommand* Program::chosen() const {
    for (const auto& [app, run] : registry_->commands) {
        if (app->parsed()) return &run;
    }
    return nullptr;
}

void add_format(Command& cmd, std::string& format) {
    cmd.option("--format", format, "table (for people), csv or json")
        .type_name("FORMAT")
        .one_of({"table", "csv", "json"});
}

const std::string& global_help() {
    static const std::string text =
        "Before the command: --db FILE, --config FILE, --standards FILE, --measures FILE,\n"
        "--today DATE (see 'waymark --help'). Exit codes: 0 success, 2 usage, 3 invalid\n"
        "input, 4 storage, 5 internal.";
    return text;
}

std::string with_global_help(const std::string& text) {
    return text.empty() ? global_help() : text + "\n\n" + global_help();
}

}  // namespace waymark::cli
