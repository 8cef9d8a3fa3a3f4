using System.Globalization;

namespace Ballistics.Engine.FiringPin;

/// <summary>
/// Compares two aperture-shear bands the way bullet lands are compared: at the turn the firing pin (else the breech
/// face) registered, each band's heights averaged along a direction into a profile across it, measured from the pin's
/// axis, separately on either side of the axis (the aperture's edge shears the leading side only, and a drag runs out
/// on that side), are cross-correlated within <see cref="ApertureShearComparisonOptions.MaxOffsetUm"/>, for every
/// direction <see cref="ApertureShearComparisonOptions.DirectionStepDeg"/> apart (the profiles are the views', built once
/// per band). The best direction, side and offset count. Stateless; safe to share between threads.
/// </summary>
internal sealed class ApertureShearComparer(ApertureShearComparisonOptions options)
{
    public ApertureShearComparison Compare(ApertureShearRegion a, ApertureShearRegion b, double? rotationDeg)
    {
        if (RegionPair.NotComparable(a.Status, a.Reason, b.Status, b.Reason) is { } not)
        {
            return not.Status == RegionComparisonStatus.Absent ? ApertureShearComparison.Absent(not.Reason) : ApertureShearComparison.Failed(not.Reason);
        }

        if (rotationDeg is not { } theta)
        {
            return ApertureShearComparison.Failed("neither the firing pins nor the breech faces registered: there is no turn to read the striae at");
        }

        var viewA = a.Band!.View();
        var viewB = b.Band!.View();
        if (Math.Abs(viewA.StepUm - viewB.StepUm) > 1e-6 * viewA.StepUm)
        {
            return ApertureShearComparison.Failed(string.Create(CultureInfo.InvariantCulture, $"the bands were prepared at {viewA.StepUm} µm and {viewB.StepUm} µm; prepare both with the same options"));
        }

        return Compare(viewA, viewB, theta);
    }

    private ApertureShearComparison Compare(ShearBandView a, ShearBandView b, double theta)
    {
        var step = a.StepUm;
        var maxLag = (int)Math.Round(options.MaxOffsetUm / step);
        var minOverlap = Math.Max(8, (int)Math.Ceiling(options.MinOverlapUm / step));
        var best = (Ncc: double.NegativeInfinity, Direction: 0, Lag: 0, Overlap: 0);
        for (var direction = 0.0; direction < ShearBandView.Directions; direction += options.DirectionStepDeg)
        {
            // A's direction s lies at s + θ in B's frame (Rotation2D turns counter-clockwise on screen); past half a turn
            // it is the opposite direction, whose profiles are B's own mirrored, sides exchanged.
            var atA = (int)direction;
            var atB = (int)Math.Round(direction + theta) % 360;
            atB = atB < 0 ? atB + 360 : atB;
            var mirrored = atB >= ShearBandView.Directions;
            for (var side = 0; side < 2; side++)
            {
                var profileB = mirrored ? b.Profile(atB - ShearBandView.Directions, 1 - side) : b.Profile(atB, side);
                var (ncc, lag, overlap) = BestOffset(a.Profile(atA, side), a.Centre, profileB, b.Centre, mirrored, maxLag, minOverlap);
                if (ncc > best.Ncc)
                {
                    best = (ncc, atA, lag, overlap);
                }
            }
        }

        if (!double.IsFinite(best.Ncc))
        {
            return ApertureShearComparison.Failed(string.Create(CultureInfo.InvariantCulture, $"the bands' striae profiles overlap by less than {options.MinOverlapUm} µm on either side of the axis"));
        }

        // How much more the two bands' relief is oriented across the striae found than an even spread would be.
        var gradient = best.Direction + 90;
        var coherence = (a.Orientation[ShearBandView.Bin(gradient)] + b.Orientation[ShearBandView.Bin(gradient + theta)]) / 2 * ShearBandView.OrientationBins;
        return new ApertureShearComparison
        {
            Status = RegionComparisonStatus.Compared,
            Ncc = best.Ncc,
            DirectionDeg = best.Direction,
            OffsetUm = best.Lag * step,
            OverlapUm = best.Overlap * step,
            Coherence = coherence,
            RotationDeg = theta,
        };
    }

    /// <summary>
    /// The Pearson correlation of A's profile and B's (<paramref name="mirrored"/>: read reversed about the axis) at the best
    /// offset within ±<paramref name="maxLag"/> points; the profiles' points without enough heights (NaN) are left out.
    /// </summary>
    private static (double Ncc, int Lag, int Overlap) BestOffset(
        ReadOnlySpan<float> a, int centreA, ReadOnlySpan<float> b, int centreB, bool mirrored, int maxLag, int minOverlap)
    {
        var best = (Ncc: double.NegativeInfinity, Lag: 0, Overlap: 0);
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
            for (var i = 0; i < a.Length; i++)
            {
                // The same distance across the striae from the axis, moved by the lag, on B's profile.
                var across = i - centreA + lag;
                var j = mirrored ? centreB - across : centreB + across;
                if ((uint)j >= (uint)b.Length)
                {
                    continue;
                }

                var va = a[i];
                var vb = b[j];
                if (float.IsNaN(va) || float.IsNaN(vb))
                {
                    continue;
                }

                n++;
                sa += va;
                sb += vb;
                saa += va * va;
                sbb += vb * vb;
                sab += va * vb;
            }

            if (n < minOverlap)
            {
                continue;
            }

            var varA = saa - (sa * sa / n);
            var varB = sbb - (sb * sb / n);
            if (varA <= 0 || varB <= 0)
            {
                continue;
            }

            var ncc = (sab - (sa * sb / n)) / Math.Sqrt(varA * varB);
            if (ncc > best.Ncc)
            {
                best = (ncc, lag, (int)n);
            }
        }

        return best;
    }
}
