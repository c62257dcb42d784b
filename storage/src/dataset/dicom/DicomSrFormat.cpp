#include "dataset/dicom/ExportPaths.h"
#include "radmark/storage/dataset/DicomExportFormats.h"
#include "sr/MeasurementReportWriter.h"

#include <filesystem>

namespace radmark::storage {

namespace {

class DicomSrFormat : public ExportFormat {
public:
    std::string name() const override { return "dicom-sr"; }

    // dicom-sr/<pseudonymous patient ID>/<de-identified study UID>/<de-identified series UID>.dcm: the SR of a
    // series sits where the `dicom` format puts that series' images (dicom/<patient>/<study>/<series>/).
    void write(ExportContext& context) override
    {
        for (const ExportStudy& study : context.studies) {
            for (const ExportSeries& series : study.series) {
                if (series.marks.empty()) {
                    continue;
                }
                if (series.series.fromVolumeFile) {
                    context.log.warnings.push_back("series " + context.identity.uid(series.series.seriesUid)
                        + " comes from a volume file (no DICOM images to reference): "
                          "its marks are not in the DICOM SR export");
                    continue;
                }
                const std::filesystem::path folder = studyFolder(context, "dicom-sr", study);
                createFolder(folder);
                const std::filesystem::path file
                    = folder / (safeFileName(context.identity.uid(series.series.seriesUid)) + ".dcm");
                writeMeasurementReport(study, series, context, file.string());
                ++context.log.filesWritten[name()];
            }
        }
    }
};

} // namespace

std::unique_ptr<ExportFormat> makeDicomSrFormat()
{
    return std::make_unique<DicomSrFormat>();
}

} // namespace radmark::storage
