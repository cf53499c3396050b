#pragma once
// One error vocabulary for the whole program (DESIGN.md principles). Expected failures that a
// caller handles come back as values (std::optional / result structs); an Error ends an
// operation and maps to a CLI exit code, an HTTP status and a JSON body.
#include <stdexcept>
#include <string>

namespace waymark::core {

enum class ErrorKind { usage, invalid_input, not_found, conflict, forbidden, storage, internal };

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }

private:
    ErrorKind kind_;
};

// Exit codes of the command line (issue 2): 0 success, 2 usage, 3 invalid input, 4 storage,
// 5 internal. not_found and conflict are problems with what the user asked for, so they are
// invalid input; forbidden is too (the CLI has no roles yet).
constexpr int exit_code(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::usage:
            return 2;
        case ErrorKind::invalid_input:
        case ErrorKind::not_found:
        case ErrorKind::conflict:
        case ErrorKind::forbidden:
            return 3;
        case ErrorKind::storage:
            return 4;
        case ErrorKind::internal:
            return 5;
    }
    return 5;
}

// HTTP statuses of the web application and the API (issue 5): storage and internal faults are
// the service's, so 500; the rest are about what was asked.
constexpr int http_status(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::usage:
        case ErrorKind::invalid_input:
            return 400;
        case ErrorKind::not_found:
            return 404;
        case ErrorKind::conflict:
            return 409;
        case ErrorKind::forbidden:
            return 403;
        case ErrorKind::storage:
        case ErrorKind::internal:
            return 500;
    }
    return 500;
}

}  // namespace waymark::core
