#!/usr/bin/env python3
"""A logistic regression on the score model's own inputs, against the committed model, set by set.

Usage: logistic-score.py [--monotone] TRAINING_FEATURES.csv EVAL_DIR...
  TRAINING_FEATURES.csv  from `ballistics model train --random-conditions --features-out FILE`
  EVAL_DIR               an `ballistics eval --out DIR` folder (its features.csv and scores.csv)

Fits L2-regularised logistic regression (standardised inputs, L2 0.01, 3,000 gradient steps) to the training pairs (with
--monotone, a monotone additive model instead: each input and its hinges max(0, x - knot), every weight held at zero or
above, L2 0.001, 6,000 steps) and
prints, for each evaluation folder, the AUC and expected calibration error of the committed model's score and of the
regression, and the regression's errors at 0.5. Needs numpy only. An analysis aid (docs/accuracy.md), not product code.
"""
import csv
import sys

import numpy as np

INPUTS = ["registration_z", "aligned_z", "mean_cell_z", "top_cell_z", "residual_z",
          "significant_cmc_min", "significant_cmc_max", "agreeing_sectors_z"]


def matrix(rows):
    return np.array([[float(r[c]) for c in INPUTS] for r in rows])


def auc(score, label):
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    sorted_scores = score[order]
    i = 0
    while i < len(sorted_scores):
        j = i
        while j < len(sorted_scores) and sorted_scores[j] == sorted_scores[i]:
            j += 1
        ranks[order[i:j]] = (i + 1 + j) / 2
        i = j
    positives = label.sum()
    negatives = len(label) - positives
    return (ranks[label == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives)


def ece(probability, label):
    bins = np.minimum((probability * 10).astype(int), 9)
    return sum((bins == k).sum() / len(probability) * abs(probability[bins == k].mean() - label[bins == k].mean())
               for k in range(10) if (bins == k).any())


# Where the additive model's pieces bend: over the range standardised scores take, finer where the counts are small.
KNOTS = {name: [2, 4, 6, 9, 14, 20] for name in INPUTS}
KNOTS.update({"significant_cmc_min": [0.5, 1.5, 3, 6], "significant_cmc_max": [0.5, 1.5, 3, 6],
              "mean_cell_z": [1.5, 2, 2.5, 3, 4, 6], "residual_z": [1, 2, 3, 5, 8]})


def hinges(features):
    columns = []
    for j, name in enumerate(INPUTS):
        columns.append(features[:, j])
        columns.extend(np.maximum(0, features[:, j] - knot) for knot in KNOTS[name])
    return np.stack(columns, 1)


def fit_monotone(features, label, l2=0.001, steps=6000, rate=0.5):
    spread = hinges(features).std(0) + 1e-9
    z = hinges(features) / spread
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        w = np.maximum(0, w - rate * (z.T @ (p - label) / len(label) + l2 * w))
        b -= rate * (p - label).mean()
    return lambda x: 1 / (1 + np.exp(-((hinges(x) / spread) @ w + b)))


def fit(features, label, l2=0.01, steps=3000, rate=0.1):
    mean, spread = features.mean(0), features.std(0) + 1e-9
    z = np.hstack([(features - mean) / spread, np.ones((len(features), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        w -= rate * (z.T @ (p - label) / len(label) + l2 * np.r_[w[:-1], 0])
    return lambda x: 1 / (1 + np.exp(-(np.hstack([(x - mean) / spread, np.ones((len(x), 1))]) @ w)))


def main(training, folders, monotone):
    rows = list(csv.DictReader(open(training)))
    model = (fit_monotone if monotone else fit)(matrix(rows), np.array([float(r["same_source"]) for r in rows]))
    for folder in folders:
        pairs = list(csv.DictReader(open(f"{folder}/features.csv")))
        scores = {(r["a"], r["b"]): float(r["score"]) for r in csv.DictReader(open(f"{folder}/scores.csv"))}
        label = np.array([1.0 if r["same_source"] in ("1", "true", "True") else 0.0 for r in pairs])
        committed = np.array([scores[(r["a"], r["b"])] for r in pairs])
        regression = model(matrix(pairs))
        errors = int(((regression >= 0.5) & (label == 0)).sum()), int(((regression < 0.5) & (label == 1)).sum())
        print(f"{folder}: model AUC {auc(committed, label):.4f} ECE {ece(committed, label):.3f} | "
              f"regression AUC {auc(regression, label):.4f} ECE {ece(regression, label):.3f}, at 0.5 {errors[0]} FP {errors[1]} FN")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--monotone"]
    if len(arguments) < 2:
        sys.exit(__doc__)
    main(arguments[0], arguments[1:], "--monotone" in sys.argv[1:])
