#pragma once

#include <memory>
#include <string>

namespace radmark::storage::dimse {

// DcmSCU reports why an association was rejected only in its log (at DEBUG level, silenced in RadMark). While an
// object of this class lives, the dcmtk.dcmnet logger's lines go to it alone (nothing is printed), so the reason
// ("Reason: Called AE Title Not Recognized") can be named. One capture at a time per process (serialised).
class RejectReasonCapture {
public:
    RejectReasonCapture();
    ~RejectReasonCapture();
    RejectReasonCapture(const RejectReasonCapture&) = delete;
    RejectReasonCapture& operator=(const RejectReasonCapture&) = delete;

    // "Rejected Permanent, Service User: Called AE Title Not Recognized" style text; empty when none was logged.
    std::string rejectReason() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace radmark::storage::dimse
