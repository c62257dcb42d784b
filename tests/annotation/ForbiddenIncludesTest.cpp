// The domain core must stay free of toolkits: this test fails on any Qt, VTK, ITK, DCMTK or
// SQLite include under annotation/.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace fs = std::filesystem;

TEST_CASE("annotation/ includes only the standard library and itself", "[layers]")
{
    const fs::path root = fs::path(RADMARK_SOURCE_DIR) / "annotation";
    REQUIRE(fs::is_directory(root));
    const std::regex includeLine(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
    const std::regex forbidden(R"(^(Q[A-Za-z]*|qt|vtk|itk|dcmtk/|sqlite3|gdcm|catch2)|Qt[A-Z]|\.txx$)");
    int filesChecked = 0;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        const auto extension = entry.path().extension().string();
        if (!entry.is_regular_file() || (extension != ".h" && extension != ".cpp" && extension != ".hpp")) {
            continue;
        }
        ++filesChecked;
        std::ifstream file(entry.path());
        std::string line;
        int lineNumber = 0;
        while (std::getline(file, line)) {
            ++lineNumber;
            std::smatch match;
            if (std::regex_search(line, match, includeLine)) {
                const std::string header = match[1];
                INFO(entry.path().string() << ":" << lineNumber << " includes " << header);
                CHECK_FALSE(std::regex_search(header, forbidden));
                if (header.find('/') != std::string::npos || header.find('.') != std::string::npos) {
                    CHECK(header.rfind("radmark/annotation/", 0) == 0);
                }
            }
        }
    }
    CHECK(filesChecked >= 10);
}
