#pragma once

#include <cstddef>
#include <string>

namespace radmark::bench {

// The peer: ITK's usual way to read a DICOM series from a folder into itk::Image<short, 3>
// (GDCMSeriesFileNames to find and sort the first series, ImageSeriesReader + GDCMImageIO to read it).
// Returns the number of voxels read.
std::size_t readSeriesWithItk(const std::string& folder);

} // namespace radmark::bench
