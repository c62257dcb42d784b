#include "sr/LesionTypeCodes.h"

#include "radmark/annotation/LesionMark.h"

#include <array>

namespace radmark::storage {

namespace {

struct CoarseTypeSite {
    int lesionType;
    srcodes::Code site;
};

// DeepLesion's Coarse_lesion_type codes and the SNOMED CT body structures they name.
constexpr std::array<CoarseTypeSite, 8> coarseTypeSites { {
    { 1, { "272673000", "SCT", "Bone structure" } },
    { 2, { "818983003", "SCT", "Abdomen" } },
    { 3, { "72410000", "SCT", "Mediastinum" } },
    { 4, { "10200004", "SCT", "Liver" } },
    { 5, { "39607008", "SCT", "Lung" } },
    { 6, { "64033007", "SCT", "Kidney" } },
    { 7, { "87784001", "SCT", "Soft tissue" } },
    { 8, { "12921003", "SCT", "Pelvis" } },
} };

} // namespace

std::optional<SrCode> findingSiteOfLesionType(int lesionType, const annotation::LesionTypeList& types)
{
    if (lesionType == annotation::kUnknownLesionType) {
        return std::nullopt;
    }
    for (const CoarseTypeSite& entry : coarseTypeSites) {
        if (entry.lesionType == lesionType) {
            return SrCode { entry.site.value, entry.site.scheme, entry.site.meaning };
        }
    }
    const std::optional<std::string> name = types.nameOf(lesionType);
    return SrCode { std::to_string(lesionType), srcodes::privateScheme,
        name ? *name : "lesion type " + std::to_string(lesionType) };
}

int lesionTypeOfFindingSite(const SrCode& site, const annotation::LesionTypeList& types)
{
    if (site.scheme == "SCT") {
        for (const CoarseTypeSite& entry : coarseTypeSites) {
            if (site.value == entry.site.value && types.contains(entry.lesionType)) {
                return entry.lesionType;
            }
        }
    }
    if (site.scheme == srcodes::privateScheme) {
        try {
            const int code = std::stoi(site.value);
            if (types.contains(code)) {
                return code;
            }
        } catch (const std::exception&) {
        }
    }
    return types.codeOf(site.meaning).value_or(annotation::kUnknownLesionType);
}

} // namespace radmark::storage
