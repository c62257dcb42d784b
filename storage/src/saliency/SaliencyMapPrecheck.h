#pragma once

#include "radmark/storage/project/ProjectRecords.h"

#include <optional>
#include <string>

namespace radmark::storage::saliency {

// Why a map file cannot be a map of `series`, judged from its header before the map is stored (empty when it
// may be stored): a NIfTI / NRRD / MetaImage header that checkVolumeMapHeader or checkItkGeometry refuses, or
// that ITK cannot read; a 2D map (PNG, or any map given a slice) whose columns x rows are not the series' or
// whose slice is outside it; a PNG without a slice. DICOM maps are judged when they are loaded.
std::string saliencyMapRefusal(const std::string& mapPath, const SeriesSummary& series, std::optional<int> sliceIndex);

} // namespace radmark::storage::saliency
