#pragma once

#include <cstdint>
#include <vector>

namespace radmark::storage {

// What the PS3.15 Basic Application Level Confidentiality Profile (Table E.1-1) does with an attribute, as
// RadMark applies it. Where the table allows several actions (X/Z, X/D, X/Z/D) RadMark removes.
enum class BasicProfileAction {
    Remove, // X: the attribute is deleted
    Empty, // Z: kept with an empty value (type 2)
    Dummy, // D: a non-identifying dummy value (type 1)
    Uid, // U: replaced by the export's consistent pseudonymous UID
    Temporal, // dates/times the Retain Longitudinal Temporal Information options govern: shifted or kept
    Identity, // Patient's Name / Patient ID: replaced by the pseudonym
};

struct BasicProfileRule {
    std::uint16_t group;
    std::uint16_t element;
    BasicProfileAction action;
    const char* keyword;
};

// The table, sorted by tag. Every attribute of PS3.15 (2024) Table E.1-1 RadMark knows, with its action.
const std::vector<BasicProfileRule>& basicProfileTable();

// The rule of a tag, or nullptr when the table does not name it (then the value representation decides:
// PN emptied, UI remapped, DA/DT/TM shifted or kept).
const BasicProfileRule* findBasicProfileRule(std::uint16_t group, std::uint16_t element);

// Groups removed as a whole: Clinical Trial attributes (0012, the de-identification record is written
// afresh), curves (50xx), overlays (60xx), results (4008) and private groups (odd).
bool isRemovedGroup(std::uint16_t group);

} // namespace radmark::storage
