#include "gui/LesionTypesDialog.h"

#include <catch2/catch.hpp>

#include <QPushButton>
#include <QTableWidget>

using radmark::annotation::LesionTypeList;
using radmark::app::LesionTypesDialog;

namespace {

int rowOfCode(QTableWidget& table, int code)
{
    for (int row = 0; row < table.rowCount(); ++row) {
        if (table.item(row, 0)->text().toInt() == code) {
            return row;
        }
    }
    return -1;
}

QPushButton* buttonNamed(QDialog& dialog, const QString& text)
{
    for (QPushButton* button : dialog.findChildren<QPushButton*>()) {
        if (button->text() == text) {
            return button;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("lesion types: names edit, codes in use stay, the unknown type stays", "[gui][lesion-types]")
{
    LesionTypesDialog dialog(LesionTypeList::deepLesionDefaults(), { 4 }, nullptr);
    auto* table = dialog.findChild<QTableWidget*>();
    REQUIRE(table != nullptr);
    REQUIRE(table->rowCount() == 9); // 8 DeepLesion types and unknown

    // Rename liver (4) by editing its cell.
    table->item(rowOfCode(*table, 4), 1)->setText("liver (segmental)");
    CHECK(dialog.lesionTypes().nameOf(4) == std::optional<std::string>("liver (segmental)"));

    // Liver is used by a mark: Remove refuses. Pelvis (8) is not: it goes.
    QPushButton* remove = buttonNamed(dialog, "Remove");
    REQUIRE(remove != nullptr);
    table->setCurrentCell(rowOfCode(*table, 4), 0);
    remove->click();
    CHECK(dialog.lesionTypes().contains(4));
    table->setCurrentCell(rowOfCode(*table, 8), 0);
    remove->click();
    CHECK_FALSE(dialog.lesionTypes().contains(8));
    table->setCurrentCell(rowOfCode(*table, -1), 0);
    remove->click();
    CHECK(dialog.lesionTypes().contains(-1));
    CHECK(table->rowCount() == 8);
}
