#define CATCH_CONFIG_RUNNER
#include "radmark/storage/ToolkitLogging.h"

#include <catch2/catch.hpp>

// As radmark's main(): DCMTK's logging off (dcmnet would print every association otherwise).
int main(int argc, char* argv[])
{
    radmark::storage::silenceToolkitLogging();
    return Catch::Session().run(argc, argv);
}
