#pragma once

#include <stdexcept>
#include <string>

namespace radmark::storage {

// A failure the user must be told about: the message names the file and the reason.
class ProjectError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace radmark::storage
