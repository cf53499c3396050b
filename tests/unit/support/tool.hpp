#pragma once
// Runs a command-line tool (pdfinfo, pdftotext, xmllint...) over bytes written to a temporary
// file, for tests that check output with the tools people use.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace waymark::test {

// Writes bytes to a temporary file, runs `tool file`, and returns its standard output and error.
inline std::string run_on(const std::string& tool, const std::string& bytes) {
    char path[] = "/tmp/waymark_tool_XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) return "cannot create a temporary file";
    close(fd);
    std::ofstream(path, std::ios::binary) << bytes;
    const std::string cmd = tool + " " + path + " 2>&1";
    std::string output;
    FILE* p = popen(cmd.c_str(), "r");
    if (p != nullptr) {
        char buf[512];
        while (std::fgets(buf, sizeof buf, p) != nullptr) output += buf;
        pclose(p);
    }
    std::remove(path);
    return output;
}

// The value of a "Name:    value" line of a tool's output (pdfinfo's), or "(missing)".
inline std::string field_of(const std::string& output, const std::string& name) {
    const auto at = output.find(name + ":");
    if (at == std::string::npos) return "(missing)";
    const auto start = output.find_first_not_of(' ', at + name.size() + 1);
    return output.substr(start, output.find('\n', start) - start);
}

}  // namespace waymark::test
