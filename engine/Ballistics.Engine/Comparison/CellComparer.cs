using System.Buffers;
using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// Congruent Matching Cells of a reference scan against another, around a global registration. The
/// other scan is turned once per trial angle onto the reference grid; each reference cell is then
/// searched by masked NCC (<see cref="DirectNcc"/>: the window is narrow) around where the registration
/// predicts it. Buffers are per call and pooled; nothing is allocated per cell.
/// </summary>
internal sealed class CellComparer
{
    private readonly CmcOptions _options;

    public CellComparer(CmcOptions options) => _options = options;

    /// <param name="reference">Scan whose cells are matched (fixed).</param>
    /// <param name="other">Scan searched (moving), at the same step.</param>
    /// <param name="registration">Other onto reference, in the convention of <see cref="Registration"/>.</param>
    /// <param name="stepUm">Grid step of both images.</param>
    public CmcDirection Compare(MaskedImage reference, MaskedImage other, Registration registration, double stepUm)
    {
        var grid = _options.GridCells;
        var cellW = (reference.Width + grid - 1) / grid;
        var cellH = (reference.Height + grid - 1) / grid;
        var shift = Math.Max(1, (int)Math.Round(_options.MaxShiftUm / stepUm));
        var angleSteps = (int)Math.Floor((_options.AngleRangeDeg / _options.AngleStepDeg) + 1e-9);
        var angles = (2 * angleSteps) + 1;

        var cells = new List<(Rect Rect, double ValidFraction)>();
        for (var r = 0; r < grid; r++)
        {
            for (var c = 0; c < grid; c++)
            {
                var rect = CellRect(r, c, reference.Width, reference.Height, grid);
                if (rect.Width <= 0 || rect.Height <= 0)
                {
                    cells.Add((rect, 0));
                    continue;
                }

                using var mask = new Mat(reference.Mask, rect);
                cells.Add((rect, Cv2.CountNonZero(mask) / (double)(cellW * cellH)));
            }
        }

        var trials = ArrayPool<NccPeak>.Shared.Rent(cells.Count * angles);
        var trialsSpan = trials.AsSpan(0, cells.Count * angles);
        trialsSpan.Fill(NccPeak.None);

        // The other scan is turned onto a canvas one margin wider than the reference on every side, so that the
        // shifted search windows (moved by up to the angle range's turn at the corners) stay inside it and on the
        // vector path; points of the margin are invalid, as outside the scan.
        var turnReach = (int)Math.Ceiling(0.5 * Math.Sqrt((reference.Width * reference.Width) + (reference.Height * reference.Height)) * _options.AngleRangeDeg * Math.PI / 180);
        var margin = shift + turnReach + 8;
        using var warped = MaskedImage.Create(reference.Width + (2 * margin), reference.Height + (2 * margin));
        using var prefixes = new NccMovingBuffers();
        try
        {
            var fixedPlanes = NccPlanes.Of(reference);
            var cax = (reference.Width - 1) / 2.0;
            var cay = (reference.Height - 1) / 2.0;
            for (var k = 0; k < angles; k++)
            {
                var delta = (k - angleSteps) * _options.AngleStepDeg;
                var turn = Rotation2D.FromDegrees(delta);
                warped.WarpRegistered(other, registration, stepUm, delta);
                var movingPlanes = prefixes.Load(warped);

                for (var i = 0; i < cells.Count; i++)
                {
                    var (rect, validFraction) = cells[i];
                    if (validFraction < _options.MinValidFraction)
                    {
                        continue;
                    }

                    // Where the registration's rigid motion, turned by delta about the other scan's centre, moves this cell.
                    var px = rect.X + ((rect.Width - 1) / 2.0) - cax - (registration.DxUm / stepUm);
                    var py = rect.Y + ((rect.Height - 1) / 2.0) - cay - (registration.DyUm / stepUm);
                    var (tx, ty) = turn.Apply(px, py);
                    var ex = (int)Math.Round(tx - px);
                    var ey = (int)Math.Round(ty - py);

                    var minOverlap = Math.Max(16, (int)(_options.MinOverlapFraction * validFraction * cellW * cellH));
                    var peak = DirectNcc.FindPeak(fixedPlanes, rect, movingPlanes, rect.X + ex + margin, rect.Y + ey + margin, shift, shift, minOverlap);
                    if (peak.Found)
                    {
                        // Translation of the match in the reference frame, measured from the registration's prediction at the registered angle.
                        trialsSpan[(i * angles) + k] = peak with { ShiftX = peak.ShiftX + ex, ShiftY = peak.ShiftY + ey };
                    }
                }
            }

            return Decide(cells, trialsSpan, angles, angleSteps, stepUm, registration.RotationDeg);
        }
        finally
        {
            ArrayPool<NccPeak>.Shared.Return(trials);
        }
    }

    /// <summary>
    /// Where cell (row, column) of a grid×grid layout lies in a width×height scan: every cell is ⌈width/grid⌉ × ⌈height/grid⌉
    /// points, so those of the last row and column are cut short (or empty) when the sizes do not divide.
    /// </summary>
    public static Rect CellRect(int row, int column, int width, int height, int grid)
    {
        var cellW = (width + grid - 1) / grid;
        var cellH = (height + grid - 1) / grid;
        return new Rect(column * cellW, row * cellH, Math.Min(cellW, width - (column * cellW)), Math.Min(cellH, height - (row * cellH)));
    }

    private CmcDirection Decide(List<(Rect Rect, double ValidFraction)> cells, ReadOnlySpan<NccPeak> trials, int angles, int angleSteps, double stepUm, double baseAngle)
    {
        var grid = _options.GridCells;
        var best = new CellResult[cells.Count];
        var bestAngle = new int[cells.Count];
        var valid = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var top = -1;
            for (var k = 0; k < angles; k++)
            {
                if (trials[(i * angles) + k].Found && (top < 0 || trials[(i * angles) + k].Ncc > trials[(i * angles) + top].Ncc))
                {
                    top = k;
                }
            }

            bestAngle[i] = top;
            if (top < 0)
            {
                best[i] = new CellResult(i / grid, i % grid, double.NaN, double.NaN, double.NaN, double.NaN, cells[i].ValidFraction, false, false);
                continue;
            }

            valid++;
            var peak = trials[(i * angles) + top];
            best[i] = new CellResult(i / grid, i % grid, peak.Ncc, peak.X * stepUm, peak.Y * stepUm, baseAngle + ((top - angleSteps) * _options.AngleStepDeg), cells[i].ValidFraction, true, false);
        }

        // Original CMC (Song 2013): each cell at its own best angle, congruent with the median of all cells.
        var found = best.Where(c => c.Found).ToArray();
        var medianDx = Median(found.Select(c => c.DxUm));
        var medianDy = Median(found.Select(c => c.DyUm));
        var medianTheta = Median(found.Select(c => c.RotationDeg));
        var cmc = 0;
        for (var i = 0; i < best.Length; i++)
        {
            var c = best[i];
            if (c.Found && c.Ccf >= _options.CcfThreshold
                && Math.Abs(c.DxUm - medianDx) <= _options.TranslationThresholdUm
                && Math.Abs(c.DyUm - medianDy) <= _options.TranslationThresholdUm
                && Math.Abs(c.RotationDeg - medianTheta) <= _options.AngleThresholdDeg)
            {
                best[i] = c with { Congruent = true };
                cmc++;
            }
        }

        var high = HighCmc(trials, cells.Count, angles, stepUm);
        return new CmcDirection(best, valid, cmc, high, medianTheta, medianDx, medianDy);
    }

    /// <summary>
    /// High CMC (Tong 2015): for every trial angle count the cells that pass the CCF threshold and agree with
    /// that angle's median translation; the count is the number of cells congruent at some angle within the
    /// angle threshold of the best-supported angle.
    /// </summary>
    private int HighCmc(ReadOnlySpan<NccPeak> trials, int cellCount, int angles, double stepUm)
    {
        Span<int> perAngle = stackalloc int[angles];
        Span<double> medX = stackalloc double[angles];
        Span<double> medY = stackalloc double[angles];
        var xs = new List<double>(cellCount);
        var ys = new List<double>(cellCount);
        for (var k = 0; k < angles; k++)
        {
            xs.Clear();
            ys.Clear();
            for (var i = 0; i < cellCount; i++)
            {
                var t = trials[(i * angles) + k];
                if (t.Found && t.Ncc >= _options.CcfThreshold)
                {
                    xs.Add(t.X * stepUm);
                    ys.Add(t.Y * stepUm);
                }
            }

            medX[k] = Median(xs);
            medY[k] = Median(ys);
            var count = 0;
            for (var i = 0; i < cellCount; i++)
            {
                if (IsCongruent(trials[(i * angles) + k], medX[k], medY[k], stepUm))
                {
                    count++;
                }
            }

            perAngle[k] = count;
        }

        var peakAngle = 0;
        for (var k = 1; k < angles; k++)
        {
            if (perAngle[k] > perAngle[peakAngle])
            {
                peakAngle = k;
            }
        }

        var window = (int)Math.Floor((_options.AngleThresholdDeg / _options.AngleStepDeg) + 1e-9);
        var high = 0;
        for (var i = 0; i < cellCount; i++)
        {
            for (var k = Math.Max(0, peakAngle - window); k <= Math.Min(angles - 1, peakAngle + window); k++)
            {
                if (IsCongruent(trials[(i * angles) + k], medX[k], medY[k], stepUm))
                {
                    high++;
                    break;
                }
            }
        }

        return high;
    }

    private bool IsCongruent(NccPeak t, double medianX, double medianY, double stepUm) =>
        t.Found && t.Ncc >= _options.CcfThreshold
        && Math.Abs((t.X * stepUm) - medianX) <= _options.TranslationThresholdUm
        && Math.Abs((t.Y * stepUm) - medianY) <= _options.TranslationThresholdUm;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
