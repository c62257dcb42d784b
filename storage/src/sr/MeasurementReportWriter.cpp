#include "sr/MeasurementReportWriter.h"

#include "radmark/annotation/Overloaded.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/project/ProjectError.h"
#include "sr/LesionTypeCodes.h"
#include "sr/SeriesSliceOrder.h"
#include "sr/SrCodes.h"
#include "sr/SrPixelCoordinates.h"
#include "sr/SrTreeBuilder.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace radmark::storage {

namespace {

using annotation::PixelBox;
using annotation::PixelPoint;
using annotation::PixelSegment;
using Points = std::vector<std::pair<double, double>>;

// An image as the SR references it: de-identified UIDs, 1-based frame number (0: single-frame object).
struct ReferencedImage {
    std::string sopClassUid;
    std::string sopInstanceUid;
    int frameNumber = 0;

    bool operator<(const ReferencedImage& other) const
    {
        return std::tie(sopInstanceUid, frameNumber) < std::tie(other.sopInstanceUid, other.frameNumber);
    }
};

Points segmentPoints(const PixelSegment& segment)
{
    const ScoordPoint start = toScoord(segment.start);
    const ScoordPoint end = toScoord(segment.end);
    return { { start.column, start.row }, { end.column, end.row } };
}

// The box outline as a closed polyline (first point repeated last), clockwise on screen from the top left.
Points boxPoints(const PixelBox& box)
{
    const ScoordPoint topLeft = toScoord(PixelPoint { box.x1, box.y1 });
    const ScoordPoint bottomRight = toScoord(PixelPoint { box.x2, box.y2 });
    return { { topLeft.column, topLeft.row }, { bottomRight.column, topLeft.row },
        { bottomRight.column, bottomRight.row }, { topLeft.column, bottomRight.row }, { topLeft.column, topLeft.row } };
}

std::string trackingIdentifier(const annotation::LesionMark& mark, int number, const annotation::LesionTypeList& types)
{
    std::string text = std::string(annotation::shapeKindName(mark.shape)) + " " + std::to_string(number);
    if (const std::optional<std::string> typeName = types.nameOf(mark.lesionType);
        typeName && mark.lesionType != annotation::kUnknownLesionType) {
        text += " (" + *typeName + ")";
    }
    return text;
}

srcodes::Code procedureOf(const std::string& modality)
{
    if (modality == "CT") {
        return srcodes::ctUnspecified;
    }
    if (modality == "MR") {
        return srcodes::mrUnspecified;
    }
    return srcodes::imagingProcedure;
}

class ReportBuilder {
public:
    ReportBuilder(const ExportStudy& study, const ExportSeries& series, ExportContext& context, DSRDocument& document)
        : m_study(study)
        , m_series(series)
        , m_context(context)
        , m_document(document)
        , m_tree(document.getTree())
    {
        for (const InstanceRecord& instance : series.instances) {
            m_instanceBySopUid.emplace(instance.sopInstanceUid, &instance);
        }
        const bool hasSpacing = !series.instances.empty() && series.instances.front().pixelSpacingRowMm
            && series.instances.front().pixelSpacingColumnMm;
        if (!hasSpacing && !series.marks.empty()) {
            m_lengthUnit = srcodes::pixel;
            m_areaUnit = srcodes::squarePixel;
            context.log.warnings.push_back("series " + context.identity.uid(series.series.seriesUid)
                + " has no pixel spacing: its DICOM SR lengths are in pixels");
        }
    }

    void build()
    {
        const size_t rootId = m_tree.root(srcodes::imagingMeasurementReport, "1500");
        m_tree.code(
            rootId, DSRTypes::RT_hasConceptMod, codedEntry(srcodes::languageOfContent), codedEntry(srcodes::englishUs));
        m_tree.code(rootId, DSRTypes::RT_hasObsContext, codedEntry(srcodes::observerType), codedEntry(srcodes::device));
        m_tree.uidRef(rootId, DSRTypes::RT_hasObsContext, srcodes::deviceObserverUid, deviceObserverUid());
        m_tree.text(rootId, DSRTypes::RT_hasObsContext, srcodes::deviceObserverName, "RadMark");
        m_tree.code(rootId, DSRTypes::RT_hasConceptMod, codedEntry(srcodes::procedureReported),
            codedEntry(procedureOf(m_series.series.modality)));
        m_imageLibraryGroup
            = m_tree.container(m_tree.container(rootId, srcodes::imageLibrary, "1600"), srcodes::imageLibraryGroup);
        const size_t measurementsId = m_tree.container(rootId, srcodes::imagingMeasurements);
        int number = 0;
        for (const annotation::LesionMark& mark : m_series.marks) {
            addMeasurementGroup(measurementsId, mark, ++number);
        }
        addQualitativeEvaluations(rootId);
    }

private:
    // Stable per RadMark installation-independent output: the device is RadMark, not a machine.
    static std::string deviceObserverUid() { return "2.25.171366301357446392402040129372592218977"; }

    std::optional<ReferencedImage> referencedImage(const std::string& sopInstanceUid, int frameIndex)
    {
        const auto found = m_instanceBySopUid.find(sopInstanceUid);
        if (found == m_instanceBySopUid.end()) {
            return std::nullopt;
        }
        const InstanceRecord& instance = *found->second;
        ReferencedImage image { instance.sopClassUid, m_context.identity.uid(instance.sopInstanceUid),
            instance.numberOfFrames > 1 ? frameIndex + 1 : 0 };
        if (m_listedImages.insert(image).second) {
            m_tree.image(
                m_imageLibraryGroup, DSRTypes::RT_contains, image.sopClassUid, image.sopInstanceUid, image.frameNumber);
            m_document.getCurrentRequestedProcedureEvidence().addItem(m_context.identity.uid(instance.studyInstanceUid),
                m_context.identity.uid(instance.seriesInstanceUid), image.sopClassUid, image.sopInstanceUid);
        }
        return image;
    }

    size_t beginGroup(size_t measurementsId, const annotation::LesionMark& mark, int number, const char* templateId)
    {
        const size_t groupId = m_tree.container(measurementsId, srcodes::measurementGroup, templateId);
        m_tree.text(groupId, DSRTypes::RT_hasObsContext, srcodes::trackingIdentifier,
            trackingIdentifier(mark, number, m_context.lesionTypes));
        m_tree.uidRef(
            groupId, DSRTypes::RT_hasObsContext, srcodes::trackingUniqueIdentifier, annotation::toDicomUid(mark.id));
        m_tree.code(groupId, DSRTypes::RT_contains, codedEntry(srcodes::finding), codedEntry(srcodes::lesion));
        if (const std::optional<SrCode> site = findingSiteOfLesionType(mark.lesionType, m_context.lesionTypes)) {
            m_tree.code(groupId, DSRTypes::RT_hasConceptMod, codedEntry(srcodes::findingSite), codedEntry(*site));
        }
        return groupId;
    }

    void addLength(size_t groupId, const srcodes::Code& concept, const PixelSegment& segmentPx,
        const annotation::LesionMark& mark, const ReferencedImage& image)
    {
        const size_t numberId = m_tree.number(
            groupId, codedEntry(concept), annotation::lengthMm(segmentPx, mark.plane.spacing), m_lengthUnit);
        m_tree.polyline(numberId, DSRTypes::RT_inferredFrom, DSRCodedEntryValue(), segmentPoints(segmentPx),
            image.sopClassUid, image.sopInstanceUid, image.frameNumber);
    }

    void addMeasurementGroup(size_t measurementsId, const annotation::LesionMark& mark, int number)
    {
        const std::optional<ReferencedImage> image = referencedImage(mark.slice.sopInstanceUid, mark.slice.frameIndex);
        if (!image) {
            m_context.log.warnings.push_back("series " + m_context.identity.uid(m_series.series.seriesUid) + ": mark "
                + mark.id + " is on an image that is not in the export; left out of the DICOM SR");
            return;
        }
        // Exhaustive: a new shape does not compile until the SR says how it is written.
        std::visit(
            annotation::Overloaded {
                [&](const annotation::RecistMark& recist) {
                    const size_t groupId = beginGroup(measurementsId, mark, number, "1501");
                    addLength(groupId, srcodes::longAxis, recist.longAxisPx, mark, *image);
                    addLength(groupId, srcodes::shortAxis, recist.shortAxisPx, mark, *image);
                },
                [&](const annotation::LineMark& line) {
                    const size_t groupId = beginGroup(measurementsId, mark, number, "1501");
                    addLength(groupId, srcodes::length, line.segmentPx, mark, *image);
                },
                [&](const annotation::Box2dMark& box) {
                    const size_t groupId = beginGroup(measurementsId, mark, number, "1410");
                    m_tree.polyline(groupId, DSRTypes::RT_contains, codedEntry(srcodes::imageRegion),
                        boxPoints(box.boxPx), image->sopClassUid, image->sopInstanceUid, image->frameNumber);
                    addArea(groupId, box.boxPx, mark);
                },
                [&](const annotation::Box3dMark& box3d) { addBox3d(measurementsId, mark, box3d, *image, number); },
            },
            mark.shape);
    }

    void addArea(size_t groupId, const PixelBox& box, const annotation::LesionMark& mark)
    {
        const double areaMm2
            = (box.x2 - box.x1) * mark.plane.spacing.columnMm * (box.y2 - box.y1) * mark.plane.spacing.rowMm;
        m_tree.number(groupId, codedEntry(srcodes::area), areaMm2, m_areaUnit);
    }

    void addBox3d(size_t measurementsId, const annotation::LesionMark& mark, const annotation::Box3dMark& box,
        const ReferencedImage& keyImage, int number)
    {
        if (m_sliceImages.empty()) {
            m_sliceImages = sliceImagesInGeometricOrder(m_series.instances);
        }
        const auto slices = static_cast<int>(m_sliceImages.size());
        const bool located = box.lastSliceIndex < slices && box.firstSliceIndex >= 0 && mark.slice.sliceIndex < slices
            && m_sliceImages[static_cast<std::size_t>(mark.slice.sliceIndex)].instance->sopInstanceUid
                == mark.slice.sopInstanceUid;
        const size_t groupId = beginGroup(measurementsId, mark, number, "1411");
        if (!located) {
            m_context.log.warnings.push_back("series " + m_context.identity.uid(m_series.series.seriesUid)
                + ": the slices of 3D box " + mark.id
                + " cannot be located from the image headers; the DICOM SR holds its key slice only");
            m_tree.polyline(groupId, DSRTypes::RT_contains, codedEntry(srcodes::imageRegion), boxPoints(box.boxPx),
                keyImage.sopClassUid, keyImage.sopInstanceUid, keyImage.frameNumber);
            return;
        }
        // The slice the box was drawn on first, then the others in order: a reader can tell the key slice.
        std::vector<int> slicesInOrder { mark.slice.sliceIndex };
        for (int slice = box.firstSliceIndex; slice <= box.lastSliceIndex; ++slice) {
            if (slice != mark.slice.sliceIndex) {
                slicesInOrder.push_back(slice);
            }
        }
        for (const int slice : slicesInOrder) {
            const SliceImage& sliceImage = m_sliceImages[static_cast<std::size_t>(slice)];
            const std::optional<ReferencedImage> image
                = referencedImage(sliceImage.instance->sopInstanceUid, sliceImage.frameIndex);
            m_tree.polyline(groupId, DSRTypes::RT_contains, codedEntry(srcodes::imageRegion), boxPoints(box.boxPx),
                image->sopClassUid, image->sopInstanceUid, image->frameNumber);
        }
    }

    void addQualitativeEvaluations(size_t rootId)
    {
        std::vector<std::pair<std::string, FinalLabel>> labels(
            m_study.labels.labels.begin(), m_study.labels.labels.end());
        std::sort(labels.begin(), labels.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        size_t containerId = 0;
        for (const auto& [name, label] : labels) {
            DSRCodedEntryValue value;
            if (label.value == 1) {
                value = codedEntry(srcodes::positive);
            } else if (label.value == 0) {
                value = codedEntry(srcodes::negative);
            } else if (label.value == -1) {
                value = codedEntry(srcodes::equivocal);
            } else if (!label.choice.empty()) {
                value = DSRCodedEntryValue(label.choice.c_str(), srcodes::privateScheme, label.choice.c_str());
            } else {
                continue;
            }
            if (containerId == 0) {
                containerId = m_tree.container(rootId, srcodes::qualitativeEvaluations);
            }
            m_tree.code(containerId, DSRTypes::RT_contains,
                DSRCodedEntryValue(name.c_str(), srcodes::privateScheme, name.c_str()), value);
        }
    }

    const ExportStudy& m_study;
    const ExportSeries& m_series;
    ExportContext& m_context;
    DSRDocument& m_document;
    SrTreeBuilder m_tree;
    size_t m_imageLibraryGroup = 0;
    std::unordered_map<std::string, const InstanceRecord*> m_instanceBySopUid;
    std::set<ReferencedImage> m_listedImages;
    std::vector<SliceImage> m_sliceImages;
    srcodes::Code m_lengthUnit = srcodes::millimetre;
    srcodes::Code m_areaUnit = srcodes::squareMillimetre;
};

void require(const OFCondition& status, const std::string& what)
{
    if (status.bad()) {
        throw ProjectError(what + ": " + status.text());
    }
}

} // namespace

void writeMeasurementReport(
    const ExportStudy& study, const ExportSeries& series, ExportContext& context, const std::string& outputPath)
{
    ExportIdentity& identity = context.identity;
    const std::string& patientId = study.patient.patientId;
    DSRDocument document(DSRTypes::DT_ComprehensiveSR);
    require(document.setSpecificCharacterSetType(DSRTypes::CS_UTF8), outputPath);
    document.setPatientName(identity.patientName(patientId).c_str());
    document.setPatientID(identity.patientId(patientId).c_str());
    if (identity.keepsPatientSex()) {
        document.setPatientSex(study.patient.patientSex.c_str());
    }
    require(document.createNewSeriesInStudy(identity.uid(study.study.studyUid).c_str()), outputPath);
    document.setStudyDate(identity.date(study.study.studyDate, patientId).c_str());
    if (!series.instances.empty()) {
        document.setStudyTime(series.instances.front().studyTime.c_str());
    }
    document.setSeriesDescription("RadMark measurements");
    document.setSeriesNumber("9000");
    document.setInstanceNumber("1");
    document.setManufacturer("RadMark");
    document.setManufacturerModelName("RadMark");
    document.setSoftwareVersions(context.radmarkVersion.empty() ? "unknown" : context.radmarkVersion.c_str());
    document.getCodingSchemeIdentification().addItem(srcodes::privateScheme, "", srcodes::privateSchemeName, "RadMark");

    ReportBuilder(study, series, context, document).build();
    require(document.completeDocument(), outputPath);

    DcmFileFormat file;
    require(document.write(*file.getDataset()), "cannot encode the DICOM SR " + outputPath);
    // The SR's own UIDs come from the export identity too, so a re-export with the same salt gives the same UIDs.
    DcmDataset& dataset = *file.getDataset();
    require(dataset.putAndInsertString(
                DCM_SeriesInstanceUID, identity.uid(series.series.seriesUid + "/measurement-report-series").c_str()),
        outputPath);
    require(dataset.putAndInsertString(
                DCM_SOPInstanceUID, identity.uid(series.series.seriesUid + "/measurement-report").c_str()),
        outputPath);
    require(file.saveFile(outputPath.c_str(), EXS_LittleEndianExplicit), "cannot write " + outputPath);
}

} // namespace radmark::storage
