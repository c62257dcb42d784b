#include "demo/DemoSaliencyMaps.h"

#include "radmark/annotation/ImageVolume.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/saliency/SaliencyEvaluation.h"
#include "radmark/storage/saliency/SaliencyManifest.h"
#include "radmark/storage/saliency/SaliencyMapWriter.h"

#include <cmath>
#include <filesystem>
#include <fstream>

namespace radmark::app {

namespace {

using annotation::ImageGeometry;
using annotation::ImageVolume;
using annotation::Vector3;

// A map on a regular axial grid whose value at each voxel centre is valueAt(LPS position).
template <typename Function>
ImageVolume makeMap(
    int columns, int rows, int slices, double spacingMm, double sliceSpacingMm, const Vector3& origin, Function valueAt)
{
    const ImageGeometry geometry = ImageGeometry::regular(
        columns, rows, slices, spacingMm, spacingMm, origin, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, sliceSpacingMm });
    ImageVolume map(geometry, annotation::VoxelType::Float32);
    auto* out = static_cast<float*>(map.data());
    for (int k = 0; k < slices; ++k) {
        for (int j = 0; j < rows; ++j) {
            for (int i = 0; i < columns; ++i) {
                *out++ = static_cast<float>(valueAt(geometry.voxelToPatient({ double(i), double(j), double(k) })));
            }
        }
    }
    return map;
}

double gaussian(const Vector3& position, const Vector3& centre, double sigmaMm)
{
    const Vector3 d = position - centre;
    return std::exp(-annotation::dot(d, d) / (2.0 * sigmaMm * sigmaMm));
}

} // namespace

std::string writeDemoSaliencyMaps(storage::ProjectStore& project, const storage::SyntheticSeriesSpec& series,
    const storage::WrittenSeries& written, const std::string& folder)
{
    namespace fs = std::filesystem;
    fs::create_directories(folder);
    const Vector3 first = series.firstSlicePositionLpsMm;
    const Vector3 lesion = storage::phantom::lesions[0].centreLpsMm;
    const Vector3 secondLesion = storage::phantom::lesions[1].centreLpsMm;

    // A model that looks at the lesions: 2 mm voxels over the series' field of view.
    const ImageVolume lesionMap = makeMap(120, 120, 90, 2.0, 2.0, { first.x + 0.375, first.y + 0.375, first.z },
        [&](const Vector3& p) { return gaussian(p, lesion, 9.0) + 0.45 * gaussian(p, secondLesion, 7.0); });
    storage::writeSaliencyMetaImage(lesionMap, (fs::path(folder) / "lesion-net.mha").string());

    // A model that learned the burned-in text in the top-left corner (plus a little on the lesion).
    const Vector3 corner { first.x + 12.0, first.y + 12.0, 0.0 };
    const ImageVolume cornerMap = makeMap(160, 160, 36, 1.5, 5.0, first, [&](const Vector3& p) {
        const Vector3 inPlane { p.x, p.y, 0.0 };
        return gaussian(inPlane, corner, 14.0) + 0.25 * gaussian(p, lesion, 8.0);
    });
    storage::SaliencyDicomReference reference;
    reference.studyInstanceUid = written.studyInstanceUid;
    reference.seriesInstanceUid = written.seriesInstanceUid;
    reference.frameOfReferenceUid = storage::generateUid();
    reference.patientId = series.patientId;
    reference.patientName = series.patientName;
    storage::writeSaliencyFloatDicom(cornerMap, reference, (fs::path(folder) / "shortcut-net.dcm").string());

    const std::string manifest = (fs::path(folder) / "manifest.csv").string();
    std::ofstream out(manifest);
    out << "series_uid,map_path,model,target,score,method\n"
        << written.seriesInstanceUid << ",lesion-net.mha,lesion-net,liver lesion,0.91,Grad-CAM\n"
        << written.seriesInstanceUid << ",shortcut-net.dcm,shortcut-net,liver lesion,0.88,occlusion\n";
    out.close();
    const storage::SaliencyManifestSummary summary = storage::importSaliencyManifest(project, manifest);
    if (!summary.problems.empty()) {
        throw storage::ProjectError(summary.problems.front());
    }
    storage::refreshSaliencyChecks(project, false);
    return manifest;
}

} // namespace radmark::app
