#include "radmark/annotation/LesionMark.h"

#include "radmark/annotation/Overloaded.h"

namespace radmark::annotation {

const char* authorRoleName(AuthorRole role)
{
    switch (role) {
    case AuthorRole::Trainee:
        return "trainee";
    case AuthorRole::Radiologist:
        return "radiologist";
    case AuthorRole::Reviewer:
        return "reviewer";
    }
    return "radiologist";
}

std::optional<AuthorRole> parseAuthorRole(const std::string& name)
{
    for (const AuthorRole role : { AuthorRole::Trainee, AuthorRole::Radiologist, AuthorRole::Reviewer }) {
        if (name == authorRoleName(role)) {
            return role;
        }
    }
    return std::nullopt;
}

const char* shapeKindName(const MarkShape& shape)
{
    return std::visit(Overloaded {
                          [](const RecistMark&) { return "recist"; },
                          [](const LineMark&) { return "line"; },
                          [](const Box2dMark&) { return "box2d"; },
                          [](const Box3dMark&) { return "box3d"; },
                      },
        shape);
}

bool LesionMark::operator==(const LesionMark& other) const
{
    const auto samePlane = [](const SlicePlane& a, const SlicePlane& b) {
        return a.originLpsMm == b.originLpsMm && a.rowDirectionLps == b.rowDirectionLps
            && a.columnDirectionLps == b.columnDirectionLps && a.spacing.columnMm == b.spacing.columnMm
            && a.spacing.rowMm == b.spacing.rowMm;
    };
    return id == other.id && slice == other.slice && samePlane(plane, other.plane) && shape == other.shape
        && lesionType == other.lesionType && note == other.note && author == other.author
        && createdMs == other.createdMs && modifiedMs == other.modifiedMs
        && derivedFromRecistId == other.derivedFromRecistId;
}

bool isOnSlice(const LesionMark& mark, const std::string& seriesUid, int sliceIndex)
{
    if (mark.slice.seriesUid != seriesUid) {
        return false;
    }
    if (const auto* box = std::get_if<Box3dMark>(&mark.shape)) {
        return sliceIndex >= box->firstSliceIndex && sliceIndex <= box->lastSliceIndex;
    }
    return mark.slice.sliceIndex == sliceIndex;
}

void refreshPatientCoordinates(LesionMark& mark)
{
    if (auto* recist = std::get_if<RecistMark>(&mark.shape)) {
        const auto toPatient = [&mark](const PixelSegment& segment) {
            return PatientSegment { mark.plane.toPatient(segment.start), mark.plane.toPatient(segment.end) };
        };
        recist->longAxisLpsMm = toPatient(recist->longAxisPx);
        recist->shortAxisLpsMm = toPatient(recist->shortAxisPx);
    }
}

} // namespace radmark::annotation
