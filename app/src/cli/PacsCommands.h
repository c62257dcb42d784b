#pragma once

#include "radmark/storage/pacs/PacsConnection.h"

#include <string>
#include <vector>

namespace radmark::app {

// `radmark pacs ACTION ...`: the dispatcher (PacsCommand.cpp) and its actions.
std::string describePacsConnection(const storage::PacsConnection& connection);

} // namespace radmark::app

namespace radmark::app {

int runPacsEcho(const std::vector<std::string>& arguments);
int runPacsQuery(const std::vector<std::string>& arguments);
int runPacsRetrieve(const std::vector<std::string>& arguments);
int runPacsSendSr(const std::vector<std::string>& arguments);

} // namespace radmark::app
