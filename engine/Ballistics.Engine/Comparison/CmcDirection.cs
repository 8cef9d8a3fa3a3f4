namespace Ballistics.Engine.Comparison;

/// <summary>CMC of one direction (reference → other): the cells and the counts of both decision rules.</summary>
public sealed record CmcDirection(
    IReadOnlyList<CellResult> Cells,
    int ValidCells,
    int CmcCount,
    int HighCmcCount,
    double ConsensusRotationDeg,
    double ConsensusDxUm,
    double ConsensusDyUm)
{
    public double CmcFraction => ValidCells == 0 ? 0 : CmcCount / (double)ValidCells;
}
