namespace Ballistics.Samples;

/// <summary>
/// Another lab's processing of a raw scan, written independently of the engine's preprocessing so that a model is
/// checked against processing it was not built around (the way CSAFE's cmcR files and TopMatch exports differ from
/// ours): an examiner-placed crop of the breech-face annulus (primer edge less 250 µm, the firing-pin aperture plus
/// 100 µm, from the shot's known geometry), a plain least-squares plane removed, a Gaussian band-pass of its own
/// (16–300 µm unless <see cref="ScanConditions.LabLongCutoffUm"/> says otherwise, ISO weighting, over valid points), NaN everywhere else. The scan keeps its frame and step.
/// </summary>
internal static class OtherLabProcessing
{
    private const double PrimerMarginUm = 250;
    private const double ApertureMarginUm = 100;
    private const double ShortCutoffUm = 16;

    /// <summary>The long cut-off when the conditions name none.</summary>
    public const double DefaultLongCutoffUm = 300;

    /// <summary>Gaussian σ of the ISO 16610-21 filter of cut-off λc: λc·√(ln 2 / 2) / π.</summary>
    private static double Sigma(double cutoffUm) => cutoffUm * Math.Sqrt(Math.Log(2) / 2) / Math.PI;

    public static void Apply(float[] heights, FiringDraw d, MakeModel model, float quantumUm, double longCutoffUm = DefaultLongCutoffUm)
    {
        var (width, height) = (d.Width, d.Height);
        var (primerX, primerY) = d.GunToScan(d.PrimerOffsetXUm, d.PrimerOffsetYUm);
        var (pinX, pinY) = d.GunToScan(d.PinOffsetXUm, d.PinOffsetYUm);
        var outer = d.PrimerRadiusUm - PrimerMarginUm;
        var inner = Math.Max(model.ApertureHalfWidthUm, model.ApertureHalfHeightUm) + ApertureMarginUm;
        var mask = new float[heights.Length];
        for (var row = 0; row < height; row++)
        {
            var y = (row - d.CentreRow) * d.StepUm;
            for (var column = 0; column < width; column++)
            {
                var x = (column - d.CentreColumn) * d.StepUm;
                var k = (row * width) + column;
                var inside = Hypot(x - primerX, y - primerY) <= outer && Hypot(x - pinX, y - pinY) >= inner;
                mask[k] = inside && float.IsFinite(heights[k]) ? 1f : 0f;
            }
        }

        RemovePlane(heights, mask, width, height);
        var low = MaskedBlur(heights, mask, width, height, Sigma(ShortCutoffUm) / d.StepUm);
        var longWaves = MaskedBlur(heights, mask, width, height, Sigma(longCutoffUm) / d.StepUm);
        var inverse = 1f / quantumUm;
        for (var k = 0; k < heights.Length; k++)
        {
            var z = mask[k] > 0 ? low[k] - longWaves[k] : float.NaN;
            heights[k] = float.IsFinite(z) ? MathF.Round(z * inverse) * quantumUm : float.NaN;
            heights[k] = heights[k] == 0 ? 0f : heights[k];
        }
    }

    private static double Hypot(double x, double y) => Math.Sqrt((x * x) + (y * y));

    /// <summary>Least-squares plane z = a + b·x + c·y over the masked points, subtracted from them.</summary>
    private static void RemovePlane(float[] heights, float[] mask, int width, int height)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, sz = 0, sxz = 0, syz = 0;
        for (var k = 0; k < heights.Length; k++)
        {
            if (mask[k] == 0)
            {
                continue;
            }

            double x = k % width, y = k / width, z = heights[k];
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
            sz += z;
            sxz += x * z;
            syz += y * z;
        }

        if (n < 3)
        {
            return;
        }

        // Centred normal equations: the slopes from the covariances, the offset from the means.
        double mx = sx / n, my = sy / n, mz = sz / n;
        double cxx = (sxx / n) - (mx * mx), cyy = (syy / n) - (my * my), cxy = (sxy / n) - (mx * my);
        double cxz = (sxz / n) - (mx * mz), cyz = (syz / n) - (my * mz);
        var det = (cxx * cyy) - (cxy * cxy);
        if (Math.Abs(det) < 1e-12)
        {
            return;
        }

        var b = ((cxz * cyy) - (cyz * cxy)) / det;
        var c = ((cyz * cxx) - (cxz * cxy)) / det;
        for (var k = 0; k < heights.Length; k++)
        {
            if (mask[k] > 0)
            {
                heights[k] -= (float)(mz + (b * ((k % width) - mx)) + (c * ((k / width) - my)));
            }
        }
    }

    /// <summary>Normalised convolution: blur(z·m) / blur(m), NaN where the kernel holds less than 30 % valid weight.</summary>
    private static float[] MaskedBlur(float[] heights, float[] mask, int width, int height, double sigmaPx)
    {
        var weighted = new float[heights.Length];
        for (var k = 0; k < heights.Length; k++)
        {
            weighted[k] = mask[k] > 0 ? heights[k] : 0f;
        }

        var weights = (float[])mask.Clone();
        FloatImage.GaussianBlur(weighted, width, height, sigmaPx);
        FloatImage.GaussianBlur(weights, width, height, sigmaPx);
        for (var k = 0; k < weighted.Length; k++)
        {
            weighted[k] = weights[k] >= 0.3f ? weighted[k] / weights[k] : float.NaN;
        }

        return weighted;
    }
}
