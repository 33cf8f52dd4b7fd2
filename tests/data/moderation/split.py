"""Splits the labelled texts (en.txt, sv.txt, da.txt: `## category` headers,
one text per line) into two halves before any rule is written: tune.tsv,
the half the rules may be tuned on, and test.tsv, the half the figures are
reported on. Stratified by language and category, seeded, deterministic.

    python3 tests/data/moderation/split.py
"""
import pathlib
import random

HOLD = {"hate", "implicit_hate", "threat", "implicit_threat", "attack", "spam"}
HERE = pathlib.Path(__file__).parent


def read(lang):
    category = None
    rows = []
    for line in (HERE / f"{lang}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            category = line[3:].strip()
        elif line.strip():
            label = "hold" if category in HOLD else "ok"
            rows.append((lang, label, category, line.strip()))
    return rows


def main():
    rng = random.Random(20261207)
    tune, test = [], []
    for lang in ("en", "sv", "da"):
        rows = read(lang)
        for category in dict.fromkeys(r[2] for r in rows):
            group = [r for r in rows if r[2] == category]
            rng.shuffle(group)
            half = (len(group) + 1) // 2
            tune += group[:half]
            test += group[half:]
    header = "# lang\tlabel\tcategory\ttext (written by tests/data/moderation/split.py)\n"
    for name, rows in (("tune.tsv", tune), ("test.tsv", test)):
        body = "".join("\t".join(r) + "\n" for r in rows)
        (HERE / name).write_text(header + body, encoding="utf-8")
        print(name, len(rows))


main()
