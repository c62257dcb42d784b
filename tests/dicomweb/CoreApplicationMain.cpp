// Catch2 main with a QCoreApplication: the DICOMweb client runs Qt Network's event loop (no display).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    return Catch::Session().run(argc, argv);
}
