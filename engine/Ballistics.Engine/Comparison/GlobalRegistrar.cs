using OpenCvSharp;

namespace Ballistics.Engine.Comparison;

/// <summary>
/// Finds the rotation and shift of B onto A over the full circle: cartridge cases lie in the corpus in
/// any orientation. A polar sweep proposes angles, masked NCC by FFT at <see cref="RegistrationOptions.CoarseStepUm"/>
/// scores them with the shift, and the best few are refined at <see cref="RegistrationOptions.FineStepUm"/>
/// and finally on the input grid.
/// Work buffers belong to the instance (one per thread); nothing is allocated per rotation beyond OpenCV headers.
/// </summary>
internal sealed class GlobalRegistrar
{
    private readonly RegistrationOptions _options;

    public GlobalRegistrar(RegistrationOptions options) => _options = options;

    /// <param name="a">Fixed scan at <paramref name="stepUm"/>.</param>
    /// <param name="b">Moving scan at the same step.</param>
    /// <param name="stepUm">Grid step of both images.</param>
    public Registration Register(MaskedImage a, MaskedImage b, double stepUm)
    {
        var candidates = new List<(double Angle, NccPeak Peak)>();
        var coarse = Level.Build(a, b, stepUm, _options.CoarseStepUm, _options.MaxShiftUm, _options.MinOverlapFraction);
        try
        {
            // The polar sweep proposes angles cheaply; each is then scored on the coarse Cartesian grid, where the
            // shift between the scans' centres is searched too. Cartesian scoring decides, so a wrong polar guess costs time, not accuracy.
            var proposals = PolarAngles(a, b, stepUm);
            var scores = new List<(double Angle, NccPeak Peak)>();
            foreach (var angle in proposals)
            {
                scores.Add((angle, coarse.Score(angle, default, coarse.MaxShift)));
            }

            scores.Sort((x, y) => y.Peak.Ncc.CompareTo(x.Peak.Ncc));
            candidates.AddRange(scores.Where(s => s.Peak.Found).Take(_options.Candidates));
        }
        finally
        {
            coarse.Dispose();
        }

        if (candidates.Count == 0)
        {
            return new Registration(0, 0, 0, -1, 0);
        }

        var fine = Level.Build(a, b, stepUm, _options.FineStepUm, _options.MaxShiftUm, _options.MinOverlapFraction);
        try
        {
            var ratio = _options.CoarseStepUm / _options.FineStepUm;
            var fineShift = (int)Math.Ceiling(ratio * 1.5) + 2;
            // Candidates come with angles good to about a degree: each is scored once at the finer step, and only the best is refined.
            var best = (Angle: 0.0, Peak: NccPeak.None, Centre: default(Point));
            foreach (var (angle, peak) in candidates)
            {
                var centre = new Point((int)Math.Round(peak.X * ratio), (int)Math.Round(peak.Y * ratio));
                var result = fine.Score(angle, centre, fineShift);
                if (result.Ncc > best.Peak.Ncc)
                {
                    best = (angle, result, centre);
                }
            }

            if (best.Peak.Found)
            {
                // The sweep is smooth near its peak: a parabola through the best angle and one fine step either side
                // places it between steps, and the shift is read again at that angle.
                var stepDeg = _options.FineAngleStepDeg;
                var left = fine.Score(best.Angle - stepDeg, best.Centre, fineShift).Ncc;
                var right = fine.Score(best.Angle + stepDeg, best.Centre, fineShift).Ncc;
                var denominator = left - (2 * best.Peak.Ncc) + right;
                if (left > -1 && right > -1 && denominator < 0)
                {
                    var offset = Math.Clamp(0.5 * (left - right) / denominator, -1, 1) * stepDeg;
                    var refined = fine.Score(best.Angle + offset, best.Centre, fineShift);
                    if (refined.Found && refined.Ncc >= best.Peak.Ncc - 0.02)
                    {
                        best = (best.Angle + offset, refined, best.Centre);
                    }
                }
            }

            if (!best.Peak.Found)
            {
                return new Registration(0, 0, 0, -1, 0);
            }

            var overlap = best.Peak.Overlap / (double)Math.Min(fine.ValidA, fine.ValidB);
            var coarseResult = new Registration(
                Rotation2D.Normalise(best.Angle), -best.Peak.X * fine.StepUm, -best.Peak.Y * fine.StepUm, best.Peak.Ncc, Math.Min(1, overlap));
            return fine.StepUm > stepUm * 1.01 ? RefineShift(a, b, stepUm, coarseResult, (int)Math.Ceiling(fine.StepUm / stepUm) + 1) : coarseResult;
        }
        finally
        {
            fine.Dispose();
        }
    }

    /// <summary>
    /// Angles at which B may lie on A, best first, from the Fourier–Mellin idea without scale: the magnitude
    /// spectrum ignores where the marks are and turns with them, so the polar spectra of A and B differ by a
    /// circular shift of angle whatever the shift between the scans. Magnitudes cannot tell θ from θ + 180°;
    /// both come out as peaks and the Cartesian scoring decides.
    /// </summary>
    private List<double> PolarAngles(MaskedImage a, MaskedImage b, double stepUm)
    {
        const int Angles = 360;
        var scale = Math.Min(1, stepUm / _options.FineStepUm);
        using var levelA = MaskedImage.Resample(a, scale);
        using var levelB = MaskedImage.Resample(b, scale);
        var levelStep = stepUm / scale;
        var n = MaskedNcc.FastSize(Math.Max(Math.Max(levelA.Width, levelA.Height), Math.Max(levelB.Width, levelB.Height)));
        // Radii of the spectrum kept: wavelengths from three grid steps (finer is mostly noise and aliasing) up to
        // the long cut-off region, where the shape of the data's outline rather than the marks dominates.
        var rMin = Math.Max(2, (int)Math.Floor(n * levelStep / 400));
        var rMax = Math.Min((n / 2) - 1, (int)Math.Ceiling(n / 3.0));
        if (rMax - rMin < 4)
        {
            var steps = (int)Math.Round(360 / _options.CoarseAngleStepDeg);
            return [.. Enumerable.Range(0, steps).Select(k => k * 360.0 / steps)];
        }

        using var polarA = SpectrumPolar(levelA, n, rMin, rMax, Angles);
        using var polarB = SpectrumPolar(levelB, n, rMin, rMax, Angles);
        var fftSize = new Size(MaskedNcc.FastSize(polarA.Width), Angles);
        using var ncc = new MaskedNcc(fftSize);
        using var fixedSpectra = new MaskedSpectra(fftSize);
        using var movingSpectra = new MaskedSpectra(fftSize);
        ncc.Transform(polarA, new Rect(0, 0, polarA.Width, Angles), fixedSpectra);
        ncc.Transform(polarB, new Rect(0, 0, polarB.Width, Angles), movingSpectra);
        Span<double> profile = stackalloc double[Angles];
        ncc.BestPerRow(fixedSpectra, movingSpectra, 0, polarA.Width * Angles / 2, profile);

        // Row shift u means A(φ) ↔ B(φ + u); polar angles run clockwise, so B turned counter-clockwise by u degrees lies on A.
        var peaks = new List<(double Angle, double Ncc)>();
        for (var k = 0; k < Angles; k++)
        {
            var here = profile[k];
            if (here > -1 && here >= profile[(k + Angles - 1) % Angles] && here > profile[(k + 1) % Angles])
            {
                peaks.Add((k * 360.0 / Angles, here));
            }
        }

        return [.. peaks.OrderByDescending(p => p.Ncc).Take(_options.PolarCandidates).Select(p => p.Angle)];
    }

    /// <summary>Log-magnitude spectrum of a tapered copy of the image, centred, resampled to polar (angles × radii rMin…rMax).</summary>
    private static MaskedImage SpectrumPolar(MaskedImage level, int n, int rMin, int rMax, int angles)
    {
        using var padded = new Mat(n, n, MatType.CV_32FC1, Scalar.All(0));
        var offsetX = (n - level.Width) / 2;
        var offsetY = (n - level.Height) / 2;
        using (var target = new Mat(padded, new Rect(offsetX, offsetY, level.Width, level.Height)))
        {
            level.Values.CopyTo(target);
        }

        // A round taper hides the square frame, whose edges would otherwise put the same axis-aligned streaks
        // into every spectrum and pull every sweep towards 0° and 90°.
        var data = padded.AsSpan<float>();
        var half = n / 2.0;
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                var r = Math.Sqrt(((x - half) * (x - half)) + ((y - half) * (y - half))) / half;
                data[(y * n) + x] *= r >= 1 ? 0f : (float)(0.5 + (0.5 * Math.Cos(Math.PI * r * r * r)));
            }
        }

        // The real transform in OpenCV's packed (CCS) layout: about twenty times faster here than asking for complex
        // output. Inner columns hold Re/Im pairs for horizontal frequencies 1…n/2−1 at every vertical frequency;
        // the two packed edge columns (horizontal frequency 0 and n/2) are left invalid rather than unpacked —
        // a thin line, the same in every spectrum, that masked NCC then ignores instead of rewarding 0°.
        using var spectrum = new Mat();
        Cv2.Dft(padded, spectrum, DftFlags.None);
        using var shifted = new Mat(n, n, MatType.CV_32FC1, Scalar.All(float.NaN));
        var spec = spectrum.AsSpan<float>();
        var sh = shifted.AsSpan<float>();
        var halfN = n / 2;
        for (var v = 0; v < n; v++)
        {
            var row = v * n;
            var y = (v + halfN) % n;
            var yMirror = (n - v + halfN) % n;
            for (var u = 1; u < halfN; u++)
            {
                var re = spec[row + (2 * u) - 1];
                var im = spec[row + (2 * u)];
                var logMagnitude = 0.5f * MathF.Log((re * re) + (im * im) + 1e-12f);
                sh[(y * n) + halfN + u] = logMagnitude;
                sh[(yMirror * n) + halfN - u] = logMagnitude;
            }
        }

        using var polar = new Mat();
        Cv2.WarpPolar(shifted, polar, new Size(n / 2, angles), new Point2f(n / 2f, n / 2f), n / 2.0, InterpolationFlags.Linear, WarpPolarMode.Linear);
        using var band = new Mat(polar, new Rect(rMin, 0, rMax - rMin, angles));
        var heights = new float[(rMax - rMin) * angles];
        var bandValues = band.Clone();
        bandValues.AsSpan<float>().CopyTo(heights);
        bandValues.Dispose();
        return MaskedImage.FromHeights(heights, rMax - rMin, angles);
    }

    /// <summary>
    /// Reads the shift again on the input grid: B turned onto A at the found angle, the central two thirds of
    /// A (where most breech-face data lie, and small enough for a quick transform) searched ±<paramref name="maxShift"/> points.
    /// </summary>
    private Registration RefineShift(MaskedImage a, MaskedImage b, double stepUm, Registration registration, int maxShift)
    {
        using var warped = MaskedImage.Create(a.Width, a.Height);
        using var scratch = new Mat();
        warped.WarpRegistered(b, registration, stepUm, 0, scratch);

        var window = new Rect(a.Width / 6, a.Height / 6, a.Width - (2 * (a.Width / 6)), a.Height - (2 * (a.Height / 6)));
        var fftSize = MaskedNcc.SizeFor(window.Size, 2 * maxShift, 2 * maxShift);
        using var ncc = new MaskedNcc(fftSize);
        using var fixedSpectra = new MaskedSpectra(fftSize);
        using var movingSpectra = new MaskedSpectra(fftSize);
        ncc.Transform(a, window, fixedSpectra);
        ncc.Transform(warped, window, movingSpectra);
        var minOverlap = Math.Max(16, (int)(_options.MinOverlapFraction * Math.Min(fixedSpectra.ValidCount, movingSpectra.ValidCount)));
        var peak = ncc.FindPeak(fixedSpectra, movingSpectra, default, maxShift, maxShift, minOverlap);
        if (!peak.Found || peak.Ncc < registration.Ccf - 0.1)
        {
            return registration;
        }

        return registration with { DxUm = registration.DxUm - (peak.X * stepUm), DyUm = registration.DyUm - (peak.Y * stepUm) };
    }

    /// <summary>Both scans resampled to one step and placed on a common square canvas with A's centre at the canvas centre.</summary>
    private sealed class Level : IDisposable
    {
        private readonly MaskedImage _b;
        private readonly MaskedImage _rotated;
        private readonly Mat _scratch = new();
        private readonly MaskedNcc _ncc;
        private readonly MaskedSpectra _fixed;
        private readonly MaskedSpectra _moving;
        private readonly double _centreX;
        private readonly double _centreY;
        private readonly int _minOverlap;

        private Level(MaskedImage canvasA, MaskedImage b, double stepUm, int maxShift, double minOverlapFraction)
        {
            _b = b;
            StepUm = stepUm;
            MaxShift = maxShift;
            var side = canvasA.Width;
            _rotated = MaskedImage.Create(side, side);
            _centreX = (side - 1) / 2.0;
            _centreY = (side - 1) / 2.0;
            var fftSize = MaskedNcc.SizeFor(new Size(side, side), maxShift, maxShift);
            _ncc = new MaskedNcc(fftSize);
            _fixed = new MaskedSpectra(fftSize);
            _moving = new MaskedSpectra(fftSize);
            _ncc.Transform(canvasA, new Rect(0, 0, side, side), _fixed);
            ValidA = canvasA.ValidCount;
            ValidB = b.ValidCount;
            _minOverlap = Math.Max(16, (int)(minOverlapFraction * Math.Min(ValidA, ValidB)));
            canvasA.Dispose();
        }

        public double StepUm { get; }

        public int MaxShift { get; }

        public int ValidA { get; }

        public int ValidB { get; }

        public static Level Build(MaskedImage a, MaskedImage b, double stepUm, double levelStepUm, double maxShiftUm, double minOverlapFraction)
        {
            var factor = Math.Max(1, levelStepUm / stepUm);
            var levelA = Downsample(a, factor);
            var levelB = Downsample(b, factor);
            var step = stepUm * Math.Max(1, factor);
            // The canvas holds either scan at any angle: the larger diagonal.
            // Prepared scans hold a disc of data, so turning them does not reach past their larger side much.
            var side = (int)Math.Ceiling(1.05 * Math.Max(Math.Max(levelA.Width, levelA.Height), Math.Max(levelB.Width, levelB.Height))) + 2;
            var canvasA = MaskedImage.Create(side, side);
            using (var scratch = new Mat())
            using (var place = Rotation2D.FromDegrees(0).Affine((levelA.Width - 1) / 2.0, (levelA.Height - 1) / 2.0, (side - 1) / 2.0, (side - 1) / 2.0))
            {
                canvasA.WarpFrom(levelA, place, scratch);
            }

            levelA.Dispose();
            var maxShift = Math.Min(side / 2, (int)Math.Ceiling(maxShiftUm / step));
            return new Level(canvasA, levelB, step, maxShift, minOverlapFraction);
        }

        /// <summary>Best masked NCC with B turned by <paramref name="angleDeg"/>, searching ±<paramref name="maxShift"/> around <paramref name="centre"/>.</summary>
        public NccPeak Score(double angleDeg, Point centre, int maxShift)
        {
            using (var affine = Rotation2D.FromDegrees(angleDeg).Affine((_b.Width - 1) / 2.0, (_b.Height - 1) / 2.0, _centreX, _centreY))
            {
                _rotated.WarpFrom(_b, affine, _scratch);
            }

            _ncc.Transform(_rotated, new Rect(0, 0, _rotated.Width, _rotated.Height), _moving);
            return _ncc.FindPeak(_fixed, _moving, centre, maxShift, maxShift, _minOverlap);
        }

        private static MaskedImage Downsample(MaskedImage source, double factor) =>
            factor <= 1.0001 ? MaskedImage.Resample(source, 1) : MaskedImage.Resample(source, 1 / factor);

        public void Dispose()
        {
            _b.Dispose();
            _rotated.Dispose();
            _scratch.Dispose();
            _ncc.Dispose();
            _fixed.Dispose();
            _moving.Dispose();
        }
    }
}
