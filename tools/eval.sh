#!/bin/sh
# Score the export against every annotated corpus in ../shared/corpora, with
# the quality floors of the issues: a metric below its floor fails.
#   tools/eval.sh [corpus...]
cd "$(dirname "$0")/.." || exit 2
shared=${DOSSIER_SHARED:-../shared}
score=$shared/eval/score
if [ ! -x "$score" ] && [ ! -f "$score" ]; then
    echo "eval: $score not found: the shared corpora must be beside the checkout (../shared)" >&2
    exit 2
fi
[ -x build/dossier ] || { echo "eval: build/dossier missing: run make" >&2; exit 2; }

floors() {
    case $1 in
    seed) echo "entity.found=0.97 entity.mention_f1=0.95 entity.strict_f1=0.90 entity.typed_f1=0.90
                entity.b3_f1=0.95 entity.alias_accuracy=0.95 entity.description_hits=0.85
                timex.relaxed_f1=0.98 timex.value_f1=0.95 event.f1=0.90 event.entity_links=0.85" ;;
    meantime-apple) echo "entity.mention_f1=0.75 entity.mention_r=0.90 entity.typed_f1=0.70 entity.b3_f1=0.90
                entity.alias_accuracy=0.80 timex.relaxed_f1=0.88 timex.value_f1=0.78 dct.accuracy=0.95" ;;
    meantime-airbus) echo "entity.mention_f1=0.75 entity.mention_r=0.90 entity.typed_f1=0.70 entity.b3_f1=0.90
                entity.alias_accuracy=0.80 timex.relaxed_f1=0.88 timex.value_f1=0.78 dct.accuracy=0.95
                timeline.f1=0.50" ;;
    timebank) echo "timex.relaxed_f1=0.92 timex.strict_f1=0.85 timex.value_f1=0.82" ;;
    aquaint) echo "timex.relaxed_f1=0.90 timex.value_f1=0.76" ;;
    esac
}

corpora=${*:-$(ls "$shared/corpora")}
status=0
for c in $corpora; do
    dir=$shared/corpora/$c
    [ -d "$dir/gold" ] || continue
    mins=
    for f in $(floors "$c"); do mins="$mins --min $f"; done
    echo "== $c"
    # shellcheck disable=SC2086
    python3 "$score" "$dir" --run "build/dossier export --json {docs}" $mins || status=1
done
exit $status
