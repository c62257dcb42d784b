// MarkStore: marks round-trip exactly, every document change lands in one transaction with its
// history line, settings.
#include "TestPaths.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <optional>

using namespace radmark::storage;
using namespace radmark::annotation;
using radmark::testing::makeTemporaryFolder;

namespace {

SlicePlane obliquePlane()
{
    SlicePlane plane;
    plane.originLpsMm = { -179.6484375, -200.1 / 3.0, 12.345678901234567 };
    plane.rowDirectionLps = { std::sqrt(0.5), 0.0, std::sqrt(0.5) };
    plane.columnDirectionLps = { 0.0, 1.0, 0.0 };
    plane.spacing = { 0.703125, 0.1 + 0.2 };
    return plane;
}

LesionMark baseMark(const std::string& id, const std::string& seriesUid, int sliceIndex)
{
    LesionMark mark;
    mark.id = id;
    mark.slice = { seriesUid, "1.2.840.99." + std::to_string(sliceIndex), sliceIndex % 3, sliceIndex };
    mark.plane = obliquePlane();
    mark.lesionType = 4;
    mark.note = "quote \" backslash \\ newline\n unicode \xc3\xa9";
    mark.author = { "Dr O'Brien", AuthorRole::Reviewer };
    mark.createdMs = 1'704'067'200'123;
    mark.modifiedMs = 1'704'067'299'999;
    return mark;
}

// One mark of every shape kind, with doubles that do not print short.
std::vector<LesionMark> everyKind()
{
    std::vector<LesionMark> marks;
    LesionMark recist = baseMark("00000000-0000-4000-8000-000000000001", "1.2.3.series", 7);
    const auto check = makeRecist(
        { { 10.0 / 3.0, 20.1 }, { 110.25, 1e-7 } }, { { 60.0, -0.4999 }, { 61.0, 40.0 + 1e-12 } }, recist.plane);
    REQUIRE(check.mark);
    recist.shape = *check.mark;
    marks.push_back(recist);

    LesionMark line = baseMark("00000000-0000-4000-8000-000000000002", "1.2.3.series", 8);
    line.shape = LineMark { { { 0.1, 0.2 }, { 511.49999999999994, 3.0e-300 } } };
    line.author = { "trainee one", AuthorRole::Trainee };
    line.note.clear();
    line.lesionType = kUnknownLesionType;
    marks.push_back(line);

    LesionMark box = baseMark("00000000-0000-4000-8000-000000000003", "1.2.3.other", 0);
    box.shape = Box2dMark { deepLesionBox(std::get<RecistMark>(recist.shape)) };
    box.derivedFromRecistId = recist.id;
    marks.push_back(box);

    LesionMark box3d = baseMark("00000000-0000-4000-8000-000000000004", "1.2.3.series", 12);
    box3d.shape = Box3dMark { { -0.5, -0.5, 100.125, 200.0 / 7.0 }, 10, 14 };
    marks.push_back(box3d);
    return marks;
}

struct Fixture {
    std::string path = makeTemporaryFolder("radmark-marks") + "/marks.radmark";
    std::unique_ptr<ProjectStore> project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
    std::unique_ptr<MarkStore> store = std::make_unique<MarkStore>(*project);
    std::shared_ptr<TimestampMs> now = std::make_shared<TimestampMs>(1'704'067'200'000);
    AnnotationDocument document { Author { "Dr Test", AuthorRole::Radiologist }, [now = now] { return *now += 1000; },
        MarkIdGenerator(7) };

    Fixture()
    {
        document.addObserver([this](const DocumentChange& change) { store->applyChange(change, document); });
    }

    void reopen()
    {
        store.reset();
        project.reset();
        project = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
        store = std::make_unique<MarkStore>(*project);
    }
};

} // namespace

TEST_CASE("Marks of every shape kind round-trip exactly with all fields", "[marks]")
{
    Fixture fixture;
    for (const LesionMark& mark : everyKind()) {
        REQUIRE(fixture.document.addMark(mark));
    }
    fixture.reopen();
    const auto loaded = fixture.store->loadMarks();
    REQUIRE(loaded.size() == 4);
    const auto expected = everyKind();
    for (std::size_t index = 0; index < expected.size(); ++index) {
        INFO(expected[index].id);
        CHECK(loaded[index] == expected[index]);
        CHECK(loaded[index] == fixture.document.marks()[index]);
    }
    CHECK(fixture.store->markCount() == 4);

    const auto series = fixture.store->loadMarks("1.2.3.series");
    REQUIRE(series.size() == 3);
    CHECK(series[0].id == expected[0].id);
    CHECK(series[1].id == expected[1].id);
    CHECK(series[2].id == expected[3].id);
    CHECK(fixture.store->loadMarks("1.2.3.other").size() == 1);
    CHECK(fixture.store->loadMarks("none").empty());
}

TEST_CASE("Edits, undo, redo and merged drags are written with one history line each", "[marks]")
{
    Fixture fixture;
    const SlicePlane plane = obliquePlane();
    LesionMark mark = baseMark("", "1.2.3.series", 3);
    mark.author = {};
    mark.createdMs = mark.modifiedMs = 0;
    mark.shape = *makeRecist({ { 10, 10 }, { 110, 10 } }, { { 60, -30 }, { 60, 50 } }, plane).mark;
    const EditResult added = fixture.document.addMark(mark);
    REQUIRE(added);
    const MarkId id = added.markId;

    const MergeId drag = fixture.document.newMergeId();
    REQUIRE(fixture.document.moveHandle(id, 1, { 120, 10 }, drag));
    REQUIRE(fixture.document.moveHandle(id, 1, { 130, 11 }, drag));
    REQUIRE(fixture.document.moveHandle(id, 1, { 140, 12 }, drag));
    REQUIRE(fixture.document.setNote(id, "grows"));
    REQUIRE(fixture.document.deleteMark(id));
    CHECK(fixture.store->markCount() == 0);
    REQUIRE(fixture.document.undo());
    CHECK(fixture.store->loadMarks().at(0) == *fixture.document.find(id));
    REQUIRE(fixture.document.undo());
    REQUIRE(fixture.document.redo());

    fixture.reopen();
    const auto loaded = fixture.store->loadMarks();
    REQUIRE(loaded.size() == 1);
    CHECK(loaded[0] == *fixture.document.find(id));
    CHECK(std::get<RecistMark>(loaded[0].shape).longAxisPx.end == PixelPoint { 140, 12 });
    CHECK(loaded[0].note == "grows");
    CHECK(loaded[0].author == Author { "Dr Test", AuthorRole::Radiologist });

    const auto history = fixture.store->loadHistory();
    REQUIRE(history.size() == 7); // add, drag (3 steps, 1 line), note, delete, undo, undo, redo
    const auto& expected = fixture.document.history();
    REQUIRE(expected.size() == history.size());
    for (std::size_t index = 0; index < history.size(); ++index) {
        INFO(index);
        CHECK(history[index].origin == expected[index].origin);
        CHECK(history[index].kind == expected[index].kind);
        CHECK(history[index].description == expected[index].description);
        CHECK(history[index].author == expected[index].author);
        CHECK(history[index].timeMs == expected[index].timeMs);
        CHECK(history[index].markIds == expected[index].markIds);
    }
    CHECK(history[1].kind == CommandKind::MoveHandle);
    CHECK(history[4].origin == ChangeOrigin::Undo);
    CHECK(history[6].origin == ChangeOrigin::Redo);
}

TEST_CASE("A derived box follows its RECIST in the same transaction", "[marks]")
{
    Fixture fixture;
    LesionMark mark = baseMark("", "1.2.3.series", 3);
    mark.shape = *makeRecist({ { 10, 10 }, { 110, 10 } }, { { 60, -30 }, { 60, 50 } }, mark.plane).mark;
    const MarkId recistId = fixture.document.addMark(mark).markId;
    const EditResult box = fixture.document.deriveBoxFromRecist(recistId);
    REQUIRE(box);
    REQUIRE(fixture.document.moveHandle(recistId, 0, { 0, 12 }));
    fixture.reopen();
    const auto loaded = fixture.store->loadMarks();
    REQUIRE(loaded.size() == 2);
    CHECK(loaded[0] == *fixture.document.find(recistId));
    CHECK(loaded[1] == *fixture.document.find(box.markId));
    CHECK(std::get<Box2dMark>(loaded[1].shape).boxPx == deepLesionBox(std::get<RecistMark>(loaded[0].shape)));
}

TEST_CASE("Lesion types and the default author are project settings", "[marks]")
{
    Fixture fixture;
    CHECK(fixture.store->lesionTypes().types().size() == 9);
    CHECK(fixture.store->lesionTypes().nameOf(7) == std::optional<std::string>("soft tissue"));
    CHECK_FALSE(fixture.store->defaultAuthor());

    LesionTypeList types = LesionTypeList::deepLesionDefaults();
    REQUIRE(types.rename(4, "liver \"hepatic\""));
    REQUIRE(types.add(20, "thyroid"));
    REQUIRE(types.remove(8));
    fixture.store->setLesionTypes(types);
    fixture.store->setDefaultAuthor({ "Dr Default", AuthorRole::Trainee });
    fixture.reopen();
    const LesionTypeList loaded = fixture.store->lesionTypes();
    REQUIRE(loaded.types().size() == types.types().size());
    for (std::size_t index = 0; index < loaded.types().size(); ++index) {
        CHECK(loaded.types()[index].code == types.types()[index].code);
        CHECK(loaded.types()[index].name == types.types()[index].name);
    }
    CHECK(fixture.store->defaultAuthor() == std::optional<Author>(Author { "Dr Default", AuthorRole::Trainee }));
}

TEST_CASE("A read-only project loads marks and refuses every write naming the file", "[marks]")
{
    Fixture fixture;
    for (const LesionMark& mark : everyKind()) {
        REQUIRE(fixture.document.addMark(mark));
    }
    const std::string path = fixture.path;
    fixture.store.reset();
    fixture.project.reset();
    auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly);
    MarkStore store(*project);
    CHECK(store.loadMarks().size() == 4);
    DocumentChange change;
    change.added.push_back(everyKind()[0].id);
    CHECK_THROWS_WITH(
        store.applyChange(change, fixture.document), Catch::Contains(path) && Catch::Contains("read-only"));
    CHECK_THROWS_AS(store.setLesionTypes(LesionTypeList()), ProjectError);
    CHECK_THROWS_AS(store.setDefaultAuthor({ "x", AuthorRole::Trainee }), ProjectError);
    CHECK(store.markCount() == 4);
}
