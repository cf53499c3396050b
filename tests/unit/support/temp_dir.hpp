#pragma once
// A fresh folder for one test, removed with everything in it when the test ends.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace waymark::test {

class TempDir {
public:
    TempDir()
        : dir_(std::filesystem::temp_directory_path() /
               ("waymark-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    ~TempDir() { std::filesystem::remove_all(dir_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] std::string path(const std::string& name) const { return (dir_ / name).string(); }
    // Writes a file in the folder and returns its path.
    std::string write(const std::string& name, const std::string& text) const {
        const auto p = path(name);
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }

private:
    std::filesystem::path dir_;
};

}  // namespace waymark::test
