// One child process of the fuzz campaign: for every file of a list, what RadMark does with a file a user hands it
// (import's header reading, the loader of annotate/render/export/GUI, an off-screen render of the middle slice).
// Before each file it appends "START <path>" to the progress file and after it "END <ms> <peak RSS KB> <outcome>",
// so the parent names the file when this process crashes, hangs or grows. Expected refusals are exceptions.
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/viewer/OffscreenRender.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv)
{
    if (argc != 4) {
        std::cerr << "usage: radmark_fuzz_probe LIST PROGRESS RENDER_DIR\n";
        return 2;
    }
    std::ifstream list(argv[1]);
    std::FILE* progress = std::fopen(argv[2], "a");
    if (!list || progress == nullptr) {
        std::cerr << "radmark_fuzz_probe: cannot open the list or the progress file\n";
        return 2;
    }
    const std::string renderPng = std::string(argv[3]) + "/render-" + std::to_string(::getpid()) + ".png";
    std::string path;
    while (std::getline(list, path)) {
        if (path.empty()) {
            continue;
        }
        std::fprintf(progress, "START %s\n", path.c_str());
        std::fflush(progress);
        const auto start = std::chrono::steady_clock::now();
        std::string outcome = "indexed";
        try {
            const radmark::storage::FileHeaderReading reading = radmark::storage::readFileHeader(path);
            if (!reading.record) {
                outcome = "skipped";
            } else {
                const radmark::storage::LoadedSeries loaded = radmark::storage::loadSeriesFiles({ path });
                outcome = "loaded";
                radmark::viewer::SliceRenderRequest request;
                request.volume = loaded.volume;
                request.widthPx = 96;
                request.heightPx = 96;
                std::string error;
                outcome = radmark::viewer::renderSliceToPng(request, renderPng, &error) ? "rendered" : "render-refused";
            }
        } catch (const std::exception& error) {
            outcome = outcome == "indexed" ? "load-refused" : "refused";
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        rusage usage {};
        getrusage(RUSAGE_SELF, &usage);
        std::fprintf(progress, "END %.1f %ld %s\n", ms, usage.ru_maxrss, outcome.c_str());
        std::fflush(progress);
    }
    std::fprintf(progress, "DONE\n");
    std::fclose(progress);
    std::remove(renderPng.c_str());
    return 0;
}
