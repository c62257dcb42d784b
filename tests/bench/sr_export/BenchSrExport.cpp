// bench_sr_export: the `dicom-sr` export of 1,000 annotated series (one TID 1500 SR each), against two peers
// on the same files: a plain file copy (disk speed) and DCMTK loading and re-encoding each written SR as a
// plain dataset (encoding without building the SR tree).
#include "../PerformanceReport.h"

#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/dataset/DicomExportFormats.h"

#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::bench {

namespace {

namespace fs = std::filesystem;
using namespace annotation;
using namespace storage;

constexpr int seriesCount = 1000;
constexpr int slicesPerSeries = 100;
const std::string outputFolder = "/tmp/radmark-bench-sr-export";

// Numbered pseudonyms, the same for the same input (what an export identity does).
class BenchIdentity : public ExportIdentity {
public:
    std::string uid(const std::string& originalUid) override
    {
        auto found = m_uids.find(originalUid);
        if (found == m_uids.end()) {
            found = m_uids.emplace(originalUid, "2.25." + std::to_string(900000000 + m_uids.size())).first;
        }
        return found->second;
    }
    std::string patientId(const std::string& original) override { return "ANON-" + original.substr(8); }
    std::string patientName(const std::string& original) override { return "Anonymous^" + patientId(original); }
    std::string date(const std::string& original, const std::string&) override { return original; }
    bool keepsPatientAge() const override { return true; }
    bool keepsPatientSex() const override { return true; }

private:
    std::map<std::string, std::string> m_uids;
};

ExportStudy annotatedStudy(int index)
{
    const std::string root = "1.2.826.0.1.3680043.9.7.srbench." + std::to_string(index);
    ExportStudy study;
    study.patient.patientId = "PATIENT-" + std::to_string(index);
    study.patient.patientSex = index % 2 == 0 ? "F" : "M";
    study.study.studyUid = root + ".1";
    study.study.studyDate = "20250101";
    study.split = "train";
    ExportSeries series;
    series.series.seriesUid = root + ".2";
    series.series.studyUid = study.study.studyUid;
    series.series.modality = "CT";
    const ImageGeometry geometry = ImageGeometry::regular(
        512, 512, slicesPerSeries, 0.7, 0.7, { -180.0, -200.0, 10.0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1.25 });
    for (int slice = 0; slice < slicesPerSeries; ++slice) {
        InstanceRecord instance;
        instance.sopClassUid = UID_CTImageStorage;
        instance.sopInstanceUid = root + ".3." + std::to_string(slice);
        instance.seriesInstanceUid = series.series.seriesUid;
        instance.studyInstanceUid = study.study.studyUid;
        instance.rows = instance.columns = 512;
        instance.pixelSpacingRowMm = instance.pixelSpacingColumnMm = 0.7;
        instance.imagePositionPatient = { -180.0, -200.0, 10.0 + 1.25 * slice };
        instance.imageOrientationPatient = { 1, 0, 0, 0, 1, 0 };
        instance.studyTime = "101500";
        series.instances.push_back(instance);
    }
    const auto mark = [&](int slice, MarkShape shape, int type) {
        LesionMark made;
        made.id = MarkIdGenerator(static_cast<std::uint64_t>(index * 10 + slice)).next();
        made.slice
            = { series.series.seriesUid, series.instances[static_cast<std::size_t>(slice)].sopInstanceUid, 0, slice };
        made.plane = SlicePlane::fromGeometry(geometry, slice);
        made.shape = std::move(shape);
        made.lesionType = type;
        return made;
    };
    const SlicePlane keyPlane = SlicePlane::fromGeometry(geometry, 40);
    series.marks.push_back(mark(40,
        *makeRecist({ { 200.5, 210.25 }, { 260.75, 230.5 } }, { { 225.0, 235.0 }, { 232.0, 212.0 } }, keyPlane).mark,
        4));
    series.marks.push_back(mark(45, LineMark { { { 100.5, 100.5 }, { 140.25, 150.75 } } }, 5));
    series.marks.push_back(mark(50, Box2dMark { { 300.5, 310.5, 340.25, 350.75 } }, 6));
    series.marks.push_back(mark(60, Box3dMark { { 120.5, 130.5, 160.25, 170.75 }, 58, 62 }, 2));
    study.series.push_back(series);
    study.labels.labels["ascites"].value = 1;
    study.labels.labels["hernia"].value = 0;
    return study;
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<std::string> filesUnder(const std::string& folder)
{
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file()) {
            files.push_back(entry.path().string());
        }
    }
    return files;
}

int run(int argc, char** argv)
{
    PerformanceReport report("sr_export", "dicom-sr export of 1,000 annotated series", argc, argv);
    fs::remove_all(outputFolder);
    std::vector<ExportStudy> studies;
    for (int index = 0; index < seriesCount; ++index) {
        studies.push_back(annotatedStudy(index));
    }
    BenchIdentity identity;
    ExportLog log;
    const LesionTypeList types = LesionTypeList::deepLesionDefaults();
    ExportContext context { outputFolder + "/radmark", identity, studies, types, "bench", "bench_sr_export", log };

    const auto exportStart = std::chrono::steady_clock::now();
    makeDicomSrFormat()->write(context);
    const double exportSeconds = secondsSince(exportStart);
    const std::vector<std::string> written = filesUnder(outputFolder + "/radmark");
    if (written.size() != static_cast<std::size_t>(seriesCount) || log.filesWritten["dicom-sr"] != seriesCount) {
        throw std::runtime_error("wrote " + std::to_string(written.size()) + " SR files, expected 1000");
    }
    std::uintmax_t bytes = 0;
    for (const std::string& file : written) {
        bytes += fs::file_size(file);
    }

    fs::create_directories(outputFolder + "/copy");
    const auto copyStart = std::chrono::steady_clock::now();
    for (std::size_t index = 0; index < written.size(); ++index) {
        fs::copy_file(written[index], outputFolder + "/copy/" + std::to_string(index) + ".dcm");
    }
    const double copySeconds = secondsSince(copyStart);

    fs::create_directories(outputFolder + "/dcmtk");
    const auto dcmtkStart = std::chrono::steady_clock::now();
    for (std::size_t index = 0; index < written.size(); ++index) {
        DcmFileFormat file;
        if (file.loadFile(written[index].c_str()).bad()
            || file.saveFile(
                       (outputFolder + "/dcmtk/" + std::to_string(index) + ".dcm").c_str(), EXS_LittleEndianExplicit)
                   .bad()) {
            throw std::runtime_error("DCMTK could not re-encode " + written[index]);
        }
    }
    const double dcmtkSeconds = secondsSince(dcmtkStart);

    const double megabytes = static_cast<double>(bytes) / 1e6;
    report.addNote("Input: 1,000 series of 100 CT slices (headers only: the SR writer reads no pixels), each with a "
                   "RECIST, a line, a 2D box and a 3D box over 5 slices, and two study labels.");
    report.addNote("Output: 1,000 Comprehensive SR files (TID 1500), " + formatNumber(megabytes, 1) + " MB in "
        + outputFolder + "/radmark.");
    report.addFigure("RadMark dicom-sr export", formatNumber(exportSeconds, 2) + " s",
        formatNumber(seriesCount / exportSeconds, 0) + " series/s, "
            + formatNumber(exportSeconds * 1000.0 / seriesCount, 2) + " ms per SR");
    report.addPeerFigure("File copy of the 1,000 SR files", formatNumber(copySeconds, 2) + " s",
        formatNumber(seriesCount / copySeconds, 0) + " files/s");
    report.addPeerFigure("DCMTK load + re-encode of the same files", formatNumber(dcmtkSeconds, 2) + " s",
        formatNumber(seriesCount / dcmtkSeconds, 0) + " files/s");
    report.addRatio("RadMark time / file copy time", exportSeconds / copySeconds);
    report.addRatio("RadMark time / DCMTK re-encode time", exportSeconds / dcmtkSeconds);
    report.addTarget({ "dicom-sr export within 3x of DCMTK re-encoding the same datasets", exportSeconds / dcmtkSeconds,
        3.0, false, "x" });
    report.publish();
    fs::remove_all(outputFolder);
    return 0;
}

} // namespace

} // namespace radmark::bench

int main(int argc, char** argv)
{
    return radmark::bench::runBenchmarkMain("bench_sr_export", radmark::bench::run, argc, argv);
}
