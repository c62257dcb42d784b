#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace radmark::bench {

// Copies of real scanner files (../shared/data/dicom) with new, distinct UIDs, for import benchmarks on real
// headers (vendor private groups, CSA headers, sequences, compressed transfer syntaxes, enhanced multi-frame).
struct RealImportDatasetSpec {
    std::string folder = "/tmp/radmark-bench-import-real";
    std::size_t minimumFiles = 20000;
};

struct RealImportDataset {
    std::string folder;
    std::size_t templateCount = 0; // real files used as templates
    std::size_t copiesPerTemplate = 0;
    std::size_t fileCount = 0;
    std::uint64_t apparentBytes = 0; // sizes as `ls` shows them
    std::uint64_t allocatedBytes = 0; // on disk (the uncompressed pixel data of the copies are holes)
    std::vector<std::string> templateFolders; // relative to the data folder, with their file counts
    bool generatedNow = false;
    double generationSeconds = 0.0;
};

// The real DICOM images under `dataFolder` (../shared/data/dicom) that RadMark indexes: the XA30 classic MR
// series with CSA headers, the GE head CT, the NEMA WG04 files in every transfer syntax, the enhanced
// multi-frame files and the transfer-syntax set. Empty when the folder is absent.
std::vector<std::string> realTemplateFiles(const std::string& dataFolder);

// Writes copies of the templates until at least spec.minimumFiles exist, unless a complete set with the same
// templates is there already (a marker file beside the folder). Each copy k of a series gets a new Study, Series
// and SOP Instance UID (every occurrence in the file, meta header included, rewritten in place with a UID of the
// same length, so no length field changes); the header bytes are otherwise those of the real file. Uncompressed
// pixel data is left as a hole of the same size (the file keeps its size; no reader in the benchmark reads it).
RealImportDataset ensureRealImportDataset(const RealImportDatasetSpec& spec, const std::string& dataFolder);

} // namespace radmark::bench
