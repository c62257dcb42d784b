#include "radmark/storage/dataset/ExportFormatRegistry.h"

#include "dataset/BuiltInFormats.h"
#include "radmark/storage/dataset/DicomExportFormats.h"
#include "radmark/storage/project/ProjectError.h"

namespace radmark::storage {

const std::vector<ExportFormatEntry>& exportFormats()
{
    // Adding a format is one line here.
    static const std::vector<ExportFormatEntry> formats {
        { "deeplesion", "DeepLesion DL_info.csv + key and context slices as 16-bit PNG (HU + 32768)",
            makeDeepLesionFormat },
        { "coco", "COCO detection JSON per split + key slices as 16-bit PNG, RECIST endpoints as keypoints",
            makeCocoFormat },
        { "nifti", "NIfTI image + label volume per annotated series, marks JSON in voxel and mm", makeNiftiFormat },
        { "labels", "one CSV row per study: every label, source (auto/human), author, split", makeLabelsFormat },
        { "dicom-sr", "DICOM Comprehensive SR (TID 1500) per annotated series, referencing the dicom format's images",
            makeDicomSrFormat },
        { "dicom", "de-identified copies of the DICOM images (PS3.15 Basic Profile)", makeDeidentifiedDicomFormat },
    };
    return formats;
}

const ExportFormatEntry* findExportFormat(const std::string& name)
{
    for (const ExportFormatEntry& entry : exportFormats()) {
        if (entry.name == name) {
            return &entry;
        }
    }
    return nullptr;
}

void ProgressReportingFormat::reportProgress(int done, int total)
{
    if (m_sink != nullptr && !m_sink->report(done, total)) {
        throw ProjectError("export cancelled");
    }
}

} // namespace radmark::storage
