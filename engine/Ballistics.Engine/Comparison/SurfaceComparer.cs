using System.Buffers;
using System.Numerics.Tensors;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Comparison;

/// <summary>Everything one comparison measured, before a score is put on it.</summary>
internal sealed record SurfaceComparison(Registration Registration, CmcDirection Forward, CmcDirection Backward, ComparisonFeatures Features)
{
    /// <summary>
    /// The long cut-off (µm) both topographies were high-passed at because their bands differed
    /// (<see cref="CommonBandOptions"/>); null when each was compared in its prepared band.
    /// </summary>
    public double? CommonBandLongCutoffUm { get; init; }

    /// <summary>Whether B was compared with its sign turned over (photographs, one or both with shading as recorded).</summary>
    public bool ShadingInverted { get; init; }

    /// <summary>For a topography rendered as a photograph, the direction its light was brighter from in the rendering kept.</summary>
    public double? RenderedLightAzimuthDeg { get; init; }

    /// <summary>For a topography rendered as a photograph, whether the rendering kept was the even ring's.</summary>
    public bool RenderedEvenRing { get; init; }

    /// <summary>For a photograph's shading relit from another side, the turn (degrees) from the side it was recorded from.</summary>
    public double? SteeredDeg { get; init; }
}

/// <summary>
/// Compares two prepared surfaces on one grid step: global registration, CMC in both directions
/// (A's cells in B around the registration, then B's cells in A around its inverse), and the features.
/// Stateless apart from its options; safe to share between threads.
/// </summary>
internal sealed class SurfaceComparer
{
    private readonly ComparisonOptions _options;

    public SurfaceComparer(ComparisonOptions options) => _options = options;

    public ComparisonOptions Options => _options;

    public SurfaceComparison Compare(Surface a, Surface b)
    {
        using var viewA = View(a);
        using var viewB = View(b);
        return Compare(viewA, viewB);
    }

    /// <summary>The comparison view of one prepared surface, to be reused across comparisons.</summary>
    /// <param name="surface">The prepared surface.</param>
    /// <param name="centreUm">Its firing-pin axis in µm from the surface's centre, when known (<see cref="ComparableScan"/>).</param>
    public ComparableScan View(Surface surface, (double X, double Y)? centreUm = null) =>
        ComparableScan.FromHeights(surface.Values, surface.Width, surface.Height, surface.LateralStepXUm, _options.Registration, centreUm);

    public SurfaceComparison Compare(ComparableScan a, ComparableScan b)
    {
        using var alignment = Align(a, b);
        return Complete(alignment);
    }

    /// <summary>
    /// A comparison's first part: B registered onto A and the correlation of the whole overlap there. A choice between
    /// variants of one pair (<see cref="Matching.BreechFaceMatcher"/>) needs no more; <see cref="Complete"/> measures the rest.
    /// </summary>
    public Alignment Align(ComparableScan a, ComparableScan b) => AlignAt(a, b, new GlobalRegistrar(_options.Registration).Register(a, b));

    /// <summary>B put onto A at a registration found elsewhere (the same scans in another band), and the correlation of the whole overlap there.</summary>
    public Alignment AlignAt(ComparableScan a, ComparableScan b, Registration registration)
    {
        // B's image is turned onto A's grid once: the whole-overlap correlation and the sectors' both read it.
        var warped = MaskedImage.Create(a.Image.Width, a.Image.Height);
        try
        {
            warped.WarpRegistered(b.Image, registration, a.StepUm, 0);
            var (alignedCcf, overlap) = Correlation(a.Image, warped, b.Image.ValidCount);
            return new Alignment(a, b, registration, warped, alignedCcf, overlap);
        }
        catch
        {
            warped.Dispose();
            throw;
        }
    }

    /// <summary>The rest of the comparison <paramref name="alignment"/> began: both CMC directions, the other aligned correlations, the features.</summary>
    public SurfaceComparison Complete(Alignment alignment)
    {
        var (a, b, registration) = (alignment.A, alignment.B, alignment.Registration);
        var stepUm = a.StepUm;
        var cells = new CellComparer(_options.Cmc);
        var forward = cells.Compare(a.CellImage, b.CellImage, registration, stepUm);
        var backward = cells.Compare(b.CellImage, a.CellImage, registration.Inverse(), stepUm);
        var aligned = new AlignedCorrelations(
            alignment.AlignedCcf,
            alignment.OverlapFraction,
            AlignedCorrelation(a.Residual, b.Residual, registration, stepUm).Ccf,
            AlignedCorrelation(a.Whitened, b.Whitened, registration, stepUm).Ccf,
            registration.Registered ? AlignedSectors(a, alignment.Warped) : []);
        var chance = new ChanceLevel(
            TextureCorrelation.SharedAreaUm2(a.Texture, b.Texture, registration.RotationDeg),
            stepUm * stepUm * Math.Min(a.Image.ValidCount, b.Image.ValidCount),
            CellAreaUm2(a.Image, stepUm),
            CellAreaUm2(b.Image, stepUm),
            TextureCorrelation.SharedAreaUm2(a.WhitenedTexture, b.WhitenedTexture, registration.RotationDeg),
            stepUm);
        return new SurfaceComparison(registration, forward, backward, Features(registration, forward, backward, aligned, chance));
    }

    /// <summary>
    /// B registered onto A (<see cref="Align"/>): the registration, B's image turned onto A's grid (owned: disposed with
    /// this) and the correlation of their whole overlap.
    /// </summary>
    internal sealed class Alignment(ComparableScan a, ComparableScan b, Registration registration, MaskedImage warped, double alignedCcf, double overlapFraction) : IDisposable
    {
        public ComparableScan A { get; } = a;

        public ComparableScan B { get; } = b;

        public Registration Registration { get; } = registration;

        public MaskedImage Warped { get; } = warped;

        public double AlignedCcf { get; } = alignedCcf;

        public double OverlapFraction { get; } = overlapFraction;

        public void Dispose() => Warped.Dispose();
    }

    /// <summary>The aligned correlation sector by sector about A's turning axis (<see cref="SectorCorrelation"/>), B already turned onto A's grid.</summary>
    private static SectorCorrelation.Sector[] AlignedSectors(ComparableScan a, MaskedImage warped)
    {
        var sectors = new SectorCorrelation.Sector[SectorCorrelation.Sectors];
        return sectors[..SectorCorrelation.Measure(a.Image, warped, 0, a.SectorMap, sectors)];
    }

    /// <summary>
    /// The sectors that agree best, half of them, as one standardised sum: each sector's correlation standardised by
    /// its own common area (<see cref="TextureCorrelation.Standardise"/>), the better half summed and divided by the
    /// square root of their number. Between unrelated scans it sits near two units (the mean of the better half of
    /// twelve chance values); where contact left marks on part of the annulus only it is not diluted by the rest.
    /// </summary>
    private static double AgreeingSectorsZ(ReadOnlySpan<SectorCorrelation.Sector> sectors, double stepUm, double sharedAreaUm2)
    {
        if (sectors.IsEmpty)
        {
            return 0;
        }

        Span<double> z = stackalloc double[sectors.Length];
        for (var i = 0; i < sectors.Length; i++)
        {
            z[i] = TextureCorrelation.Standardise(sectors[i].Ncc, sectors[i].Points * stepUm * stepUm, sharedAreaUm2);
        }

        z.Sort((p, q) => q.CompareTo(p));
        var k = Math.Max(1, z.Length / 2);
        double sum = 0;
        foreach (var value in z[..k])
        {
            sum += value;
        }

        return sum / Math.Sqrt(k);
    }

    /// <summary>Pearson correlation over the points valid in A and in B turned onto A's grid.</summary>
    internal static (double Ccf, double OverlapFraction) AlignedCorrelation(MaskedImage a, MaskedImage b, Registration registration, double stepUm)
    {
        using var warped = MaskedImage.Create(a.Width, a.Height);
        warped.WarpRegistered(b, registration, stepUm, 0);
        return Correlation(a, warped, b.ValidCount);
    }

    /// <summary>
    /// Pearson correlation over the points valid in A and in <paramref name="warped"/>, B already on A's grid; the overlap
    /// as a fraction of the smaller of A and B (<paramref name="bValidCount"/>, B's valid points before turning).
    /// </summary>
    private static (double Ccf, double OverlapFraction) Correlation(MaskedImage a, MaskedImage warped, int bValidCount)
    {
        var va = a.Values.AsSpan<float>();
        var ma = a.Mask.AsSpan<float>();
        var vb = warped.Values.AsSpan<float>();
        var mb = warped.Mask.AsSpan<float>();
        // Values are zero where invalid, so each sum over the common points is a masked dot product.
        var buffer = ArrayPool<float>.Shared.Rent(va.Length);
        double n, sa, sb, saa, sbb, sab;
        try
        {
            var weighted = buffer.AsSpan(0, va.Length);
            n = TensorPrimitives.Dot(ma, mb);
            sab = TensorPrimitives.Dot(va, vb);
            TensorPrimitives.Multiply(va, mb, weighted);
            sa = TensorPrimitives.Sum<float>(weighted);
            saa = TensorPrimitives.Dot(weighted, va);
            TensorPrimitives.Multiply(vb, ma, weighted);
            sb = TensorPrimitives.Sum<float>(weighted);
            sbb = TensorPrimitives.Dot(weighted, vb);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        var smaller = Math.Min(a.ValidCount, bValidCount);
        var overlap = smaller == 0 ? 0 : Math.Min(1, n / smaller);
        if (n < 16)
        {
            return (0, overlap);
        }

        var cov = sab - (sa * sb / n);
        var varA = saa - (sa * sa / n);
        var varB = sbb - (sb * sb / n);
        return (varA > 0 && varB > 0 ? cov / Math.Sqrt(varA * varB) : 0, overlap);
    }

    /// <summary>
    /// A cell's best correlation is the largest of a few hundred effectively independent trials (shifts and angles):
    /// between unrelated scans it lands near 2–2.5 standard units whatever the texture, so 3.5 is rarely chance.
    /// </summary>
    private const double SignificantCellZ = 3.5;

    private double CellAreaUm2(MaskedImage reference, double stepUm)
    {
        var grid = _options.Cmc.GridCells;
        return stepUm * stepUm * ((reference.Width + grid - 1) / grid) * ((reference.Height + grid - 1) / grid);
    }

    /// <summary>What sets chance correlation for this pair: the shared correlation area and the areas correlations were taken over.</summary>
    private readonly record struct ChanceLevel(double SharedAreaUm2, double SmallerScanAreaUm2, double ForwardCellAreaUm2, double BackwardCellAreaUm2, double WhitenedSharedAreaUm2, double StepUm);

    /// <summary>The whole-scan correlations after alignment: filtered, striation residual and whitened, and the overlap they share.</summary>
    private readonly record struct AlignedCorrelations(double Ccf, double OverlapFraction, double ResidualCcf, double WhitenedCcf, SectorCorrelation.Sector[] Sectors);

    private ComparisonFeatures Features(Registration registration, CmcDirection forward, CmcDirection backward, AlignedCorrelations aligned, ChanceLevel chance)
    {
        var (alignedCcf, overlap, residualCcf, whitenedCcf, sectors) = aligned;
        var shared = chance.SharedAreaUm2;
        var forwardZ = forward.Cells.Where(c => c.Found).Select(c => (c.Congruent, Z: TextureCorrelation.Standardise(c.Ccf, c.ValidFraction * chance.ForwardCellAreaUm2, shared))).ToArray();
        var backwardZ = backward.Cells.Where(c => c.Found).Select(c => (c.Congruent, Z: TextureCorrelation.Standardise(c.Ccf, c.ValidFraction * chance.BackwardCellAreaUm2, shared))).ToArray();
        var cellZ = forwardZ.Concat(backwardZ).Select(c => c.Z).ToArray();
        var significantForward = forwardZ.Count(c => c.Congruent && c.Z >= SignificantCellZ);
        var significantBackward = backwardZ.Count(c => c.Congruent && c.Z >= SignificantCellZ);
        var threshold = _options.Cmc.CcfThreshold;
        var all = forward.Cells.Concat(backward.Cells).Where(c => c.Found).ToArray();
        var above = all.Where(c => c.Ccf >= threshold).ToArray();
        var translationSpread = 0.0;
        var rotationSpread = 0.0;
        if (above.Length > 1)
        {
            // Each direction has its own frame: spread is measured about each direction's own medians.
            var sq = 0.0;
            var count = 0;
            foreach (var direction in new[] { forward, backward })
            {
                var good = direction.Cells.Where(c => c.Found && c.Ccf >= threshold).ToArray();
                if (good.Length == 0)
                {
                    continue;
                }

                var mx = good.Select(c => c.DxUm).Order().ElementAt(good.Length / 2);
                var my = good.Select(c => c.DyUm).Order().ElementAt(good.Length / 2);
                var mt = good.Select(c => c.RotationDeg).Average();
                foreach (var c in good)
                {
                    sq += ((c.DxUm - mx) * (c.DxUm - mx)) + ((c.DyUm - my) * (c.DyUm - my));
                    rotationSpread += (c.RotationDeg - mt) * (c.RotationDeg - mt);
                    count++;
                }
            }

            translationSpread = Math.Sqrt(sq / count);
            rotationSpread = Math.Sqrt(rotationSpread / count);
        }
        else
        {
            // No evidence of agreement: the widest spread the search allows.
            translationSpread = _options.Cmc.MaxShiftUm * Math.Sqrt(2);
            rotationSpread = _options.Cmc.AngleRangeDeg;
        }

        var disagreement = double.IsFinite(forward.ConsensusRotationDeg) && double.IsFinite(backward.ConsensusRotationDeg)
            ? Math.Abs(Rotation2D.Normalise(forward.ConsensusRotationDeg + backward.ConsensusRotationDeg))
            : 180;
        return new ComparisonFeatures
        {
            RegistrationCcf = registration.Ccf,
            AlignedCcf = alignedCcf,
            OverlapFraction = overlap,
            CmcMin = Math.Min(forward.CmcCount, backward.CmcCount),
            CmcMax = Math.Max(forward.CmcCount, backward.CmcCount),
            CmcFractionMin = Math.Min(forward.CmcFraction, backward.CmcFraction),
            CmcFractionMax = Math.Max(forward.CmcFraction, backward.CmcFraction),
            HighCmcMin = Math.Min(forward.HighCmcCount, backward.HighCmcCount),
            HighCmcMax = Math.Max(forward.HighCmcCount, backward.HighCmcCount),
            ValidCellsMin = Math.Min(forward.ValidCells, backward.ValidCells),
            MeanCellCcf = all.Length == 0 ? 0 : all.Average(c => c.Ccf),
            FractionCellsAboveThreshold = all.Length == 0 ? 0 : above.Length / (double)all.Length,
            TranslationSpreadUm = translationSpread,
            RotationSpreadDeg = rotationSpread,
            DirectionAngleDisagreementDeg = disagreement,
            TopCellCcf = all.Length == 0 ? 0 : all.Select(c => c.Ccf).OrderDescending().Take(3).Average(),
            ResidualCcf = residualCcf,
            SharedCorrelationAreaUm2 = shared,
            RegistrationZ = TextureCorrelation.Standardise(registration.Ccf, registration.OverlapFraction * chance.SmallerScanAreaUm2, shared),
            AlignedZ = TextureCorrelation.Standardise(alignedCcf, overlap * chance.SmallerScanAreaUm2, shared),
            MeanCellZ = cellZ.Length == 0 ? 0 : cellZ.Average(),
            TopCellZ = cellZ.Length == 0 ? 0 : cellZ.OrderDescending().Take(3).Average(),
            ResidualZ = TextureCorrelation.Standardise(residualCcf, overlap * chance.SmallerScanAreaUm2, shared),
            SignificantCmcMin = Math.Min(significantForward, significantBackward),
            SignificantCmcMax = Math.Max(significantForward, significantBackward),
            WhitenedCcf = whitenedCcf,
            WhitenedZ = TextureCorrelation.Standardise(whitenedCcf, overlap * chance.SmallerScanAreaUm2, chance.WhitenedSharedAreaUm2),
            AgreeingSectorsZ = AgreeingSectorsZ(sectors, chance.StepUm, shared),
        };
    }
}
