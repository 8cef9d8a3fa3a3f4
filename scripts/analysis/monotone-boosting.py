#!/usr/bin/env python3
"""Gradient-boosted trees on the score model's own inputs, with and without monotone constraints, set by set.

Usage: monotone-boosting.py TRAINING_FEATURES.csv EVAL_DIR...
  TRAINING_FEATURES.csv  from `ballistics model train --random-conditions --features-out FILE`
  EVAL_DIR               an `ballistics eval --out DIR` folder (its features.csv and scores.csv)

Fits scikit-learn's histogram gradient boosting with the committed model's shape (150 rounds, 4 leaves, at least 80
pairs per leaf, learning rate 0.05), once free and once with the score held non-decreasing in every input (monotonic_cst;
interactions kept), and prints for each folder the committed score's AUC and, for each variant, AUC / ECE / errors at
0.5. Needs numpy and scikit-learn ≥ 1.0 (Debian: python3-sklearn). An analysis aid (docs/accuracy.md), not product code.
"""
import csv
import sys
from importlib import util
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

_spec = util.spec_from_file_location("logistic_score", Path(__file__).with_name("logistic-score.py"))
_shared = util.module_from_spec(_spec)
_spec.loader.exec_module(_shared)
INPUTS, auc, ece = _shared.INPUTS, _shared.auc, _shared.ece


def load(path):
    rows = list(csv.DictReader(open(path)))
    features = np.array([[float(r[c]) for c in INPUTS] for r in rows])
    label = np.array([1 if r["same_source"] in ("1", "true", "True") else 0 for r in rows])
    return rows, features, label


def boosting(monotone):
    return HistGradientBoostingClassifier(max_iter=150, learning_rate=0.05, max_leaf_nodes=4, min_samples_leaf=80,
                                          monotonic_cst=[1] * len(INPUTS) if monotone else None,
                                          early_stopping=False, random_state=20261128)


def main(training, folders):
    _, features, label = load(training)
    variants = [(name, boosting(monotone).fit(features, label)) for name, monotone in (("free", False), ("monotone", True))]
    print("folder: committed AUC | " + " | ".join(f"{name} AUC / ECE / errors at 0.5" for name, _ in variants))
    for folder in folders:
        rows, x, y = load(f"{folder}/features.csv")
        scores = {(r["a"], r["b"]): float(r["score"]) for r in csv.DictReader(open(f"{folder}/scores.csv"))}
        committed = np.array([scores[(r["a"], r["b"])] for r in rows])
        cells = []
        for _, model in variants:
            p = model.predict_proba(x)[:, 1]
            cells.append(f"{auc(p, y):.3f} / {ece(p, y):.3f} / {int(((p >= 0.5) != (y == 1)).sum())}")
        print(f"{folder}: {auc(committed, y):.3f} | " + " | ".join(cells))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
