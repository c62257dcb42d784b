#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/RenderViewOptions.h"
#include "cli/SaliencyOverlayArguments.h"
#include "cli/Subcommands.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/saliency/SaliencyDataFiles.h"
#include "radmark/viewer/OffscreenRender.h"

#include <cstdlib>
#include <iostream>

namespace radmark::app {

namespace {

std::pair<int, int> parseSize(const std::string& text)
{
    const auto separator = text.find_first_of("xX");
    try {
        if (separator != std::string::npos) {
            std::size_t widthEnd = 0;
            std::size_t heightEnd = 0;
            const int width = std::stoi(text.substr(0, separator), &widthEnd);
            const int height = std::stoi(text.substr(separator + 1), &heightEnd);
            if (widthEnd == separator && heightEnd == text.size() - separator - 1 && width >= 16 && height >= 16
                && width <= 8192 && height <= 8192) {
                return { width, height };
            }
        }
    } catch (const std::exception&) {
    }
    throw UsageError("--size needs WIDTHxHEIGHT in pixels (16 to 8192), not '" + text + "'");
}

} // namespace

int runRenderCommand(const std::vector<std::string>& arguments)
{
    std::set<std::string> valueOptions { "series", "slice", "window", "level", "size", "out", "view", "preset" };
    valueOptions.insert(std::begin(kSaliencyOverlayOptions), std::end(kSaliencyOverlayOptions));
    const CommandArguments parsed(
        arguments, valueOptions, { "no-overlay", "hide-identifying", "mip", "planes", "allow-data-outside" });
    storage::allowSaliencyDataOutsideMapFolder(parsed.has("allow-data-outside"));
    const auto viewOptions = parseViewRenderOptions(parsed); // nothing: the acquired slice
    if (viewOptions && parsed.has("overlay")) {
        throw UsageError("--overlay draws on the acquired slice; it does not combine with --view");
    }
    const auto seriesUid = parsed.value("series");
    const auto output = parsed.value("out");
    if (!seriesUid) {
        throw UsageError("missing --series UID");
    }
    if (!output) {
        throw UsageError("missing --out FILE.png");
    }
    const auto width = parsed.number("window");
    const auto level = parsed.number("level");
    if (width.has_value() != level.has_value()) {
        throw UsageError("give --window and --level together");
    }
    if (width && *width <= 0.0) {
        throw UsageError("--window must be positive");
    }

    viewer::SliceRenderRequest request;
    if (const auto size = parsed.value("size")) {
        std::tie(request.widthPx, request.heightPx) = parseSize(*size);
    }
    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    if (!project->seriesByUid(*seriesUid)) {
        throw storage::ProjectError(project->path() + ": no series with UID " + *seriesUid);
    }
    if (std::getenv("DISPLAY") == nullptr) {
        throw storage::ProjectError("rendering needs an X display: run under xvfb-run -a");
    }
    const storage::LoadedSeries loaded = storage::loadSeries(*project, *seriesUid);
    const int sliceCount
        = viewOptions ? viewSliceCount(*loaded.volume, *viewOptions) : loaded.volume->geometry().slices;
    if (const auto slice = parsed.integer("slice"); slice && sliceCount >= 0) {
        if (sliceCount == 0) {
            throw UsageError("--slice does not apply to --view 3d");
        }
        if (*slice < 1 || *slice > sliceCount) {
            throw UsageError("--slice must be between 1 and " + std::to_string(sliceCount));
        }
        request.sliceIndex = *slice - 1;
    }
    if (width) {
        request.window = annotation::WindowLevel { *width, *level };
    }
    request.volume = loaded.volume;
    request.showOverlay = !parsed.has("no-overlay");
    request.overlayText.patientAge = loaded.patientAge;
    request.overlayText.patientSex = loaded.patientSex;
    request.overlayText.modality = loaded.modality;
    request.overlayText.showIdentifyingText = !parsed.has("hide-identifying");
    if (const auto summary = project->seriesByUid(*seriesUid)) {
        request.overlayText.seriesDescription = summary->description;
    }
    applySaliencyOverlayArguments(parsed, *project, *seriesUid, request);
    std::string error;
    const bool rendered = viewOptions ? viewer::renderViewToPng(request, *viewOptions, *output, &error)
                                      : viewer::renderSliceToPng(request, *output, &error);
    if (!rendered) {
        throw storage::ProjectError(*output + ": " + error);
    }
    for (const auto& warning : loaded.warnings) {
        std::cerr << "radmark render: note: " << warning << "\n";
    }
    std::cout << *output << "\n";
    return 0;
}

} // namespace radmark::app
