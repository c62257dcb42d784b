#pragma once

#include "radmark/storage/dataset/ExportFormat.h"

#include <string>

namespace radmark::storage {

// Writes the marks of one series as a DICOM Comprehensive SR, TID 1500 Imaging Measurement Report:
//   Imaging Measurements
//     RECIST  -> TID 1501 group: Long Axis + Short Axis (NUM, mm) each INFERRED FROM a 2-point SCOORD POLYLINE
//     line    -> TID 1501 group: Length (NUM, mm) INFERRED FROM a 2-point SCOORD POLYLINE
//     2D box  -> TID 1410 group: Image Region = closed 5-point SCOORD POLYLINE, Area (mm2)
//     3D box  -> TID 1411 group: one Image Region per slice of its range
//   every group with Tracking Identifier, Tracking Unique Identifier (the mark's id as 2.25 UID), Finding
//   (Lesion) and the lesion type as Finding Site; the study labels as Qualitative Evaluations.
// Identifying values come from `context.identity`: referenced study/series/instance UIDs are those of the
// de-identified images. Warnings (e.g. a 3D box whose slices cannot be located) go to context.log.
// Throws ProjectError when the file cannot be written.
void writeMeasurementReport(
    const ExportStudy& study, const ExportSeries& series, ExportContext& context, const std::string& outputPath);

} // namespace radmark::storage
