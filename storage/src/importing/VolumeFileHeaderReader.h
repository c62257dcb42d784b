#pragma once

#include "importing/FileReadResult.h"

#include <cstdint>
#include <string>
#include <vector>

namespace radmark::storage {

// Reads the header of a NIfTI (.nii, .nii.gz, .hdr), NRRD (.nrrd, .nhdr) or MetaImage (.mha, .mhd) file
// through ITK (image information only, no pixels) into one InstanceRecord: one study and one series per
// file, UIDs derived from the absolute path, geometry in LPS (as ITK gives it), slices as frames. Without a
// modality in the header, the middle slice alone is read: signed values in Hounsfield range make it CT.
class VolumeFileHeaderReader {
public:
    // By the file name's extension.
    static bool isVolumeFile(const std::string& filePath);

    static FileReadResult read(const std::string& filePath, std::int64_t sizeBytes, std::int64_t modifiedNs);

    // The detached data files a header names (.raw of a .mhd, data file of a .nhdr, .img of a .hdr), as
    // absolute paths; empty when the data is inside the header file or it cannot be read.
    static std::vector<std::string> dataFilesOf(const std::string& headerPath);
};

// True when a value range is that of CT in Hounsfield units: air (about -1000) or the scanner's padding
// (-1024, -2048, -3024) at the low end, soft tissue, bone or metal (200 up to 32767) at the high end. MR and
// PET (no large negative values) and normalised images (-1..1) are not.
inline bool looksLikeHounsfieldUnits(double minimum, double maximum)
{
    return minimum >= -3100.0 && minimum <= -900.0 && maximum >= 200.0 && maximum <= 32767.0;
}

} // namespace radmark::storage
