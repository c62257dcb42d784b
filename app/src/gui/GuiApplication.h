#pragma once

#include <QString>

namespace radmark::app {

// Starts the window, optionally on a project (created when the path does not exist yet).
int runGui(int argc, char* argv[], const QString& projectPath);

} // namespace radmark::app
