#include "sr/SrMeasurementImport.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "sr/LesionTypeCodes.h"
#include "sr/SrCodes.h"
#include "sr/SrMeasurementReader.h"
#include "sr/SrPixelCoordinates.h"
#include "sr/TrackingUidMarkId.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace radmark::storage {

namespace {

using namespace annotation;

// Where a graphic lies in the project.
struct SliceLocation {
    SliceReference reference;
    SlicePlane plane;
    int columns = 0;
    int rows = 0;
};

struct LoadedGeometry {
    std::map<std::pair<std::string, int>, int> sliceBySopAndFrame;
    ImageGeometry geometry;
    std::string error;
};

bool isCode(const SrCode& code, const srcodes::Code& expected)
{
    return code.value == expected.value && code.scheme == expected.scheme;
}

bool isTwoPointLine(const SrGraphic& graphic)
{
    return graphic.graphicType == "POLYLINE" && graphic.points.size() == 2;
}

PixelSegment segmentOf(const SrGraphic& graphic)
{
    return { fromScoord(graphic.points[0].first, graphic.points[0].second),
        fromScoord(graphic.points[1].first, graphic.points[1].second) };
}

// The rectangle a closed axis-aligned POLYLINE/POLYGON outlines (4 corners, optionally closed by a 5th).
std::optional<PixelBox> rectangleOf(const SrGraphic& graphic)
{
    if (graphic.graphicType != "POLYLINE" && graphic.graphicType != "POLYGON") {
        return std::nullopt;
    }
    std::vector<std::pair<double, double>> points = graphic.points;
    if (points.size() == 5 && points.front() == points.back()) {
        points.pop_back();
    }
    if (points.size() != 4) {
        return std::nullopt;
    }
    std::set<double> columns;
    std::set<double> rows;
    std::set<std::pair<double, double>> corners(points.begin(), points.end());
    for (const auto& point : points) {
        columns.insert(point.first);
        rows.insert(point.second);
    }
    if (columns.size() != 2 || rows.size() != 2 || corners.size() != 4) {
        return std::nullopt;
    }
    return boxFromCorners(fromScoord(*columns.begin(), *rows.begin()), fromScoord(*columns.rbegin(), *rows.rbegin()));
}

class SrMarksImporter {
public:
    explicit SrMarksImporter(ProjectStore& project)
        : m_project(project)
        , m_store(project)
    {
        for (const LesionMark& mark : m_store.loadMarks()) {
            m_existingIds.insert(mark.id);
        }
        m_lesionTypes = m_store.lesionTypes();
    }

    void importFile(const std::string& path, SrMarksImport& result)
    {
        std::string error;
        const std::optional<SrMeasurementDocument> document = readSrMeasurements(path, error);
        if (!document) {
            result.notImported.push_back(path + ": " + error);
            return;
        }
        m_path = path;
        m_result = &result;
        m_groupsWithMissingImages.clear();
        for (const std::string& seriesUid : document->evidenceSeriesUids) {
            indexSeries(seriesUid);
        }
        Author author { document->personObserverName.empty() ? "DICOM SR import" : document->personObserverName,
            AuthorRole::Radiologist };
        for (const SrMeasurementGroup& group : document->groups) {
            importGroup(*document, group, author);
        }
    }

private:
    void problem(const SrMeasurementGroup& group, const std::string& reason)
    {
        const std::string name = group.trackingIdentifier.empty() ? group.trackingUid : group.trackingIdentifier;
        m_result->notImported.push_back(m_path + ": measurement group '" + name + "': " + reason);
    }

    void indexSeries(const std::string& seriesUid)
    {
        if (!m_indexedSeries.insert(seriesUid).second) {
            return;
        }
        for (const SeriesInstanceFile& file : m_project.seriesFiles(seriesUid)) {
            m_seriesBySop.emplace(file.sopInstanceUid, seriesUid);
        }
    }

    std::optional<SliceLocation> locate(const SrMeasurementGroup& group, const SrGraphic& graphic)
    {
        auto series = m_seriesBySop.find(graphic.sopInstanceUid);
        if (series == m_seriesBySop.end() && !m_indexedAll) {
            m_indexedAll = true;
            for (const SeriesSummary& summary : m_project.series()) {
                indexSeries(summary.seriesUid);
            }
            series = m_seriesBySop.find(graphic.sopInstanceUid);
        }
        if (series == m_seriesBySop.end()) {
            // Said once per group (a 3D box references one image per slice).
            if (m_groupsWithMissingImages.insert(&group).second) {
                problem(group, "image " + graphic.sopInstanceUid + " is not in the project (import its series first)");
            }
            return std::nullopt;
        }
        const LoadedGeometry& loaded = geometryOf(series->second);
        if (!loaded.error.empty()) {
            problem(group, loaded.error);
            return std::nullopt;
        }
        const int frameIndex = graphic.frameNumber > 0 ? graphic.frameNumber - 1 : 0;
        const auto slice = loaded.sliceBySopAndFrame.find({ graphic.sopInstanceUid, frameIndex });
        if (slice == loaded.sliceBySopAndFrame.end()) {
            problem(group,
                "frame " + std::to_string(frameIndex + 1) + " of image " + graphic.sopInstanceUid
                    + " is not a slice of series " + series->second);
            return std::nullopt;
        }
        SliceLocation location;
        location.reference = { series->second, graphic.sopInstanceUid, frameIndex, slice->second };
        location.plane = SlicePlane::fromGeometry(loaded.geometry, slice->second);
        location.columns = loaded.geometry.columns;
        location.rows = loaded.geometry.rows;
        for (const auto& point : graphic.points) {
            if (!isInsideImage(fromScoord(point.first, point.second), location.columns, location.rows)) {
                problem(group, graphic.graphicType + " point outside the image");
                return std::nullopt;
            }
        }
        return location;
    }

    const LoadedGeometry& geometryOf(const std::string& seriesUid)
    {
        const auto cached = m_geometries.find(seriesUid);
        if (cached != m_geometries.end()) {
            return cached->second;
        }
        LoadedGeometry& loaded = m_geometries[seriesUid];
        try {
            const LoadedSeries series = loadSeries(m_project, seriesUid);
            loaded.geometry = series.volume->geometry();
            for (std::size_t slice = 0; slice < series.sliceSources.size(); ++slice) {
                loaded.sliceBySopAndFrame.emplace(
                    std::make_pair(series.sliceSources[slice].sopInstanceUid, series.sliceSources[slice].frameIndex),
                    static_cast<int>(slice));
            }
        } catch (const std::exception& error) {
            loaded.error = std::string("cannot load the referenced series: ") + error.what();
        }
        return loaded;
    }

    void importGroup(const SrMeasurementDocument& document, const SrMeasurementGroup& group, const Author& author)
    {
        for (const std::string& unreadable : group.unreadable) {
            problem(group, unreadable + " not mapped");
        }
        if (group.graphics.empty()) {
            if (group.unreadable.empty()) {
                problem(group, "no image coordinates (nothing to draw)");
            }
            return;
        }
        const int lesionType
            = group.findingSite ? lesionTypeOfFindingSite(*group.findingSite, m_lesionTypes) : kUnknownLesionType;
        std::vector<bool> used(group.graphics.size(), false);
        std::vector<std::pair<SliceLocation, MarkShape>> shapes;

        const auto findAxis = [&](const srcodes::Code& code, const srcodes::Code& olderCode) -> int {
            for (std::size_t index = 0; index < group.graphics.size(); ++index) {
                const SrGraphic& graphic = group.graphics[index];
                if (!used[index] && graphic.fromMeasurement && isTwoPointLine(graphic)
                    && (isCode(graphic.concept, code) || isCode(graphic.concept, olderCode))) {
                    return static_cast<int>(index);
                }
            }
            return -1;
        };
        const int longIndex = findAxis(srcodes::longAxis, srcodes::longAxisSrt);
        const int shortIndex = findAxis(srcodes::shortAxis, srcodes::shortAxisSrt);
        if (longIndex >= 0 && shortIndex >= 0) {
            const SrGraphic& longAxis = group.graphics[static_cast<std::size_t>(longIndex)];
            const SrGraphic& shortAxis = group.graphics[static_cast<std::size_t>(shortIndex)];
            used[static_cast<std::size_t>(longIndex)] = used[static_cast<std::size_t>(shortIndex)] = true;
            if (longAxis.sopInstanceUid != shortAxis.sopInstanceUid || longAxis.frameNumber != shortAxis.frameNumber) {
                problem(group, "Long Axis and Short Axis are on different images");
            } else if (const std::optional<SliceLocation> location = locate(group, longAxis)) {
                const RecistCheck recist = makeRecist(segmentOf(longAxis), segmentOf(shortAxis), location->plane);
                if (recist.mark) {
                    shapes.emplace_back(*location, *recist.mark);
                } else {
                    problem(group, "Long/Short Axis are no RECIST measurement: " + recist.error);
                }
            }
        }
        std::map<std::string, std::vector<std::pair<SliceLocation, PixelBox>>> rectanglesByBox;
        std::vector<std::string> rectangleOrder;
        for (std::size_t index = 0; index < group.graphics.size(); ++index) {
            if (used[index]) {
                continue;
            }
            const SrGraphic& graphic = group.graphics[index];
            if (isTwoPointLine(graphic)) {
                if (const std::optional<SliceLocation> location = locate(group, graphic)) {
                    shapes.emplace_back(*location, LineMark { segmentOf(graphic) });
                }
            } else if (const std::optional<PixelBox> box
                = !graphic.fromMeasurement ? rectangleOf(graphic) : std::nullopt) {
                if (const std::optional<SliceLocation> location = locate(group, graphic)) {
                    const std::string key = location->reference.seriesUid + "/" + std::to_string(box->x1) + ","
                        + std::to_string(box->y1) + "," + std::to_string(box->x2) + "," + std::to_string(box->y2);
                    if (rectanglesByBox.count(key) == 0) {
                        rectangleOrder.push_back(key);
                    }
                    rectanglesByBox[key].emplace_back(*location, *box);
                }
            } else {
                problem(group,
                    graphic.graphicType + " '" + graphic.concept.meaning + "' with "
                        + std::to_string(graphic.points.size())
                        + " points not mapped (RadMark marks are RECIST, lines and rectangles)");
            }
        }
        for (const std::string& key : rectangleOrder) {
            addBoxes(group, rectanglesByBox[key], shapes);
        }
        for (std::size_t index = 0; index < shapes.size(); ++index) {
            const std::string idSource = document.sopInstanceUid + "/" + group.trackingUid + "/"
                + group.trackingIdentifier + "/" + std::to_string(index);
            std::optional<MarkId> id = index == 0 ? markIdOfTrackingUid(group.trackingUid) : std::nullopt;
            addMark(
                id.value_or(derivedMarkId(idSource)), shapes[index].first, shapes[index].second, lesionType, author);
        }
    }

    // Rectangles of one group with the same box: one 3D box when they cover consecutive slices of one series
    // (the first one listed is the slice it was drawn on), else one 2D box each.
    static void addBoxes(const SrMeasurementGroup&, const std::vector<std::pair<SliceLocation, PixelBox>>& rectangles,
        std::vector<std::pair<SliceLocation, MarkShape>>& shapes)
    {
        std::vector<int> slices;
        for (const auto& rectangle : rectangles) {
            slices.push_back(rectangle.first.reference.sliceIndex);
        }
        std::sort(slices.begin(), slices.end());
        const bool consecutive
            = std::adjacent_find(slices.begin(), slices.end(), [](int a, int b) { return b != a + 1; }) == slices.end();
        if (rectangles.size() > 1 && consecutive) {
            shapes.emplace_back(
                rectangles.front().first, Box3dMark { rectangles.front().second, slices.front(), slices.back() });
            return;
        }
        for (const auto& rectangle : rectangles) {
            shapes.emplace_back(rectangle.first, Box2dMark { rectangle.second });
        }
    }

    void addMark(
        const MarkId& id, const SliceLocation& location, const MarkShape& shape, int lesionType, const Author& author)
    {
        if (!m_existingIds.insert(id).second) {
            ++m_result->marksAlreadyPresent;
            return;
        }
        LesionMark mark;
        mark.id = id;
        mark.slice = location.reference;
        mark.plane = location.plane;
        mark.shape = shape;
        mark.lesionType = lesionType;
        refreshPatientCoordinates(mark);
        AnnotationDocument document(author);
        std::optional<DocumentChange> change;
        document.addObserver([&change](const DocumentChange& reported) { change = reported; });
        const EditResult added = document.addMark(mark);
        if (!added || !change) {
            m_result->notImported.push_back(m_path + ": mark " + id + " refused: " + added.error);
            return;
        }
        m_store.applyChange(*change, document);
        ++m_result->marksImported;
    }

    ProjectStore& m_project;
    MarkStore m_store;
    LesionTypeList m_lesionTypes;
    std::unordered_set<std::string> m_existingIds;
    std::unordered_set<std::string> m_indexedSeries;
    bool m_indexedAll = false;
    std::unordered_map<std::string, std::string> m_seriesBySop;
    std::unordered_map<std::string, LoadedGeometry> m_geometries;
    std::set<const SrMeasurementGroup*> m_groupsWithMissingImages;
    std::string m_path;
    SrMarksImport* m_result = nullptr;
};

} // namespace

SrMarksImport importSrMeasurements(ProjectStore& project, const std::vector<std::string>& srPaths)
{
    SrMarksImport result;
    if (srPaths.empty()) {
        return result;
    }
    SrMarksImporter importer(project);
    for (const std::string& path : srPaths) {
        importer.importFile(path, result);
    }
    return result;
}

} // namespace radmark::storage
