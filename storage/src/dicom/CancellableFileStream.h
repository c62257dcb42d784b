#pragma once

#include "files/ReadCancellation.h"

#include <dcmtk/dcmdata/dcerror.h>
#include <dcmtk/dcmdata/dcistrmf.h>

namespace radmark::storage {

// A DCMTK file stream that stops delivering bytes once the import it reads for is cancelled
// (ReadCancellation): DCMTK's parser then ends at its next read, as at a truncated file. Every read
// and skip of the parser goes through here, so a cancel takes effect within one chunk.
class CancellableFileStream : public DcmInputFileStream {
public:
    explicit CancellableFileStream(const OFFilename& filename)
        : DcmInputFileStream(filename)
    {
    }

    OFBool good() const override { return !ReadCancellation::requested() && DcmInputFileStream::good(); }
    OFCondition status() const override
    {
        return ReadCancellation::requested() ? OFCondition(EC_StreamNotifyClient) : DcmInputFileStream::status();
    }
    OFBool eos() override { return ReadCancellation::requested() || DcmInputFileStream::eos(); }
    offile_off_t avail() override { return ReadCancellation::requested() ? 0 : DcmInputFileStream::avail(); }
    offile_off_t read(void* buffer, offile_off_t length) override
    {
        return ReadCancellation::requested() ? 0 : DcmInputFileStream::read(buffer, length);
    }
    offile_off_t skip(offile_off_t length) override
    {
        return ReadCancellation::requested() ? 0 : DcmInputFileStream::skip(length);
    }

    // True when the last read ended because of a cancel rather than the file's content.
    static bool cancelled() { return ReadCancellation::requested(); }
};

} // namespace radmark::storage
