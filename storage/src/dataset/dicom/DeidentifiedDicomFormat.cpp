#include "dataset/dicom/DicomDeidentifier.h"
#include "dataset/dicom/ExportPaths.h"
#include "dicom/DicomStreamPrescan.h"
#include "radmark/storage/dataset/DicomExportFormats.h"
#include "radmark/storage/project/ProjectError.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace radmark::storage {

namespace {

class DeidentifiedDicomFormat : public ExportFormat {
public:
    std::string name() const override { return "dicom"; }

    // dicom/<pseudonymous patient ID>/<de-identified study UID>/<de-identified series UID>/<de-identified SOP
    // Instance UID>.dcm, in the original transfer syntax (pixel data bytes unchanged). Two inputs sharing a SOP
    // Instance UID get two UIDs (and names): nothing written is overwritten.
    void write(ExportContext& context) override
    {
        std::set<std::string> writtenUids;
        for (const ExportStudy& study : context.studies) {
            for (const ExportSeries& series : study.series) {
                const std::filesystem::path folder = studyFolder(context, "dicom", study)
                    / safeFileName(context.identity.uid(series.series.seriesUid));
                for (const InstanceRecord& instance : series.instances) {
                    writeInstance(context, study, series, instance, folder, writtenUids);
                }
            }
        }
    }

private:
    // Where the card and the log may name an image: pseudonyms only, never the input path.
    static std::string imageName(ExportContext& context, const ExportSeries& series, const InstanceRecord& instance)
    {
        return "series " + context.identity.uid(series.series.seriesUid) + ", image "
            + context.identity.uid(instance.sopInstanceUid);
    }

    void exclude(
        ExportContext& context, const ExportSeries& series, const InstanceRecord& instance, const std::string& reason)
    {
        context.log.excluded.push_back({ instance.filePath, reason });
        context.log.warnings.push_back("dicom: " + imageName(context, series, instance) + " not exported: " + reason);
    }

    void writeInstance(ExportContext& context, const ExportStudy& study, const ExportSeries& series,
        const InstanceRecord& instance, const std::filesystem::path& folder, std::set<std::string>& writtenUids)
    {
        if (instance.sourceKind != SourceKind::Dicom) {
            context.log.excluded.push_back({ instance.filePath, "not a DICOM file (volume file): no DICOM copy" });
            return;
        }
        std::error_code error;
        if (!std::filesystem::is_regular_file(instance.filePath, error)) {
            context.log.excluded.push_back({ instance.filePath, "file missing on disk" });
            return;
        }
        const DicomPrescan scan = prescanDicomFile(instance.filePath);
        if (!scan.accepted()) {
            context.log.excluded.push_back({ instance.filePath, "unreadable DICOM: " + scan.reason });
            return;
        }
        DcmFileFormat file;
        const OFCondition loaded = file.loadFile(instance.filePath.c_str());
        if (loaded.bad()) {
            exclude(context, series, instance, std::string("unreadable DICOM: ") + loaded.text());
            return;
        }
        DcmDataset& dataset = *file.getDataset();
        const E_TransferSyntax transferSyntax = dataset.getOriginalXfer();
        OFString transferSyntaxUid;
        file.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, transferSyntaxUid);
        if (transferSyntax == EXS_Unknown
            || (!transferSyntaxUid.empty() && DcmXfer(transferSyntaxUid.c_str()).getXfer() == EXS_Unknown)) {
            // e.g. High-Throughput JPEG 2000: read as if it were another syntax it would be written corrupt.
            exclude(context, series, instance,
                "transfer syntax " + std::string(transferSyntaxUid.c_str()) + " is not supported (cannot copy it)");
            return;
        }
        std::vector<std::string> known { study.study.accessionNumber, instance.accessionNumber, instance.patientId };
        for (const std::string& name : { study.patient.patientName, instance.patientName }) {
            // Each part of a person name (family, given...) on its own.
            std::string part;
            for (const char character : name + "^") {
                if (character == '^' || character == '=' || character == ' ') {
                    known.push_back(part);
                    part.clear();
                } else {
                    part += character;
                }
            }
        }
        DicomDeidentifier(context.identity, study.patient.patientId, known).apply(dataset);
        std::string sopUid = context.identity.uid(instance.sopInstanceUid);
        for (int copy = 2; !writtenUids.insert(sopUid).second; ++copy) {
            // A second input with the same SOP Instance UID: a UID of its own, derived from the original and
            // its position among the duplicates (deterministic with the export's salt).
            sopUid = context.identity.uid(instance.sopInstanceUid + ".dup" + std::to_string(copy));
        }
        if (sopUid != context.identity.uid(instance.sopInstanceUid)) {
            dataset.putAndInsertString(DCM_SOPInstanceUID, sopUid.c_str());
            context.log.warnings.push_back("dicom: " + imageName(context, series, instance)
                + " shares its SOP Instance UID with another image: written as " + sopUid);
        }
        // The meta header is rebuilt from the dataset on save (source AE title and private meta info dropped).
        file.getMetaInfo()->clear();
        createFolder(folder);
        const std::filesystem::path target = folder / (safeFileName(sopUid) + ".dcm");
        const OFCondition saved = file.saveFile(target.c_str(), transferSyntax);
        if (saved == EC_CannotChangeRepresentation) {
            // This image's pixel data cannot be encoded in its transfer syntax: left out, the rest goes on.
            std::filesystem::remove(target, error);
            exclude(context, series, instance, std::string("pixel data cannot be encoded: ") + saved.text());
            return;
        }
        if (saved.bad()) {
            // DCMTK reports this image's faults (e.g. "Pixel representation not found" for pixel data that does
            // not match its transfer syntax) and the output's faults (disk full, not writable) the same way: a
            // small file written into the same folder tells them apart. Only the output's fault ends the export.
            std::filesystem::remove(target, error);
            if (!folderTakesFiles(folder, instance.filePath)) {
                throw ProjectError("cannot write " + target.string() + ": " + saved.text());
            }
            exclude(context, series, instance, std::string("cannot be written as DICOM: ") + saved.text());
            return;
        }
        ++context.log.filesWritten[name()];
    }

    // True when the disk holding `folder` has room for a copy of `input` and a small file can be written, flushed
    // and removed there.
    static bool folderTakesFiles(const std::filesystem::path& folder, const std::string& input)
    {
        std::error_code sizeError;
        const std::uintmax_t inputBytes = std::filesystem::file_size(input, sizeError);
        const std::filesystem::space_info space = std::filesystem::space(folder, sizeError);
        if (!sizeError && space.available < inputBytes + (1u << 20)) {
            return false;
        }
        const std::filesystem::path probe = folder / ".radmark-write-check";
        bool written = false;
        {
            std::ofstream stream(probe, std::ios::binary | std::ios::trunc);
            const std::string bytes(4096, '\0');
            stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            stream.flush();
            written = static_cast<bool>(stream);
        }
        std::error_code error;
        std::filesystem::remove(probe, error);
        return written;
    }
};

} // namespace

std::unique_ptr<ExportFormat> makeDeidentifiedDicomFormat()
{
    return std::make_unique<DeidentifiedDicomFormat>();
}

} // namespace radmark::storage
