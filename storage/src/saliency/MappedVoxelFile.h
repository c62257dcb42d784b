#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "saliency/SaliencyFileChecks.h"

#include <memory>

namespace radmark::storage::saliency {

// The Float32 voxels of `geometry` used where they lie in the page cache: the file mapped copy-on-write (a write,
// such as NaN replaced by 0, makes a private copy of that page; nothing is ever written to the file), with no
// fresh memory zeroed and no copy. nullptr when they are to be read instead: mapping turned off
// (allowSaliencyFileMapping), a file system that is not known to be local (a network one may fail a page-in
// later, and another machine may change the file), voxels not 4-byte aligned in the file, a file shorter than
// the voxels, or no mapping slot / mmap refused. No voxel is touched here.
//
// If the file is cut short while mapped (rewritten in place by a model, say), touching a page past its new end
// would raise SIGBUS: a process-wide handler replaces the mapping from that page on with zero pages and marks
// it (mappedFileWasCut), instead of ending the process.
std::shared_ptr<annotation::ImageVolume> mapFloatVoxels(
    const PlainFloatVoxels& voxels, const annotation::ImageGeometry& geometry);

} // namespace radmark::storage::saliency
