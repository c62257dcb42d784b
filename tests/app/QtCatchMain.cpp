// Catch2 main for suites that need a QApplication (and an X display: they run under xvfb-run).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QSurfaceFormat>

#include "radmark/viewer/SurfaceFormat.h"

int main(int argc, char* argv[])
{
    radmark::viewer::installDefaultSurfaceFormat();
    QApplication application(argc, argv);
    return Catch::Session().run(argc, argv);
}
