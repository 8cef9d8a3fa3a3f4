namespace Ballistics.Engine.Evaluation;

/// <summary>Accuracy of one scoring method on one labelled set.</summary>
public sealed record AccuracyReport
{
    public required int Pairs { get; init; }

    public required int SameSourcePairs { get; init; }

    public required int DifferentSourcePairs { get; init; }

    /// <summary>Area under the ROC curve (probability a random same pair outscores a random different pair; ties count ½). NaN with one class only.</summary>
    public required double Auc { get; init; }

    /// <summary>Rate at which false positives and false negatives are equal, interpolated along the ROC curve.</summary>
    public required double EqualErrorRate { get; init; }

    public required double EqualErrorThreshold { get; init; }

    public required double Threshold { get; init; }

    public required double FalsePositiveRate { get; init; }

    public required double FalseNegativeRate { get; init; }

    /// <summary>Items that have at least one same-source partner: the queries of the top-k hit rates.</summary>
    public required int Queries { get; init; }

    /// <summary>k → fraction of queries with a same-source item among their k best-scored others (ties counted against).</summary>
    public required IReadOnlyDictionary<int, double> TopK { get; init; }

    /// <summary>Lowest same-source score minus highest different-source score: positive when the classes separate completely.</summary>
    public required double SeparationGap { get; init; }

    public required IReadOnlyList<RocPoint> Roc { get; init; }
}
