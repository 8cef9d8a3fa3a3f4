namespace Ballistics.Samples;

/// <summary>What a corpus run wrote.</summary>
/// <param name="OutputDirectory">Absolute path of the corpus folder.</param>
/// <param name="Rows">Manifest rows, firearm by firearm, shot by shot.</param>
/// <param name="GroundTruth">Per-scan truth, in the order of <paramref name="Rows"/>.</param>
/// <param name="FirearmsPerMakeModel">How many firearms of each make and model.</param>
/// <param name="ScansPerAmmo">How many scans of each ammunition brand.</param>
/// <param name="Options">The options the corpus was generated with.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
public sealed record CorpusSummary(
    string OutputDirectory,
    IReadOnlyList<ManifestRow> Rows,
    IReadOnlyList<GroundTruthRow> GroundTruth,
    IReadOnlyDictionary<string, int> FirearmsPerMakeModel,
    IReadOnlyDictionary<string, int> ScansPerAmmo,
    CorpusOptions Options,
    TimeSpan Elapsed)
{
    public string ManifestPath => Path.Combine(OutputDirectory, CorpusGenerator.ManifestFileName);

    public string GroundTruthPath => Path.Combine(OutputDirectory, CorpusGenerator.GroundTruthFileName);

    public int ScanCount => Rows.Count;

    public TimeSpan ElapsedPerScan => Rows.Count == 0 ? TimeSpan.Zero : Elapsed / Rows.Count;
}
