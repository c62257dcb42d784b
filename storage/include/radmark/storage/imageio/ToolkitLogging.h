#pragma once

namespace radmark::storage {

// Silences the toolkits' own logging for the whole process (DCMTK's oflog "W:"/"E:" lines, GDCM's traces,
// ITK's warning window), so that stderr carries only RadMark's one-line messages; what went wrong reaches the
// user through ProjectError and the load warnings. Called first thing by main(), for the CLI and the GUI alike.
// Idempotent and thread-safe.
void silenceToolkitLogging();

} // namespace radmark::storage
