#!/bin/sh
# radmark label-eval on the Open-i dev corpus (real reports with NegBio's human gold labels, kept in
# ../shared/data, never in the repository). Fails when macro-F1 over the eight shared findings is below
# 0.92 or one finding's F1 is below 0.80; exits 77 (skipped for CTest) when the corpus is absent.
radmark="$1"
corpus="$2"
if [ ! -f "$corpus/reports.csv" ] || [ ! -f "$corpus/gold_labels.csv" ]; then
    echo "SKIPPED: the dev corpus is not at $corpus (reports.csv and gold_labels.csv from ../shared/data)"
    exit 77
fi
exec "$radmark" label-eval --schema chest-radiograph --in "$corpus/reports.csv" --gold "$corpus/gold_labels.csv" \
    --min-macro-f1 0.92 --min-f1 0.80
