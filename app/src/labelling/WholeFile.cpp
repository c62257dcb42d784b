#include "labelling/WholeFile.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace radmark::app {

std::string readWholeFile(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw std::runtime_error(path + ": cannot open");
    }
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

}  // namespace radmark::app
