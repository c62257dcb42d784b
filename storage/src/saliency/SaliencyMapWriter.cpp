#include "radmark/storage/saliency/SaliencyMapWriter.h"

#include "radmark/storage/dicom/GeneratedUid.h"
#include "radmark/storage/project/ProjectError.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvrfl.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace radmark::storage {

namespace {

using annotation::ImageGeometry;
using annotation::Vector3;

void requireFloatMap(const annotation::ImageVolume& map, const std::string& path)
{
    if (map.voxelType() != annotation::VoxelType::Float32 || map.voxelCount() == 0) {
        throw ProjectError(path + ": only a non-empty Float32 map can be written");
    }
}

Vector3 sliceStep(const ImageGeometry& g)
{
    return g.slices > 1 ? (g.sliceOriginsLpsMm.back() - g.sliceOriginsLpsMm.front()) * (1.0 / (g.slices - 1))
                        : g.sliceNormalLps() * g.sliceSpacingMm;
}

std::string numbers(std::initializer_list<double> values, const char* separator)
{
    std::string text;
    char number[40];
    for (double value : values) {
        std::snprintf(number, sizeof(number), "%.10g", value);
        text += (text.empty() ? "" : separator) + std::string(number);
    }
    return text;
}

void put(DcmItem& item, const DcmTagKey& tag, const std::string& value, const std::string& path)
{
    if (item.putAndInsertString(tag, value.c_str()).bad()) {
        throw ProjectError(path + ": cannot set DICOM attribute " + DcmTag(tag).getTagName());
    }
}

} // namespace

void writeSaliencyMetaImage(const annotation::ImageVolume& map, const std::string& path)
{
    requireFloatMap(map, path);
    const ImageGeometry& g = map.geometry();
    const Vector3 step = sliceStep(g);
    const double stepLength = annotation::length(step);
    const Vector3 sliceAxis = stepLength > 0.0 ? step * (1.0 / stepLength) : g.sliceNormalLps();
    const Vector3& origin = g.sliceOriginsLpsMm.front();
    std::ostringstream fields;
    // TransformMatrix lists the direction of axis i, then of j, then of k.
    fields << "ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\n"
           << "CompressedData = False\n"
           << "TransformMatrix = "
           << numbers({ g.rowDirectionLps.x, g.rowDirectionLps.y, g.rowDirectionLps.z, g.columnDirectionLps.x,
                          g.columnDirectionLps.y, g.columnDirectionLps.z, sliceAxis.x, sliceAxis.y, sliceAxis.z },
                  " ")
           << "\nOffset = " << numbers({ origin.x, origin.y, origin.z }, " ")
           << "\nAnatomicalOrientation = RAI\nElementSpacing = "
           << numbers({ g.columnSpacingMm, g.rowSpacingMm, stepLength > 0.0 ? stepLength : g.sliceSpacingMm }, " ")
           << "\nDimSize = " << g.columns << " " << g.rows << " " << g.slices
           << "\nElementType = MET_FLOAT\nElementDataFile = LOCAL\n";
    // The comment is padded so that the voxels start at a multiple of 16 bytes: aligned floats, which a reader can
    // map into memory where they lie instead of copying them.
    std::string comment = "Comment = RadMark saliency map";
    const std::size_t headerBytes = comment.size() + 1 + fields.str().size();
    comment.append((16 - headerBytes % 16) % 16, ' ');
    std::ofstream out(path, std::ios::binary);
    out << comment << "\n" << fields.str();
    out.write(static_cast<const char*>(map.data()), static_cast<std::streamsize>(map.byteCount()));
    if (!out) {
        throw ProjectError(path + ": cannot write the map");
    }
}

void writeSaliencyFloatDicom(
    const annotation::ImageVolume& map, const SaliencyDicomReference& reference, const std::string& path)
{
    requireFloatMap(map, path);
    const ImageGeometry& g = map.geometry();
    DcmFileFormat file;
    DcmDataset& dataset = *file.getDataset();
    const std::string sopInstanceUid = generateUid();
    put(dataset, DCM_SOPClassUID, UID_ParametricMapStorage, path);
    put(dataset, DCM_SOPInstanceUID, sopInstanceUid, path);
    put(dataset, DCM_StudyInstanceUID, reference.studyInstanceUid, path);
    put(dataset, DCM_SeriesInstanceUID, generateUid(), path);
    put(dataset, DCM_FrameOfReferenceUID, reference.frameOfReferenceUid, path);
    put(dataset, DCM_PatientID, reference.patientId, path);
    put(dataset, DCM_PatientName, reference.patientName, path);
    put(dataset, DCM_Modality, "RWV", path);
    put(dataset, DCM_SeriesDescription, "Saliency map", path);
    put(dataset, DCM_ImageType, "DERIVED\\PRIMARY", path);
    put(dataset, DCM_SamplesPerPixel, "1", path);
    put(dataset, DCM_PhotometricInterpretation, "MONOCHROME2", path);
    put(dataset, DCM_BitsAllocated, "32", path);
    put(dataset, DCM_Rows, std::to_string(g.rows), path);
    put(dataset, DCM_Columns, std::to_string(g.columns), path);
    put(dataset, DCM_NumberOfFrames, std::to_string(g.slices), path);

    DcmItem* referenced = nullptr;
    if (dataset.findOrCreateSequenceItem(DCM_ReferencedSeriesSequence, referenced, 0).good() && referenced != nullptr) {
        put(*referenced, DCM_SeriesInstanceUID, reference.seriesInstanceUid, path);
    }
    DcmItem* shared = nullptr;
    dataset.findOrCreateSequenceItem(DCM_SharedFunctionalGroupsSequence, shared, 0);
    DcmItem* measures = nullptr;
    DcmItem* orientation = nullptr;
    if (shared == nullptr || shared->findOrCreateSequenceItem(DCM_PixelMeasuresSequence, measures, 0).bad()
        || shared->findOrCreateSequenceItem(DCM_PlaneOrientationSequence, orientation, 0).bad()) {
        throw ProjectError(path + ": cannot build the functional groups");
    }
    put(*measures, DCM_PixelSpacing, numbers({ g.rowSpacingMm, g.columnSpacingMm }, "\\"), path);
    put(*measures, DCM_SliceThickness, numbers({ g.sliceSpacingMm }, "\\"), path);
    put(*orientation, DCM_ImageOrientationPatient,
        numbers({ g.rowDirectionLps.x, g.rowDirectionLps.y, g.rowDirectionLps.z, g.columnDirectionLps.x,
                    g.columnDirectionLps.y, g.columnDirectionLps.z },
            "\\"),
        path);
    for (int k = 0; k < g.slices; ++k) {
        DcmItem* frame = nullptr;
        DcmItem* position = nullptr;
        if (dataset.findOrCreateSequenceItem(DCM_PerFrameFunctionalGroupsSequence, frame, k).bad() || frame == nullptr
            || frame->findOrCreateSequenceItem(DCM_PlanePositionSequence, position, 0).bad()) {
            throw ProjectError(path + ": cannot build the per-frame functional groups");
        }
        const Vector3& origin = g.sliceOriginsLpsMm[static_cast<std::size_t>(k)];
        put(*position, DCM_ImagePositionPatient, numbers({ origin.x, origin.y, origin.z }, "\\"), path);
    }
    if (dataset
            .putAndInsertFloat32Array(DCM_FloatPixelData, static_cast<const Float32*>(map.data()),
                static_cast<unsigned long>(map.voxelCount()))
            .bad()) {
        throw ProjectError(path + ": cannot store the float pixel data");
    }
    if (file.saveFile(path.c_str(), EXS_LittleEndianExplicit).bad()) {
        throw ProjectError(path + ": cannot write the DICOM file");
    }
}

} // namespace radmark::storage
