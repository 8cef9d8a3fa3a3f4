namespace Ballistics.Engine.Evaluation;

/// <summary>One scored pair of a labelled set: item indexes, the score, and whether the two share a source.</summary>
public readonly record struct ScoredPair(int A, int B, double Score, bool SameSource);

/// <summary>A point of a ROC curve: the threshold and the rates at it (score ≥ threshold counts as a lead).</summary>
public readonly record struct RocPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate);
