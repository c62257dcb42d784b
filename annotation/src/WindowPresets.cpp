#include "radmark/annotation/WindowPresets.h"

namespace radmark::annotation {

const std::vector<WindowPreset>& ctWindowPresets()
{
    static const std::vector<WindowPreset> presets {
        { "Brain", { 80.0, 40.0 }, '1' },
        { "Subdural", { 200.0, 75.0 }, '2' },
        { "Abdomen", { 400.0, 40.0 }, '3' },
        { "Liver", { 150.0, 30.0 }, '4' },
        { "Lung", { 1500.0, -600.0 }, '5' },
        { "Mediastinum", { 350.0, 50.0 }, '6' },
        { "Bone", { 1800.0, 400.0 }, '7' },
    };
    return presets;
}

} // namespace radmark::annotation
