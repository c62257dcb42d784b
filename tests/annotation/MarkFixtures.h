#pragma once

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/SliceReference.h"

#include <memory>

namespace radmark::annotation::fixtures {

// Slice `sliceIndex` of an axial 512 x 512 x 40 series with the given pixel spacing, 5 mm slices.
inline SliceContext axialSlice(int sliceIndex, PixelSpacing spacing = { 0.7, 0.7 })
{
    const ImageGeometry geometry = ImageGeometry::regular(512, 512, 40, spacing.columnMm, spacing.rowMm,
        { -180.0, -200.0, 10.0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 5.0 });
    SliceContext slice;
    slice.reference = { "1.2.3.series", "1.2.3.instance." + std::to_string(sliceIndex), 0, sliceIndex };
    slice.plane = SlicePlane::fromGeometry(geometry, sliceIndex);
    slice.columns = 512;
    slice.rows = 512;
    slice.sliceCount = 40;
    return slice;
}

// A document whose clock advances 1 s per reading from 2024-01-01T00:00:00Z, with seeded ids.
inline std::unique_ptr<AnnotationDocument> makeDocument()
{
    auto now = std::make_shared<TimestampMs>(1'704'067'200'000);
    return std::make_unique<AnnotationDocument>(
        Author { "Dr Test", AuthorRole::Radiologist }, [now] { return *now += 1000; }, MarkIdGenerator(42));
}

} // namespace radmark::annotation::fixtures
