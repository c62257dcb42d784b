#include "pacs/dimse/DimseRejectReason.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/oflog/appender.h>
#include <dcmtk/oflog/logger.h>
#include <dcmtk/oflog/oflog.h>
#include <dcmtk/oflog/spi/logevent.h>

#include <mutex>
#include <vector>

namespace radmark::storage::dimse {

namespace log4cplus = dcmtk::log4cplus;

namespace {

std::mutex& captureMutex()
{
    static std::mutex mutex;
    return mutex;
}

class LineCollector : public log4cplus::Appender {
public:
    ~LineCollector() override { destructorImpl(); }
    void close() override { }

    std::vector<std::string> lines()
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        return m_lines;
    }

protected:
    void append(const log4cplus::spi::InternalLoggingEvent& event) override
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (m_lines.size() < 200) {
            m_lines.emplace_back(event.getMessage().c_str());
        }
    }

private:
    std::mutex m_mutex;
    std::vector<std::string> m_lines;
};

} // namespace

struct RejectReasonCapture::State {
    std::unique_lock<std::mutex> lock { captureMutex() };
    log4cplus::Logger logger = log4cplus::Logger::getInstance("dcmtk.dcmnet");
    log4cplus::LogLevel savedLevel = log4cplus::NOT_SET_LOG_LEVEL;
    bool savedAdditivity = true;
    LineCollector* collector = nullptr;
    log4cplus::SharedAppenderPtr appender;
};

RejectReasonCapture::RejectReasonCapture()
    : m_state(std::make_unique<State>())
{
    State& state = *m_state;
    state.savedLevel = state.logger.getLogLevel();
    state.savedAdditivity = state.logger.getAdditivity();
    state.collector = new LineCollector;
    state.appender = log4cplus::SharedAppenderPtr(state.collector);
    state.logger.setAdditivity(false);
    state.logger.addAppender(state.appender);
    state.logger.setLogLevel(log4cplus::DEBUG_LOG_LEVEL);
}

RejectReasonCapture::~RejectReasonCapture()
{
    State& state = *m_state;
    state.logger.setLogLevel(state.savedLevel);
    state.logger.removeAppender(state.appender);
    state.logger.setAdditivity(state.savedAdditivity);
}

std::string RejectReasonCapture::rejectReason() const
{
    for (const std::string& line : m_state->collector->lines()) {
        const std::size_t at = line.find("Association Rejected:");
        if (at == std::string::npos) {
            continue;
        }
        // The lines after the header: "Result: Rejected Permanent, Source: Service User, Reason: Called AE Title Not
        // Recognized" (one line each or joined).
        // "Result: Rejected Permanent, Source: Service User" and "Reason: Called AE Title Not Recognized" follow on
        // their own lines: joined with ", ".
        const std::string rest = line.substr(at + std::string("Association Rejected:").size());
        std::string text;
        std::size_t start = 0;
        while (start <= rest.size()) {
            const std::size_t end = rest.find('\n', start);
            std::string part = rest.substr(start, end == std::string::npos ? std::string::npos : end - start);
            while (!part.empty() && (part.back() == ' ' || part.back() == '\r' || part.back() == ',')) {
                part.pop_back();
            }
            while (!part.empty() && part.front() == ' ') {
                part.erase(0, 1);
            }
            if (!part.empty()) {
                text += (text.empty() ? "" : ", ") + part;
            }
            if (end == std::string::npos) {
                break;
            }
            start = end + 1;
        }
        return text;
    }
    return {};
}

} // namespace radmark::storage::dimse
