// radmark annotate: adds one lesion mark (RECIST, line, box, 3D box) to a project from the command line.
#include "cli/CommandArguments.h"
#include "cli/MarkOutput.h"
#include "cli/OperatingSystemUser.h"
#include "cli/ProjectArgument.h"
#include "cli/Subcommands.h"
#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/JsonWriter.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>

namespace radmark::app {

namespace {

using namespace annotation;

// Bad input that is not a usage mistake (exit 1).
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

std::string shortNumber(double value)
{
    char text[48];
    std::snprintf(text, sizeof(text), "%g", value);
    return text;
}

std::vector<double> parseCoordinates(const std::string& option, const std::string& text, std::size_t count)
{
    std::vector<double> numbers;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string item = text.substr(start, comma - start);
        char* end = nullptr;
        errno = 0;
        const double value = std::strtod(item.c_str(), &end);
        if (item.empty() || end != item.c_str() + item.size() || errno != 0 || !std::isfinite(value)) {
            throw UsageError(
                "--" + option + " needs " + std::to_string(count) + " comma-separated numbers, not '" + text + "'");
        }
        numbers.push_back(value);
        start = comma + 1;
    }
    if (numbers.size() != count) {
        throw UsageError("--" + option + " needs " + std::to_string(count) + " comma-separated numbers, not "
            + std::to_string(numbers.size()));
    }
    return numbers;
}

void requireInside(const std::vector<double>& numbers, const std::vector<const char*>& names, int columns, int rows)
{
    for (std::size_t index = 0; index < numbers.size(); ++index) {
        const bool isColumn = index % 2 == 0;
        const int size = isColumn ? columns : rows;
        if (numbers[index] < -0.5 || numbers[index] > size - 0.5) {
            throw InputError(std::string(names[index]) + " = " + shortNumber(numbers[index]) + " is outside the image ("
                + (isColumn ? "columns" : "rows") + " -0.5 to " + shortNumber(size - 0.5) + ")");
        }
    }
}

int parseLesionType(const std::string& text, const LesionTypeList& types)
{
    char* end = nullptr;
    const long code = std::strtol(text.c_str(), &end, 10);
    if (!text.empty() && end == text.c_str() + text.size() && types.contains(static_cast<int>(code))) {
        return static_cast<int>(code);
    }
    std::string spaced = text;
    for (char& character : spaced) {
        character = character == '-' || character == '_' ? ' ' : character;
    }
    for (const std::string& name : { text, spaced }) {
        if (const auto found = types.codeOf(name)) {
            return *found;
        }
    }
    std::string known;
    for (const LesionType& type : types.types()) {
        known += (known.empty() ? "" : ", ") + type.name + " (" + std::to_string(type.code) + ")";
    }
    throw UsageError("unknown lesion type '" + text + "' (the project has: " + known + ")");
}

void requireSeriesFilesPresent(const storage::ProjectStore& project, const std::string& seriesUid)
{
    const auto files = project.seriesFiles(seriesUid);
    std::size_t missing = 0;
    std::string firstMissing;
    for (const auto& file : files) {
        std::error_code error;
        if (!std::filesystem::exists(file.filePath, error)) {
            if (missing++ == 0) {
                firstMissing = file.filePath;
            }
        }
    }
    if (missing > 0) {
        throw storage::ProjectError("series " + seriesUid + ": " + std::to_string(missing) + " of "
            + std::to_string(files.size()) + " files are gone from disk (e.g. " + firstMissing
            + "); re-import the series or restore the files");
    }
}

MarkShape buildShape(const CommandArguments& parsed, const SliceContext& slice)
{
    const int columns = slice.columns;
    const int rows = slice.rows;
    const PixelSpacing& spacing = slice.plane.spacing;
    if (const auto text = parsed.value("recist")) {
        const auto n = parseCoordinates("recist", *text, 8);
        requireInside(n, { "x11", "y11", "x12", "y12", "x21", "y21", "x22", "y22" }, columns, rows);
        const PixelSegment longAxis { { n[0], n[1] }, { n[2], n[3] } };
        const PixelSegment shortAxis { { n[4], n[5] }, { n[6], n[7] } };
        if (longAxis.start == longAxis.end) {
            throw InputError("the long axis (x11,y11 to x12,y12) has zero length");
        }
        if (shortAxis.start == shortAxis.end) {
            throw InputError("the short axis (x21,y21 to x22,y22) has zero length");
        }
        const double longMm = lengthMm(longAxis, spacing);
        const double shortMm = lengthMm(shortAxis, spacing);
        if (shortMm > longMm) {
            throw InputError("the short axis (" + shortNumber(shortMm) + " mm) is longer than the long axis ("
                + shortNumber(longMm) + " mm): give the long axis first");
        }
        const RecistCheck check = makeRecist(longAxis, shortAxis, slice.plane);
        if (!check.mark) {
            throw InputError(check.error);
        }
        if (!check.axesCross) {
            throw InputError("the short axis (x21,y21 to x22,y22) does not cross the long axis: a RECIST short axis "
                             "lies across the lesion, through the long axis");
        }
        // Real DeepLesion measurements deviate from perpendicular by up to ~10 degrees (in mm); 30 is a mistake.
        constexpr double largestAcceptedDeviationDegrees = 30.0;
        if (90.0 - check.angleDegrees > largestAcceptedDeviationDegrees) {
            throw InputError("the axes are " + shortNumber(check.angleDegrees)
                + " degrees apart; a RECIST short axis is perpendicular to the long axis");
        }
        if (!check.perpendicular) {
            std::cerr << "radmark annotate: warning: the axes are " << shortNumber(check.angleDegrees)
                      << " degrees apart, not perpendicular\n";
        }
        return *check.mark;
    }
    if (const auto text = parsed.value("line")) {
        const auto n = parseCoordinates("line", *text, 4);
        requireInside(n, { "x1", "y1", "x2", "y2" }, columns, rows);
        const PixelSegment segment { { n[0], n[1] }, { n[2], n[3] } };
        if (segment.start == segment.end) {
            throw InputError("the line has zero length");
        }
        return LineMark { segment };
    }
    const auto n = parseCoordinates("box", *parsed.value("box"), 4);
    requireInside(n, { "x1", "y1", "x2", "y2" }, columns, rows);
    const PixelBox box = boxFromCorners({ n[0], n[1] }, { n[2], n[3] });
    if (box.x1 == box.x2 || box.y1 == box.y2) {
        throw InputError("the box has zero width or height");
    }
    const auto range = parsed.value("slices");
    if (!range) {
        return Box2dMark { box };
    }
    const std::size_t dash = range->find('-', 1);
    char* firstEnd = nullptr;
    char* lastEnd = nullptr;
    const long first = std::strtol(range->c_str(), &firstEnd, 10);
    const long last = dash == std::string::npos ? 0 : std::strtol(range->c_str() + dash + 1, &lastEnd, 10);
    if (dash == std::string::npos || firstEnd != range->c_str() + dash || lastEnd != range->c_str() + range->size()) {
        throw UsageError("--slices needs K1-K2 (counted from 1), not '" + *range + "'");
    }
    const int current = slice.reference.sliceIndex + 1;
    if (first < 1 || last > slice.sliceCount || first > last || current < first || current > last) {
        throw InputError("--slices " + *range + " must lie within 1-" + std::to_string(slice.sliceCount)
            + ", in order, and include --slice " + std::to_string(current));
    }
    return Box3dMark { box, static_cast<int>(first) - 1, static_cast<int>(last) - 1 };
}

} // namespace

int runAnnotateCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments,
        { "series", "slice", "recist", "line", "box", "slices", "type", "author", "role", "note" }, { "json" });
    const auto seriesUid = parsed.value("series");
    if (!seriesUid) {
        throw UsageError("missing --series UID");
    }
    const auto sliceNumber = parsed.integer("slice");
    if (!sliceNumber) {
        throw UsageError("missing --slice K");
    }
    const int shapeOptions = int(parsed.has("recist")) + int(parsed.has("line")) + int(parsed.has("box"));
    if (shapeOptions != 1) {
        throw UsageError("give exactly one of --recist, --line, --box");
    }
    if (parsed.has("slices") && !parsed.has("box")) {
        throw UsageError("--slices goes with --box");
    }
    std::optional<AuthorRole> role;
    if (const auto roleText = parsed.value("role")) {
        role = parseAuthorRole(*roleText);
        if (!role) {
            throw UsageError("--role must be trainee, radiologist or reviewer, not '" + *roleText + "'");
        }
    }

    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadWrite);
    if (project->isReadOnly()) {
        throw storage::ProjectError(
            project->path() + ": cannot annotate: the project is read-only (" + project->readOnlyReason() + ")");
    }
    storage::MarkStore store(*project);
    const LesionTypeList types = store.lesionTypes();
    const int lesionType = parsed.value("type") ? parseLesionType(*parsed.value("type"), types) : kUnknownLesionType;
    if (!project->seriesByUid(*seriesUid)) {
        throw storage::ProjectError(project->path() + ": no series with UID " + *seriesUid);
    }
    requireSeriesFilesPresent(*project, *seriesUid);
    const storage::LoadedSeries loaded = storage::loadSeries(*project, *seriesUid);
    const ImageGeometry& geometry = loaded.volume->geometry();
    if (*sliceNumber < 1 || *sliceNumber > geometry.slices) {
        throw UsageError("--slice must be between 1 and " + std::to_string(geometry.slices));
    }
    const int sliceIndex = *sliceNumber - 1;
    SliceContext slice;
    slice.reference = { *seriesUid, loaded.sliceSources.at(static_cast<std::size_t>(sliceIndex)).sopInstanceUid,
        loaded.sliceSources.at(static_cast<std::size_t>(sliceIndex)).frameIndex, sliceIndex };
    slice.plane = SlicePlane::fromGeometry(geometry, sliceIndex);
    slice.columns = geometry.columns;
    slice.rows = geometry.rows;
    slice.sliceCount = geometry.slices;

    LesionMark mark;
    mark.slice = slice.reference;
    mark.plane = slice.plane;
    mark.shape = buildShape(parsed, slice);
    mark.lesionType = lesionType;
    mark.note = parsed.value("note").value_or("");

    const std::optional<Author> projectDefault = store.defaultAuthor();
    Author author;
    author.name = parsed.value("author").value_or(projectDefault ? projectDefault->name : operatingSystemUserName());
    author.role = role.value_or(projectDefault ? projectDefault->role : AuthorRole::Radiologist);
    AnnotationDocument document(author);
    std::optional<DocumentChange> change;
    document.addObserver([&change](const DocumentChange& reported) { change = reported; });
    const EditResult added = document.addMark(mark);
    if (!added || !change) {
        throw InputError("the mark was not added: " + added.error);
    }
    store.applyChange(*change, document);
    const LesionMark& saved = *document.find(added.markId);

    if (parsed.has("json")) {
        annotation::JsonWriter json(std::cout);
        json.beginObject();
        writeMarkJsonFields(json, saved, types);
        json.endObject();
        return 0;
    }
    std::cout << "Added " << shapeKindName(saved.shape) << " mark " << saved.id << " on slice " << *sliceNumber
              << " of series " << *seriesUid << "\n  " << describeMarkMeasurements(saved) << "\n";
    return 0;
}

} // namespace radmark::app
