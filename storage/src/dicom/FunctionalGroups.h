#pragma once

class DcmItem;
class DcmSequenceOfItems;
class DcmTagKey;

namespace radmark::storage {

// The one walker over the functional groups of an enhanced multi-frame object (enhanced CT/MR/PET, parametric
// maps): a frame's geometry, pixel measures, value transformation and window sit in functional group macros,
// either in the Shared Functional Groups Sequence (5200,9229), item 1, for every frame, or in item n of the
// Per-Frame Functional Groups Sequence (5200,9230) for frame n. Used by the import's index reader, the pixel
// loader and the parametric-map reader, so the three read the same values. Borrows the dataset's items: valid
// while the dataset lives.
class FunctionalGroups {
public:
    FunctionalGroups() = default;
    // Both sequences looked up at the top level of `dataset`.
    explicit FunctionalGroups(DcmItem& dataset);
    // From items already found (the index reader meets them while walking the top level once).
    FunctionalGroups(DcmItem* sharedItem, DcmSequenceOfItems* perFrameSequence);

    // Whether the object has functional groups at all (a classic single-frame object has none).
    bool present() const { return m_shared != nullptr || m_perFrame != nullptr; }

    // The first item of the macro sequence `macroTag` (e.g. DCM_PixelMeasuresSequence) that applies to the
    // 0-based frame: from the frame's own group, else from the shared group; nullptr when neither has it.
    DcmItem* macro(unsigned long frame, const DcmTagKey& macroTag) const;

private:
    DcmItem* m_shared = nullptr;
    DcmSequenceOfItems* m_perFrame = nullptr;
};

} // namespace radmark::storage
