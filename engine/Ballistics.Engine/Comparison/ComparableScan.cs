using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// Everything a comparison needs from one scan that does not depend on the other scan: the masked image on its
/// grid as prepared (for the CMC cells) and high-passed (for registration and whole-scan correlations), the coarse
/// level, striation residual and whitened copy of the latter, the centred polar image and polar spectrum that
/// propose angles, and (cached per canvas size) the spectrum of its coarse level centred on a canvas. Built once per scan, shared by every comparison
/// it takes part in, on any number of threads (all members are read-only after construction except the cache,
/// which is locked). In a batch of N scans against M this work is done N + M times instead of 2·N·M.
/// </summary>
internal sealed class ComparableScan : IDisposable
{
    private readonly Dictionary<int, (Mat Spectrum, double Energy)> _canvasSpectra = [];
    private readonly Lock _lock = new();
    private readonly bool _ownsImage;
    private readonly Lazy<byte[]> _sectorMap;

    /// <param name="image">The scan.</param>
    /// <param name="stepUm">Grid step of <paramref name="image"/>.</param>
    /// <param name="options">Levels and sweep settings.</param>
    /// <param name="ownsImage">Whether disposing this disposes <paramref name="image"/> (<see cref="CellImage"/>).</param>
    /// <param name="centreUm">
    /// The axis the scan turns about (the firing pin's), in µm from the image's centre, x right, y down; when unknown,
    /// the centroid of the valid points, which is where a scan of a whole breech face is centred.
    /// </param>
    public ComparableScan(MaskedImage image, double stepUm, RegistrationOptions options, bool ownsImage = true, (double X, double Y)? centreUm = null)
    {
        CellImage = image;
        Image = image.HighPassed(stepUm, options.WholeScanLongCutoffUm);
        _ownsImage = ownsImage;
        StepUm = stepUm;
        Options = options;
        var factor = Math.Max(1, options.CoarseStepUm / stepUm);
        Coarse = MaskedImage.Resample(Image, 1 / factor);
        CoarseStepUm = stepUm * factor;
        Residual = StriationFilter.Residual(Image, stepUm);
        CoarseRadius = Coarse.FarthestValidDistance((Coarse.Width - 1) / 2.0, (Coarse.Height - 1) / 2.0);
        Texture = TextureCorrelation.Measure(Coarse, CoarseStepUm);
        Whitened = SpectralWhitening.Whiten(Image, stepUm);
        WhitenedTexture = TextureCorrelation.Measure(Whitened, stepUm);

        // The angles are proposed from the prepared band: on the generated hard set that registered 9 of 72
        // same-firearm pairs more than 3° off instead of 11 (AUC 0.936 against 0.930), real scans unchanged.
        var (centreX, centreY) = centreUm is { } c ? AxisInPixels(image, stepUm, c) : Centroid(Image);
        CentredPolar = SampleAt(CellImage, factor, centreX, centreY) is { } samples ? CentredPolarImage.FromSamples(samples.Values, samples.Valid, samples.Rings) : null;
        Axis = (centreX, centreY);
        _sectorMap = new Lazy<byte[]>(() => SectorCorrelation.Map(Image.Width, Image.Height, Axis));
        CoarseAxis = (CoarseCentre(centreX, factor), CoarseCentre(centreY, factor));

        using var polar = PolarSpectrum.Build(CellImage, stepUm, options.SpectrumStepUm);
        if (polar is not null)
        {
            PolarSpectra = new MaskedSpectra(PolarFftSize);
            using var ncc = new MaskedNcc(PolarFftSize);
            ncc.Transform(polar, new Rect(0, 0, polar.Width, polar.Height), PolarSpectra);
        }
    }

    /// <summary>Frame of the polar spectra's transforms: one row per degree, circular; columns are never shifted.</summary>
    public static Size PolarFftSize { get; } = MaskedNcc.SizeFor(new Size(PolarSpectrum.Radii, PolarSpectrum.Angles), 0, 0);

    public static ComparableScan FromHeights(ReadOnlySpan<float> heights, int width, int height, double stepUm, RegistrationOptions options, (double X, double Y)? centreUm = null) =>
        new(MaskedImage.FromHeights(heights, width, height), stepUm, options, ownsImage: true, centreUm);

    /// <summary>
    /// The scan high-passed at <see cref="RegistrationOptions.WholeScanLongCutoffUm"/>: what registration and every
    /// whole-scan correlation see.
    /// </summary>
    public MaskedImage Image { get; }

    /// <summary>The scan as prepared (its own band): what the CMC cells are searched in.</summary>
    public MaskedImage CellImage { get; }

    public double StepUm { get; }

    public RegistrationOptions Options { get; }

    /// <summary>The image area-averaged to about <see cref="RegistrationOptions.CoarseStepUm"/>.</summary>
    public MaskedImage Coarse { get; }

    public double CoarseStepUm { get; }

    /// <summary>Distance in coarse points from the coarse level's centre to its farthest valid point: what any turn about the centre can reach.</summary>
    public double CoarseRadius { get; }

    /// <summary>The scan without its dominant parallel marks (<see cref="StriationFilter"/>), same grid and mask.</summary>
    public MaskedImage Residual { get; }

    /// <summary>The autocorrelation of the coarse level: how much two unrelated scans correlate by chance.</summary>
    public TextureCorrelation Texture { get; }

    /// <summary>The scan with its spectrum flattened (<see cref="SpectralWhitening"/>), same grid and mask.</summary>
    public MaskedImage Whitened { get; }

    /// <summary>The autocorrelation of <see cref="Whitened"/> on the scan's own grid.</summary>
    public TextureCorrelation WhitenedTexture { get; }

    /// <summary>The coarse level on rings about the scan's turning axis; null when the scan is too small.</summary>
    public CentredPolarImage? CentredPolar { get; }

    /// <summary>The turning axis, in points of <see cref="Image"/>.</summary>
    public (double X, double Y) Axis { get; }

    /// <summary>The sector about <see cref="Axis"/> of every point of <see cref="Image"/> (<see cref="SectorCorrelation.Map"/>), made on first use.</summary>
    public ReadOnlySpan<byte> SectorMap => _sectorMap.Value;

    /// <summary>The turning axis the centred polar image was sampled about, in points of <see cref="Coarse"/>.</summary>
    public (double X, double Y) CoarseAxis { get; }

    /// <summary>Transforms of the polar spectrum; null when the scan is too small to propose angles.</summary>
    public MaskedSpectra? PolarSpectra { get; }

    /// <summary>
    /// The DFT (OpenCV packed) of the coarse level's values centred on a side×side zero canvas, and the sum of
    /// squares of what was placed, for plain correlation against other scans on that canvas.
    /// </summary>
    public (Mat Spectrum, double Energy) CanvasSpectrum(int side)
    {
        lock (_lock)
        {
            if (_canvasSpectra.TryGetValue(side, out var cached))
            {
                return cached;
            }

            using var canvas = MaskedImage.Create(side, side);
            canvas.WarpFrom(Coarse, SourceMap.Turn(Rotation2D.FromDegrees(0), (Coarse.Width - 1) / 2.0, (Coarse.Height - 1) / 2.0, (side - 1) / 2.0, (side - 1) / 2.0));

            var spectrum = new Mat();
            Cv2.Dft(canvas.Values, spectrum, DftFlags.None);
            var energy = Cv2.Norm(canvas.Values, NormTypes.L2SQR);
            _canvasSpectra[side] = (spectrum, energy);
            return (spectrum, energy);
        }
    }

    /// <summary>
    /// Only what a corpus keeps per item of a scan whose turning axis is known, as the view would make it: the centred
    /// polar samples (the stage-1 signature and the turn profile) and the coarse level with the axis on it (the stage-2
    /// screen), at a fraction of the cost of the whole view. Null when the scan is too small for polar samples.
    /// </summary>
    public static ScreenParts? ScreenPartsOf(MaskedImage cellImage, double stepUm, RegistrationOptions options, (double X, double Y) centreUm)
    {
        var factor = Math.Max(1, options.CoarseStepUm / stepUm);
        var (x, y) = AxisInPixels(cellImage, stepUm, centreUm);
        if (CentredPolarSamples(cellImage, stepUm, options, centreUm) is not { } samples)
        {
            return null;
        }

        // The same two steps as the view's Image and Coarse, so that a screen from these parts equals one from the view.
        using var image = cellImage.HighPassed(stepUm, options.WholeScanLongCutoffUm);
        return new ScreenParts(samples.Values, samples.Valid, samples.Rings, MaskedImage.Resample(image, 1 / factor), (CoarseCentre(x, factor), CoarseCentre(y, factor)), stepUm * factor);
    }

    /// <summary>The centred polar samples alone (what a signature needs), as <see cref="ScreenPartsOf"/> takes them; null when too small.</summary>
    public static (float[] Values, float[] Valid, int Rings, double CoarseStepUm)? CentredPolarSamples(MaskedImage cellImage, double stepUm, RegistrationOptions options, (double X, double Y) centreUm)
    {
        var factor = Math.Max(1, options.CoarseStepUm / stepUm);
        var (x, y) = AxisInPixels(cellImage, stepUm, centreUm);
        return SampleAt(cellImage, factor, x, y) is { } samples ? (samples.Values, samples.Valid, samples.Rings, stepUm * factor) : null;
    }

    private static (double X, double Y) AxisInPixels(MaskedImage image, double stepUm, (double X, double Y) centreUm) =>
        (((image.Width - 1) / 2.0) + (centreUm.X / stepUm), ((image.Height - 1) / 2.0) + (centreUm.Y / stepUm));

    /// <summary>The cell image's coarse level sampled on rings about (centreX, centreY), given in fine pixels.</summary>
    private static (float[] Values, float[] Valid, int Rings)? SampleAt(MaskedImage cellImage, double factor, double centreX, double centreY)
    {
        using var cellCoarse = MaskedImage.Resample(cellImage, 1 / factor);
        return CentredPolarImage.Sample(cellCoarse, CoarseCentre(centreX, factor), CoarseCentre(centreY, factor));
    }

    // Area resampling by 1/factor puts fine pixel x at coarse (x + ½)/factor − ½.
    private static double CoarseCentre(double fine, double factor) => ((fine + 0.5) / factor) - 0.5;

    private static (double X, double Y) Centroid(MaskedImage image)
    {
        var moments = Cv2.Moments(image.Mask);
        return moments.M00 > 0 ? (moments.M10 / moments.M00, moments.M01 / moments.M00) : ((image.Width - 1) / 2.0, (image.Height - 1) / 2.0);
    }

    public void Dispose()
    {
        Image.Dispose();
        if (_ownsImage)
        {
            CellImage.Dispose();
        }

        Coarse.Dispose();
        Residual.Dispose();
        Whitened.Dispose();
        PolarSpectra?.Dispose();
        CentredPolar?.Dispose();
        lock (_lock)
        {
            foreach (var (spectrum, _) in _canvasSpectra.Values)
            {
                spectrum.Dispose();
            }

            _canvasSpectra.Clear();
        }
    }
}

/// <summary>The parts of a view that a corpus keeps per item (<see cref="ComparableScan.ScreenPartsOf"/>); the caller owns <see cref="Coarse"/>.</summary>
internal sealed record ScreenParts(float[] Values, float[] Valid, int Rings, MaskedImage Coarse, (double X, double Y) CoarseAxis, double CoarseStepUm);
