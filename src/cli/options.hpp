#pragma once
// The command line's options, over CLI11 without including it: CLI/CLI.hpp costs seconds in
// every file that includes it (DESIGN.md), so options.cpp is the only file that does. Each
// command registers its options, its help and its run function through `Command`
// (register_*, one in each cmd_*.cpp); run.cpp lists them in a table.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace waymark::cli {

struct Context;
using RunCommand = std::function<int(const Context&)>;

// One option or argument as registered: what CLI11's Option offers that the commands use.
class Option {
public:
    explicit Option(CLI::Option* option) : option_(option) {}
    Option& type_name(const std::string& name);
    Option& required();
    Option& one_of(std::initializer_list<const char*> values);  // else a usage error naming them
    Option& delimiter(char separator);                          // a list given as A,B,C
    Option& range(int lowest, int highest);
    Option& positive();      // a number above 0
    Option& whole_number();  // digits only: CLI11 would read "-1" into a std::size_t as a huge number
    [[nodiscard]] bool given() const;

private:
    CLI::Option* option_;
};

class Registry;

// A command or a group of commands (pdsa, user, ...) being registered.
class Command {
public:
    Command(CLI::App* app, Registry* registry) : app_(app), registry_(registry) {}
    Command subcommand(const std::string& name, const std::string& description);
    Command& footer(const std::string& text);
    Command& require_subcommand();  // a group: one of its commands must be given
    // What the command does once the command line is parsed (a command, not a group).
    void run(RunCommand run);

    Option option(const std::string& name, std::string& into, const std::string& description);
    Option option(const std::string& name, std::optional<std::string>& into, const std::string& description);
    Option option(const std::string& name, int& into, const std::string& description);
    Option option(const std::string& name, unsigned& into, const std::string& description);
    Option option(const std::string& name, std::int64_t& into, const std::string& description);
    // std::size_t is std::uint64_t here (the synth seed).
    Option option(const std::string& name, std::size_t& into, const std::string& description);
    Option option(const std::string& name, std::optional<std::size_t>& into, const std::string& description);
    Option option(const std::string& name, std::optional<double>& into, const std::string& description);
    Option option(const std::string& name, std::vector<std::size_t>& into, const std::string& description);
    Option option(const std::string& name, std::vector<std::string>& into, const std::string& description);
    Option flag(const std::string& name, bool& into, const std::string& description);
    [[nodiscard]] bool given(const std::string& option) const;

private:
    CLI::App* app_;
    Registry* registry_;
};

// The whole command line: the program's options, then the commands' table.
class Program {
public:
    Program(const std::string& description, const std::string& footer, const std::string& version);
    ~Program();
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;
    Command root();
    // Parses; on a usage error or --help/--version prints what CLI11 prints and returns the exit
    // code (0 for help, 2 for a usage error), else nothing.
    std::optional<int> parse(int argc, char** argv);
    // The run function of the command given.
    [[nodiscard]] const RunCommand* chosen() const;

private:
    std::unique_ptr<CLI::App> app_;
    std::unique_ptr<Registry> registry_;
};

// --format: table (for people), csv or json.
void add_format(Command& cmd, std::string& format);
// A text option's value if it was given (even empty), else none.
inline std::optional<std::string> given_text(const Option& option, const std::string& text) {
    return option.given() ? std::optional<std::string>(text) : std::nullopt;
}

// The text under every command's help: the options that go before the command.
const std::string& global_help();
// A command's footer: its own text, then global_help().
std::string with_global_help(const std::string& text);

}  // namespace waymark::cli
