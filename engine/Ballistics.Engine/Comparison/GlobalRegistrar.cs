using System.Globalization;
using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// Finds the rotation and shift of B onto A over the full circle: cartridge cases lie in the corpus in any
/// orientation. The centred polar correlation and the polar spectra propose angles; each is scored with the shift by plain cross-correlation on the
/// coarse grid (two DFTs per angle, A's transform cached with the scan); the best few are scored exactly by
/// masked NCC in a narrow window around their shift (<see cref="DirectNcc"/>), the best angle is refined by a
/// parabola, and the shift is read again on the scans' own grid.
/// </summary>
internal sealed class GlobalRegistrar
{
    private readonly RegistrationOptions _options;

    public GlobalRegistrar(RegistrationOptions options) => _options = options;

    /// <summary>Convenience for single comparisons: builds both scans' comparison views (the images stay the caller's).</summary>
    public Registration Register(MaskedImage a, MaskedImage b, double stepUm)
    {
        using var viewA = new ComparableScan(a, stepUm, _options, ownsImage: false);
        using var viewB = new ComparableScan(b, stepUm, _options, ownsImage: false);
        return Register(viewA, viewB);
    }

    public Registration Register(ComparableScan a, ComparableScan b)
    {
        var coarse = CoarseSweep(a, b, ProposeAngles(a, b));
        if (coarse.Count == 0)
        {
            return Registration.Failed(string.Create(CultureInfo.InvariantCulture,
                $"no rotation and shift lets the scans overlap by {_options.MinOverlapFraction:P0} of the smaller one (within {_options.MaxShiftUm:0} µm)"));
        }

        // Exact masked scores around each candidate's coarse shift decide between them (their agreement in the better
        // half of the sectors about the axis, so that partial contact does not dilute the right pose); the sweep's
        // plain correlation only ranked them.
        var coarseStep = a.CoarseStepUm;
        using var level = new DirectLevel(a.Coarse, b.Coarse, coarseStep, radius: 2, _options.MinOverlapFraction);
        var best = (Angle: 0.0, Peak: NccPeak.None, X: 0.0, Y: 0.0);
        var bestAgreement = double.NegativeInfinity;
        foreach (var (angle, _, x, y) in coarse.Take(_options.Candidates))
        {
            var (peak, px, py) = level.Search(angle, x, y);
            var agreement = !peak.Found ? double.NegativeInfinity : _options.SelectBySectors ? level.SectorAgreement(angle, px, py, a.CoarseAxis) : peak.Ncc;
            if (agreement > bestAgreement)
            {
                (best, bestAgreement) = ((angle, peak, px, py), agreement);
            }
        }

        if (!best.Peak.Found)
        {
            return Registration.Failed(string.Create(CultureInfo.InvariantCulture,
                $"none of the {Math.Min(coarse.Count, _options.Candidates)} candidate poses keeps an overlap of {_options.MinOverlapFraction:P0} of the smaller scan when scored exactly"));
        }

        // The score is smooth in angle near its peak: a parabola through the best angle and one step either side
        // places it between steps, and the shift is read again there.
        var stepDeg = _options.FineAngleStepDeg;
        var left = level.Search(best.Angle - stepDeg, best.X, best.Y).Peak.Ncc;
        var right = level.Search(best.Angle + stepDeg, best.X, best.Y).Peak.Ncc;
        var denominator = left - (2 * best.Peak.Ncc) + right;
        if (left > -1 && right > -1 && denominator < 0)
        {
            var offset = Math.Clamp(0.5 * (left - right) / denominator, -1, 1) * stepDeg;
            var refined = level.Search(best.Angle + offset, best.X, best.Y);
            if (refined.Peak.Found && refined.Peak.Ncc >= best.Peak.Ncc - 0.02)
            {
                best = (best.Angle + offset, refined.Peak, refined.X, refined.Y);
            }
        }

        var result = Result(best.Angle, best.Peak, best.X, best.Y, coarseStep, a.Coarse, b.Coarse);
        if (coarseStep <= a.StepUm * 1.01)
        {
            return result;
        }

        // On the scans' own grid the coarse shift is good to about one coarse step.
        var ratio = coarseStep / a.StepUm;
        using var fine = new DirectLevel(a.Image, b.Image, a.StepUm, (int)Math.Ceiling(ratio) + 1, _options.MinOverlapFraction);
        var final = fine.Search(best.Angle, best.X * ratio, best.Y * ratio);
        return final.Peak.Found ? Result(best.Angle, final.Peak, final.X, final.Y, a.StepUm, a.Image, b.Image) : result;
    }

    private static Registration Result(double angle, NccPeak peak, double x, double y, double stepUm, MaskedImage a, MaskedImage b) =>
        new(Rotation2D.Normalise(angle), -x * stepUm, -y * stepUm, peak.Ncc, Math.Min(1, peak.Overlap / (double)Math.Max(1, Math.Min(a.ValidCount, b.ValidCount))));

    /// <summary>
    /// Angles at which B may lie on A: the best peaks of the centred polar correlation (<see cref="CentredPolarImage"/>:
    /// where the marks are, given the turning axes), then those of the polar magnitude spectra (which directions the
    /// marks run in, whatever the centres), each list best first, angles within a degree of an earlier one dropped.
    /// Magnitudes cannot tell θ from θ + 180°; both come out as peaks and the Cartesian scoring decides.
    /// </summary>
    private List<double> ProposeAngles(ComparableScan a, ComparableScan b)
    {
        var proposals = new List<double>();
        CentredAngles(a, b, proposals);
        SpectrumAngles(a, b, proposals);
        if (proposals.Count == 0)
        {
            var steps = (int)Math.Round(360 / _options.CoarseAngleStepDeg);
            proposals.AddRange(Enumerable.Range(0, steps).Select(k => k * 360.0 / steps));
        }

        return proposals;
    }

    /// <summary>Peaks of the centred polar correlation, best first, appended to <paramref name="into"/>.</summary>
    private void CentredAngles(ComparableScan a, ComparableScan b, List<double> into)
    {
        if (a.CentredPolar is { } centredA && b.CentredPolar is { } centredB)
        {
            Span<double> profile = stackalloc double[CentredPolarImage.Angles];
            var minOverlap = Math.Max(16, (int)(_options.MinOverlapFraction * Math.Min(centredA.ValidCount, centredB.ValidCount)));
            CentredPolarImage.Profile(centredA, centredB, minOverlap, profile);
            AddPeaks(profile, _options.CentredCandidates, into);
        }
    }

    /// <summary>Peaks of the polar magnitude spectra's angle sweep, best first, appended to <paramref name="into"/>.</summary>
    internal void SpectrumAngles(ComparableScan a, ComparableScan b, List<double> into)
    {
        if (a.PolarSpectra is not null && b.PolarSpectra is not null)
        {
            using var ncc = new MaskedNcc(ComparableScan.PolarFftSize);
            Span<double> profile = stackalloc double[PolarSpectrum.Angles];
            ncc.BestPerRow(a.PolarSpectra, b.PolarSpectra, 0, PolarSpectrum.Radii * PolarSpectrum.Angles / 2, profile);
            // Row shift u means A(φ) ↔ B(φ + u); polar angles run clockwise, so B turned counter-clockwise by u degrees lies on A.
            AddPeaks(profile, _options.PolarCandidates, into);
        }
    }

    /// <summary>Appends the <paramref name="count"/> highest local maxima of a circular angle profile (entry k at k·360/length degrees).</summary>
    internal static void AddPeaks(ReadOnlySpan<double> profile, int count, List<double> into)
    {
        var n = profile.Length;
        var peaks = new List<(double Angle, double Ncc)>();
        for (var k = 0; k < n; k++)
        {
            var here = profile[k];
            if (here > -1 && here >= profile[(k + n - 1) % n] && here > profile[(k + 1) % n])
            {
                peaks.Add((k * 360.0 / n, here));
            }
        }

        var added = 0;
        foreach (var (angle, _) in peaks.OrderByDescending(p => p.Ncc))
        {
            if (added == count)
            {
                break;
            }

            if (!into.Exists(p => Math.Abs(Rotation2D.Normalise(p - angle)) < 1))
            {
                into.Add(angle);
                added++;
            }
        }
    }

    /// <summary>
    /// Each angle scored with the best shift by plain (zero-filled) cross-correlation on a common canvas at the
    /// coarse step, normalised by the two energies: a ranking, not a score, so the overlap need not be exact.
    /// Returns the angles best first with the shift (coarse points, A(x) ↔ B turned (x + shift)).
    /// </summary>
    private List<(double Angle, double Score, double X, double Y)> CoarseSweep(ComparableScan a, ComparableScan b, List<double> angles)
    {
        var extent = Math.Max(Math.Max(a.Coarse.Width, a.Coarse.Height), Math.Max(b.Coarse.Width, b.Coarse.Height));
        // The canvas holds either scan at any angle (prepared scans hold a disc of data) plus the searched shift without wrap-around.
        var reach = (int)Math.Ceiling(1.05 * extent) + 2;
        var maxShift = Math.Min(reach / 2, (int)Math.Ceiling(_options.MaxShiftUm / a.CoarseStepUm));
        var side = MaskedNcc.FastSize(reach + maxShift);
        var (spectrumA, energyA) = a.CanvasSpectrum(side);

        var results = new List<(double Angle, double Score, double X, double Y)>(angles.Count);
        using var canvas = new Mat(side, side, MatType.CV_32FC1, Scalar.All(0));
        using var flipped = new Mat();
        using var spectrumB = new Mat();
        using var product = new Mat();
        using var correlation = new Mat();
        var centre = (side - 1) / 2.0;
        // B turned about its centre stays within its radius of the canvas centre: only that square is warped (every
        // angle writes the same square; the rest of the canvas stays zero).
        var reachB = (int)Math.Ceiling(b.CoarseRadius) + 2;
        var corner = Math.Max(0, (int)Math.Floor(centre) - reachB);
        var size = Math.Min(side - corner, (2 * reachB) + 2);
        var pending = new List<double>(angles);
        while (pending.Count > 0)
        {
            var angle = pending[0];
            pending.RemoveAt(0);
            var map = SourceMap.Turn(Rotation2D.FromDegrees(angle), (b.Coarse.Width - 1) / 2.0, (b.Coarse.Height - 1) / 2.0, centre - corner, centre - corner);
            b.Coarse.WarpValuesInto(canvas.AsSpan<float>()[((corner * side) + corner)..], size, size, side, map);

            if (Score(angle, canvas) is { } scored)
            {
                results.Add(scored);
            }

            // Magnitude spectra propose θ and θ + 180° together. Turning by another 180° about the canvas centre
            // is flipping both axes, far cheaper than a second warp, and samples the same source points.
            var opposite = pending.FindIndex(p => Math.Abs(Rotation2D.Normalise(p - angle - 180)) < 1e-6);
            if (opposite >= 0)
            {
                Cv2.Flip(canvas, flipped, FlipMode.XY);
                if (Score(pending[opposite], flipped) is { } scoredOpposite)
                {
                    results.Add(scoredOpposite);
                }

                pending.RemoveAt(opposite);
            }
        }

        // Null when either canvas holds no energy (nothing valid to correlate).
        (double Angle, double Score, double X, double Y)? Score(double angle, Mat turned)
        {
            var energy = Cv2.Norm(turned, NormTypes.L2SQR);
            if (energyA <= 0 || energy <= 0)
            {
                return null;
            }

            Cv2.Dft(turned, spectrumB, DftFlags.None);
            // corr(u) = Σx a(x)·b(x + u) = IDFT(B·conj(A)).
            Cv2.MulSpectrums(spectrumB, spectrumA, product, DftFlags.None, conjB: true);
            // Computing only the searched rows (nonzeroRows) measured ten times slower in OpenCV 4.13 than the whole inverse.
            Cv2.Dft(product, correlation, DftFlags.Inverse | DftFlags.Scale | DftFlags.RealOutput);
            var map = correlation.AsSpan<float>();
            var top = (Value: double.NegativeInfinity, X: 0, Y: 0);
            for (var dy = -maxShift; dy <= maxShift; dy++)
            {
                var row = ((dy + side) % side) * side;
                for (var dx = -maxShift; dx <= maxShift; dx++)
                {
                    var value = map[row + ((dx + side) % side)];
                    if (value > top.Value)
                    {
                        top = (value, dx, dy);
                    }
                }
            }

            return (angle, top.Value / Math.Sqrt(energyA * energy), top.X, top.Y);
        }

        results.Sort((p, q) => q.Score.CompareTo(p.Score));
        return results;
    }
}
