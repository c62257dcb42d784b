#pragma once

namespace radmark::storage {

// Whether a saliency map's header (MetaImage ElementDataFile, NRRD "data file") may name a voxel file outside the
// map's own folder. Off by default: a map whose header points at, say, /etc/passwd is refused instead of being
// read as voxels. The command line turns it on for one run with --allow-data-outside. Process-wide.
void allowSaliencyDataOutsideMapFolder(bool allow);
bool saliencyDataOutsideMapFolderAllowed();

} // namespace radmark::storage
