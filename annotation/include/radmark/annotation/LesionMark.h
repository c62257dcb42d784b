#pragma once

#include "radmark/annotation/MarkId.h"
#include "radmark/annotation/PixelGeometry.h"
#include "radmark/annotation/SliceReference.h"
#include "radmark/annotation/Timestamp.h"
#include "radmark/annotation/Vector3.h"

#include <optional>
#include <string>
#include <variant>

namespace radmark::annotation {

enum class AuthorRole { Trainee, Radiologist, Reviewer };

// "trainee", "radiologist", "reviewer": the spelling storage and exports use.
const char* authorRoleName(AuthorRole role);
std::optional<AuthorRole> parseAuthorRole(const std::string& name);

struct Author {
    std::string name;
    AuthorRole role = AuthorRole::Radiologist;

    bool operator==(const Author& other) const { return name == other.name && role == other.role; }
    bool operator!=(const Author& other) const { return !(*this == other); }
};

// A segment in patient coordinates (DICOM LPS, millimetres).
struct PatientSegment {
    Vector3 startLpsMm;
    Vector3 endLpsMm;

    bool operator==(const PatientSegment& other) const
    {
        return startLpsMm == other.startLpsMm && endLpsMm == other.endLpsMm;
    }
};

// A RECIST (bidirectional) measurement on one slice. Invariants, established by makeRecist and
// kept by every editing function: both axes have non-zero length, the long axis is not shorter
// (in mm) than the short axis. The LPS segments are the pixel segments mapped through the mark's
// SlicePlane (refreshPatientCoordinates) so exporters (DICOM SR) need no volume.
struct RecistMark {
    PixelSegment longAxisPx;
    PixelSegment shortAxisPx;
    PatientSegment longAxisLpsMm;
    PatientSegment shortAxisLpsMm;

    bool operator==(const RecistMark& other) const
    {
        return longAxisPx == other.longAxisPx && shortAxisPx == other.shortAxisPx
            && longAxisLpsMm == other.longAxisLpsMm && shortAxisLpsMm == other.shortAxisLpsMm;
    }
};

struct LineMark {
    PixelSegment segmentPx;

    bool operator==(const LineMark& other) const { return segmentPx == other.segmentPx; }
};

// A box on the mark's slice.
struct Box2dMark {
    PixelBox boxPx;

    bool operator==(const Box2dMark& other) const { return boxPx == other.boxPx; }
};

// A box drawn on the mark's slice and extended over slices [firstSliceIndex, lastSliceIndex]
// (0-based, sorted order, inclusive; the mark's own slice lies inside the range).
struct Box3dMark {
    PixelBox boxPx;
    int firstSliceIndex = 0;
    int lastSliceIndex = 0;

    bool operator==(const Box3dMark& other) const
    {
        return boxPx == other.boxPx && firstSliceIndex == other.firstSliceIndex
            && lastSliceIndex == other.lastSliceIndex;
    }
};

using MarkShape = std::variant<RecistMark, LineMark, Box2dMark, Box3dMark>;

// "recist", "line", "box2d", "box3d": the spelling storage and exports use.
const char* shapeKindName(const MarkShape& shape);

constexpr int kUnknownLesionType = -1;

// One lesion mark: a plain value. Derived numbers (lengths, the DeepLesion box) are computed by
// free functions; selection and hover belong to the viewer, keyed by id.
struct LesionMark {
    MarkId id;
    SliceReference slice;
    SlicePlane plane; // of `slice`: spacing for mm lengths, placement for LPS coordinates
    MarkShape shape;
    int lesionType = kUnknownLesionType; // a code of the project's LesionTypeList
    std::string note;
    Author author; // who created the mark
    TimestampMs createdMs = 0;
    TimestampMs modifiedMs = 0;
    std::optional<MarkId> derivedFromRecistId; // set on boxes made by deriveBoxFromRecist

    bool isDerivedFromRecist() const { return derivedFromRecistId.has_value(); }

    bool operator==(const LesionMark& other) const;
    bool operator!=(const LesionMark& other) const { return !(*this == other); }
};

// True when the mark is shown on that slice of that series (a Box3d on every slice of its range).
bool isOnSlice(const LesionMark& mark, const std::string& seriesUid, int sliceIndex);

// Recomputes the LPS segments of a RECIST shape from its pixel segments and the mark's plane.
void refreshPatientCoordinates(LesionMark& mark);

} // namespace radmark::annotation
