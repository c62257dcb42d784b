#pragma once

#include "TestFiles.h"

#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <functional>
#include <string>

class DcmDataset;

namespace radmark::testing {

// A small synthetic CT series (cols x rows x slices) with known geometry, for import tests.
storage::SyntheticSeriesSpec smallCtSpec(int columns = 20, int rows = 16, int slices = 5);

// Copies a DICOM file, applying `edit` to its dataset (e.g. emptying a UID).
void rewriteDicom(const std::string& source, const std::string& target, const std::function<void(DcmDataset&)>& edit);

// Sets a file's modification time `seconds` later than now, as `touch` would.
void touchLater(const std::string& path, int seconds);

} // namespace radmark::testing
