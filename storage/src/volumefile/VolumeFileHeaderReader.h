#pragma once

#include "importing/FileReadResult.h"

#include <cstdint>
#include <string>
#include <vector>

namespace radmark::storage {

// Reads the header of a NIfTI (.nii, .nii.gz, .hdr), NRRD (.nrrd, .nhdr) or MetaImage (.mha, .mhd) file
// through ITK (image information only, no pixels) into one InstanceRecord: one study and one series per
// file, UIDs derived from the absolute path, geometry in LPS (as ITK gives it), slices as frames.
class VolumeFileHeaderReader {
public:
    // By the file name's extension.
    static bool isVolumeFile(const std::string& filePath);

    static FileReadResult read(const std::string& filePath, std::int64_t sizeBytes, std::int64_t modifiedNs);

    // The detached data files a header names (.raw of a .mhd, data file of a .nhdr, .img of a .hdr), as
    // absolute paths; empty when the data is inside the header file or it cannot be read.
    static std::vector<std::string> dataFilesOf(const std::string& headerPath);
};

}  // namespace radmark::storage
