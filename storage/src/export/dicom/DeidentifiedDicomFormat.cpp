#include "export/dicom/DicomDeidentifier.h"
#include "dicom/DicomStreamPrescan.h"
#include "export/dicom/ExportPaths.h"
#include "radmark/storage/ProjectError.h"
#include "radmark/storage/export/DicomExportFormats.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>

#include <filesystem>

namespace radmark::storage {

namespace {

class DeidentifiedDicomFormat : public ExportFormat {
public:
    std::string name() const override { return "dicom"; }

    // dicom/<pseudonymous patient ID>/<de-identified study UID>/<de-identified series UID>/<de-identified SOP
    // Instance UID>.dcm, in the original transfer syntax (pixel data bytes unchanged).
    void write(ExportContext& context) override
    {
        for (const ExportStudy& study : context.studies) {
            for (const ExportSeries& series : study.series) {
                const std::filesystem::path folder = studyFolder(context, "dicom", study) /
                                                     safeFileName(context.identity.uid(series.series.seriesUid));
                for (const InstanceRecord& instance : series.instances) {
                    writeInstance(context, study, instance, folder);
                }
            }
        }
    }

private:
    void writeInstance(ExportContext& context, const ExportStudy& study, const InstanceRecord& instance,
                       const std::filesystem::path& folder)
    {
        if (instance.sourceKind != SourceKind::Dicom) {
            context.log.excluded.push_back({instance.filePath, "not a DICOM file (volume file): no DICOM copy"});
            return;
        }
        std::error_code error;
        if (!std::filesystem::is_regular_file(instance.filePath, error)) {
            context.log.excluded.push_back({instance.filePath, "file missing on disk"});
            return;
        }
        const DicomPrescan scan = prescanDicomFile(instance.filePath);
        if (!scan.accepted()) {
            context.log.excluded.push_back({instance.filePath, "unreadable DICOM: " + scan.reason});
            return;
        }
        DcmFileFormat file;
        const OFCondition loaded = file.loadFile(instance.filePath.c_str());
        if (loaded.bad()) {
            context.log.excluded.push_back({instance.filePath, std::string("unreadable DICOM: ") + loaded.text()});
            return;
        }
        DcmDataset& dataset = *file.getDataset();
        OFString burnedIn;
        if (dataset.findAndGetOFString(DCM_BurnedInAnnotation, burnedIn).good() && burnedIn == "YES") {
            context.log.warnings.push_back(instance.filePath +
                                           ": BurnedInAnnotation is YES; its pixels may show identifying text");
        }
        DicomDeidentifier(context.identity, study.patient.patientId).apply(dataset);
        // The meta header is rebuilt from the dataset on save (source AE title and private meta info dropped).
        const E_TransferSyntax transferSyntax = dataset.getOriginalXfer();
        file.getMetaInfo()->clear();
        createFolder(folder);
        const std::filesystem::path target =
            folder / (safeFileName(context.identity.uid(instance.sopInstanceUid)) + ".dcm");
        const OFCondition saved = file.saveFile(target.c_str(), transferSyntax);
        if (saved.bad()) {
            throw ProjectError("cannot write " + target.string() + ": " + saved.text());
        }
        ++context.log.filesWritten[name()];
    }
};

}  // namespace

std::unique_ptr<ExportFormat> makeDeidentifiedDicomFormat()
{
    return std::make_unique<DeidentifiedDicomFormat>();
}

}  // namespace radmark::storage
