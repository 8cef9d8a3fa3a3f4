using System.Numerics.Tensors;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// A scan ready for comparison: band-passed heights (µm) of the breech face only — or, for a photograph, its normalised
/// log-intensities —, NaN elsewhere, on the common grid step, cropped to the region. Immutable; prepare once, compare
/// many times.
/// </summary>
public sealed class PreparedScan
{
    internal PreparedScan(Surface surface, BreechFaceGeometry geometry, PreprocessOptions options, IReadOnlyList<string> notes, int regionPoints, (int X, int Y) sourceOffset = default)
    {
        SourceOffset = sourceOffset;
        Surface = surface;
        Geometry = geometry;
        Options = options;
        Notes = notes;
        var statistics = surface.Statistics();
        ValidFraction = statistics.ValidFraction;
        RegionPoints = regionPoints;
        KeptShare = regionPoints > 0 ? Math.Min(1, statistics.ValidPoints / (double)regionPoints) : 0;
    }

    public Surface Surface { get; }

    /// <summary>The firing-pin impression: found and prepared, absent (a processed breech-face scan), or failed, with the reason.</summary>
    public FiringPinRegion FiringPin { get; init; } = FiringPinRegion.Absent("not looked for");

    public BreechFaceGeometry Geometry { get; }

    public PreprocessOptions Options { get; }

    /// <summary>A topography's band-passed heights (µm), or a photograph's normalised log-intensities (<see cref="SurfaceKind.Intensity2D"/>): compared only with their own kind.</summary>
    public SurfaceKind Kind => Surface.Kind;

    public string AlgorithmVersion => Kind == SurfaceKind.Intensity2D ? PhotographPreprocessor.AlgorithmVersion : Preprocessor.AlgorithmVersion;

    /// <summary>What preprocessing decided and why, for the examiner's record.</summary>
    public IReadOnlyList<string> Notes { get; }

    public double ValidFraction { get; }

    /// <summary>
    /// Where the prepared surface's first point lies on the source scan resampled to the prepared step (points): what an
    /// outline of the region compared needs to be drawn over the scan as given.
    /// </summary>
    public (int X, int Y) SourceOffset { get; }

    /// <summary>Valid points of the breech-face region as given (on the common grid, before outliers, trims and erosion).</summary>
    public int RegionPoints { get; }

    /// <summary>
    /// The share of <see cref="RegionPoints"/> that survived preprocessing and is compared: what an examiner needs to
    /// know how much of the breech face the comparison rests on.
    /// </summary>
    public double KeptShare { get; }

    /// <summary>
    /// Where the case turns about in the breech face's frame, in µm from the surface's centre: the firing-pin
    /// impression's centre, else the primer's; null when neither was found.
    /// </summary>
    internal (double X, double Y)? TurningAxisUm =>
        Geometry.FiringPinRadiusUm > 0 ? (Geometry.FiringPinCentreXUm, Geometry.FiringPinCentreYUm)
        : Geometry.PrimerRadiusUm > 0 ? (Geometry.PrimerCentreXUm, Geometry.PrimerCentreYUm)
        : null;

    /// <summary>
    /// A photograph whose shading is compared as it was recorded (a ring light, or a light not read from the crater), not
    /// integrated back to relief: its sign is the light's and the metal's, not the marks' (<see cref="Inverted"/>).
    /// </summary>
    public bool ShadingAsIs { get; init; }

    /// <summary>
    /// For a topography rendered as a photograph: the direction (degrees, in its frame) its light was brighter from; null
    /// for anything else.
    /// </summary>
    public double? RenderedLightAzimuthDeg { get; init; }

    /// <summary>For a topography rendered as a photograph under an even ring (<see cref="Rendering.LightingModel.EvenRing"/>): no direction is brighter.</summary>
    public bool RenderedEvenRing { get; init; }

    /// <summary>
    /// For a photograph's shading as recorded relit from another side (<see cref="Relit"/>), the turn (degrees) from the
    /// side it was recorded from; null otherwise.
    /// </summary>
    public double? SteeredDeg { get; init; }

    /// <summary>
    /// The same breech face lit from other sides: a topography rendered under its light turned to each of <see
    /// cref="Rendering.LightingModel.TurnsDeg"/> (and, to meet a ring photograph, under an even ring), or a photograph's shading as recorded relit (integrated along the axis it
    /// varies most along, differentiated along another). A comparison tries each and keeps the one that agrees best.
    /// Empty for a topography and for a photograph integrated to relief.
    /// </summary>
    public IReadOnlyList<PreparedScan> Relit { get; init; } = [];

    private readonly Lock _viewLock = new();
    private ComparableScan? _view;
    private PreparedScan? _inverted;
    private (double CutoffUm, PreparedScan Scan)? _narrowed;
    private (double CutoffUm, double Share)? _longWaveShare;

    /// <summary>
    /// This photograph with its shading's sign turned over, built once. Under a ring the marks show as the slopes' squares
    /// with a sign of the light's making: a diffuse metal lit from high up darkens with slope, a shiny one lit from low
    /// down brightens towards its mirror lobe; two photographs of one case can be each other's negative.
    /// </summary>
    internal PreparedScan Inverted()
    {
        lock (_viewLock)
        {
            if (_inverted is null)
            {
                var values = new float[Surface.Values.Length];
                TensorPrimitives.Negate(Surface.Values, values);

                var surface = new Surface(Surface.Width, Surface.Height, Surface.LateralStepXUm, Surface.LateralStepYUm, values) { Kind = Surface.Kind, Metadata = Surface.Metadata };
                _inverted = new PreparedScan(surface, Geometry, Options, Notes, RegionPoints, SourceOffset) { FiringPin = FiringPin, ShadingAsIs = ShadingAsIs, RenderedLightAzimuthDeg = RenderedLightAzimuthDeg, RenderedEvenRing = RenderedEvenRing, SteeredDeg = SteeredDeg };
            }

            return _inverted;
        }
    }

    /// <summary>
    /// This topography high-passed at <paramref name="longCutoffUm"/>, heights in µm (NaN where the Gaussian found no valid
    /// point): what a comparison in a narrower band than the prepared one sees. Built once for the cut-off asked for last.
    /// </summary>
    internal PreparedScan Narrowed(double longCutoffUm)
    {
        lock (_viewLock)
        {
            if (_narrowed is not { } kept || kept.CutoffUm != longCutoffUm)
            {
                var surface = new Surface(Surface.Width, Surface.Height, Surface.LateralStepXUm, Surface.LateralStepYUm, HighPassedHeights(longCutoffUm)) { Kind = Surface.Kind, Metadata = Surface.Metadata };
                kept = (longCutoffUm, new PreparedScan(surface, Geometry, Options, Notes, RegionPoints, SourceOffset) { FiringPin = FiringPin });
                _narrowed = kept;
            }

            return kept.Scan;
        }
    }

    /// <summary>
    /// The share of this topography's relief (variance about its mean) at wavelengths beyond <paramref name="cutoffUm"/>:
    /// what a Gaussian high-pass there takes away. A scan another lab already filtered at a shorter cut-off holds little
    /// there. Measured once for the cut-off asked for last.
    /// </summary>
    internal double LongWaveShare(double cutoffUm)
    {
        lock (_viewLock)
        {
            if (_longWaveShare is not { } kept || kept.CutoffUm != cutoffUm)
            {
                var heights = Surface.Values;
                var high = HighPassedHeights(cutoffUm);
                var mean = Surface.Statistics().Mean;
                double total = 0, highEnergy = 0;
                for (var i = 0; i < heights.Length; i++)
                {
                    if (float.IsFinite(high[i]))
                    {
                        var d = heights[i] - mean;
                        total += d * d;
                        highEnergy += (double)high[i] * high[i];
                    }
                }

                kept = (cutoffUm, total > 0 ? Math.Clamp(1 - (highEnergy / total), 0, 1) : 0);
                _longWaveShare = kept;
            }

            return kept.Share;
        }
    }

    private float[] HighPassedHeights(double cutoffUm)
    {
        // Heights as they are, not standardised (MaskedImage.FromHeights would): the narrowed scan keeps µm.
        var values = new float[Surface.Values.Length];
        var mask = new float[values.Length];
        MaskedImage.Split(Surface.Values, values, mask, useVectors: true);
        using var image = MaskedImage.FromPlanes(values, mask, Surface.Width, Surface.Height);
        return image.HighPassedHeights(Surface.LateralStepXUm, cutoffUm);
    }

    /// <summary>
    /// This topography rendered as a photograph, marked with the direction its light was brighter from and given the
    /// renderings under the light's other turns (its comparison view is built again when asked for).
    /// </summary>
    internal PreparedScan WithRenderedLight(double azimuthDeg, IReadOnlyList<PreparedScan> relit) =>
        new(Surface, Geometry, Options, Notes, RegionPoints, SourceOffset) { FiringPin = FiringPin, ShadingAsIs = ShadingAsIs, RenderedLightAzimuthDeg = azimuthDeg, Relit = relit };

    /// <summary>This topography rendered as a photograph under an even ring, marked so (no direction, no further variants).</summary>
    internal PreparedScan WithRenderedEvenRing() =>
        new(Surface, Geometry, Options, Notes, RegionPoints, SourceOffset) { FiringPin = FiringPin, ShadingAsIs = ShadingAsIs, RenderedEvenRing = true };

    /// <summary>This scan and its <see cref="Relit"/> renderings: the variants a comparison tries.</summary>
    internal IEnumerable<PreparedScan> Variants()
    {
        yield return this;
        foreach (var relit in Relit)
        {
            yield return relit;
        }
    }

    /// <summary>Whether the comparison view has been built (it is kept once it has).</summary>
    internal bool HasComparisonView
    {
        get
        {
            lock (_viewLock)
            {
                return _view is not null;
            }
        }
    }

    /// <summary>
    /// The comparison view of this scan (masked image, coarse level, polar spectrum), built on first use and kept
    /// for every later comparison with the same registration options.
    /// </summary>
    internal ComparableScan ComparisonView(SurfaceComparer comparer)
    {
        lock (_viewLock)
        {
            if (_view is null || !Equals(_view.Options, comparer.Options.Registration))
            {
                _view = comparer.View(Surface, TurningAxisUm);
            }

            return _view;
        }
    }
}
