#pragma once

#include <string>

namespace radmark::storage {

// A new DICOM UID under RadMark's root, unique per call.
std::string generateUid();

} // namespace radmark::storage
