using System.Diagnostics;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.Preprocessing;
using Ballistics.Ingest.X3p;

namespace Ballistics.Engine.Tests.Scratch;

[TestFixture, Explicit]
public sealed class ViewScratch
{
    [Test]
    public void Profile()
    {
        OpenCvSharp.Cv2.SetNumThreads(1);
        var prepared = Enumerable.Range(1, 6).Select(i => Preprocessor.Prepare(X3pReader.Read($"/tmp/c500e/scans/F000{i}_fire01.x3p").Value!)).ToArray();
        var options = RegistrationOptions.Default;
        var t = new double[9];
        for (var rep = 0; rep < 2; rep++)
        {
            Array.Clear(t);
            foreach (var p in prepared)
            {
                var s = p.Surface;
                var w = Stopwatch.StartNew();
                using var image = MaskedImage.FromHeights(s.Values, s.Width, s.Height);
                t[0] += w.Elapsed.TotalMilliseconds; w.Restart();
                using var hp = image.HighPassed(s.LateralStepXUm, options.WholeScanLongCutoffUm);
                t[1] += w.Elapsed.TotalMilliseconds; w.Restart();
                var factor = Math.Max(1, options.CoarseStepUm / s.LateralStepXUm);
                using var coarse = MaskedImage.Resample(hp, 1 / factor);
                t[2] += w.Elapsed.TotalMilliseconds; w.Restart();
                using var residual = StriationFilter.Residual(hp, s.LateralStepXUm);
                t[3] += w.Elapsed.TotalMilliseconds; w.Restart();
                var texture = TextureCorrelation.Measure(coarse, s.LateralStepXUm * factor);
                t[4] += w.Elapsed.TotalMilliseconds; w.Restart();
                using var whitened = SpectralWhitening.Whiten(hp, s.LateralStepXUm);
                t[5] += w.Elapsed.TotalMilliseconds; w.Restart();
                var wt = TextureCorrelation.Measure(whitened, s.LateralStepXUm);
                t[6] += w.Elapsed.TotalMilliseconds; w.Restart();
                using var cc = MaskedImage.Resample(image, 1 / factor);
                var polar = CentredPolarImage.Build(cc, cc.Width / 2.0, cc.Height / 2.0);
                t[7] += w.Elapsed.TotalMilliseconds; w.Restart();
                using var ps = PolarSpectrum.Build(image, s.LateralStepXUm, options.SpectrumStepUm);
                if (ps is not null)
                {
                    using var spectra = new MaskedSpectra(ComparableScan.PolarFftSize);
                    using var ncc = new MaskedNcc(ComparableScan.PolarFftSize);
                    ncc.Transform(ps, new OpenCvSharp.Rect(0, 0, ps.Width, ps.Height), spectra);
                }
                t[8] += w.Elapsed.TotalMilliseconds;
            }
        }
        var names = new[] { "fromHeights", "highPass", "coarse", "residual", "texture", "whiten", "whitenedTexture", "centredPolar", "polarSpectrum" };
        TestContext.Out.WriteLine($"size {prepared[0].Surface.Width}x{prepared[0].Surface.Height}: " + string.Join(", ", names.Select((n, i) => $"{n} {t[i] / prepared.Length:F1}")));
    }
}
