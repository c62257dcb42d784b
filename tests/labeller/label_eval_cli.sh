#!/bin/sh
# radmark label-eval on small constructed files: what it prints, and how it refuses bad gold files.
radmark="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
check() {  # check NAME EXPECTED-EXIT-CODE NEEDLE FILE -- command...
    name="$1"; expected="$2"; needle="$3"; file="$4"; shift 5
    "$@" > "$dir/out" 2> "$dir/err"
    code=$?
    if [ "$code" -ne "$expected" ] || ! grep -qF -- "$needle" "$dir/$file"; then
        echo "FAILED: $name (exit $code, expected $expected; looked for \"$needle\" in std$file)"
        cat "$dir/out" "$dir/err"
        failures=$((failures + 1))
    fi
}

# Reports: UTF-8 byte-order mark, CR LF, one report in Latin-1 ("\351" is e-acute), one without gold.
printf '\357\273\277id,report\r\nR1,"FINDINGS: The heart is enlarged. Small left pleural effusion."\r\nR2,"FINDINGS: Heart size and pulmonary vascularity are within normal limits. No effusion. R\351sum\351: normal."\r\nR9,FINDINGS: Cardiomegaly.\r\n' > "$dir/reports.csv"
printf 'filename,Cardiomegaly,Effusion,normal\nR1,1,1,0\nR2,0,0,1\nR3,1,0,0\n' > "$dir/gold.csv"
set -- "$radmark" label-eval --schema chest-radiograph --in "$dir/reports.csv" --gold "$dir/gold.csv"
check "scores" 0 "Cardiomegaly      Cardiomegaly         1      1.000   1.000  1.000   1.000" out -- "$@"
check "effusion column" 0 "Pleural Effusion  Effusion" out -- "$@"
check "gold without report" 0 "warning: 1 gold id(s) without a report in $dir/reports.csv (not scored): R3" err -- "$@"
check "report without gold" 0 "warning: 1 report(s) without a gold row in $dir/gold.csv (not scored): R9" err -- "$@"
check "errors file" 0 "R3,,,,gold row without a report" errors -- "$@" --errors "$dir/errors"

printf 'case,big_heart\nR1,1\nR2,0\n' > "$dir/other.csv"
check "no column matches" 2 "no gold column matches a label of schema \"chest-radiograph\"" err -- \
    "$radmark" label-eval --schema chest-radiograph --in "$dir/reports.csv" --gold "$dir/other.csv"
check "--map" 0 "Cardiomegaly  big_heart" out -- \
    "$radmark" label-eval --schema chest-radiograph --in "$dir/reports.csv" --gold "$dir/other.csv" --map Cardiomegaly=big_heart
check "--map unknown column" 2 "the gold file has no column \"heart\" (its columns: big_heart)" err -- \
    "$radmark" label-eval --schema chest-radiograph --in "$dir/reports.csv" --gold "$dir/other.csv" --map Cardiomegaly=heart

printf 'id,Cardiomegaly\nR1,1\nR2,yes\n' > "$dir/bad.csv"
check "bad value" 1 "$dir/bad.csv: line 3: column \"Cardiomegaly\": \"yes\" is not a gold label (expected 1, 0, -1 or empty)" err -- \
    "$radmark" label-eval --schema chest-radiograph --in "$dir/reports.csv" --gold "$dir/bad.csv"
printf 'id,Cardiomegaly\nR1,1\nR1,0\n' > "$dir/twice.csv"
check "repeated id" 1 "$dir/twice.csv: line 3: id \"R1\" repeats line 2" err -- \
    "$radmark" label-eval --schema chest-radiograph --in "$dir/reports.csv" --gold "$dir/twice.csv"
check "below target" 3 "below target: macro-F1" err -- "$radmark" label-eval --schema chest-radiograph \
    --in "$dir/reports.csv" --gold "$dir/gold.csv" --min-macro-f1 1.01

if [ "$failures" -ne 0 ]; then
    exit 1
fi
echo "label-eval CLI: all checks passed"
