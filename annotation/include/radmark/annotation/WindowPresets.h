#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <string>
#include <vector>

namespace radmark::annotation {

// A named CT window (width / level in HU) and the number key that selects it in the viewer.
struct WindowPreset {
    std::string name;
    WindowLevel window;
    char shortcutKey = 0;
};

// Brain, subdural, abdomen, liver, lung, mediastinum, bone; keys '1' to '7'.
// Key '0' is reserved for the window written in the DICOM header.
const std::vector<WindowPreset>& ctWindowPresets();

} // namespace radmark::annotation
