namespace Ballistics.Engine.Comparison;

/// <summary>
/// One reference cell's best match in the other scan: the correlation, the translation of the match
/// from where the global registration put the cell (µm), the cell angle (degrees, absolute) and the
/// cell's valid fraction. <see cref="Found"/> is false for cells with too little data or no overlap.
/// </summary>
public readonly record struct CellResult(int Row, int Column, double Ccf, double DxUm, double DyUm, double RotationDeg, double ValidFraction, bool Found, bool Congruent);
