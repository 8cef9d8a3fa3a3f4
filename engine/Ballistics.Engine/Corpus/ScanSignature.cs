using System.Numerics.Tensors;
using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Corpus;

/// <summary>
/// A fixed-length description of a breech face that does not change when the case is turned about its firing-pin
/// axis, for ranking a corpus before the full comparison. On rings about the axis, a turn by θ multiplies every
/// ring's angular Fourier coefficient k by the same e^(−ikθ); so the ring spectra are summed per radial band and
/// each band's coefficients are multiplied by the conjugates of the next band's (V_b(k)·conj(V_b+1(k))), which
/// keeps where the marks lie relative to each other across the face while the turn cancels. Power spectra alone
/// (each band with itself) lose that and ranked mates far worse in a first measurement (recall within the top 10 %
/// of 400 generated scans: 0.84 against 0.97–1.00 on an easy set, 0.57 against 0.76–0.85 on a hard one). Magnitudes are square-rooted so that a few
/// strong marks do not drown the rest, and the whole vector has unit length: similarity is a dot product.
/// </summary>
public static class ScanSignature
{
    public const string AlgorithmVersion = "signature/0.1";

    /// <summary>The signature of a comparison view, or null when it has no centred polar image (too small a scan).</summary>
    internal static float[]? Of(ComparableScan view, SignatureOptions options) =>
        view.CentredPolar is { } polar ? FromPolar(polar, view.CoarseStepUm, options) : null;

    internal static float[] FromPolar(CentredPolarImage polar, double ringStepUm, SignatureOptions options)
    {
        var bands = options.Bands;
        var frequencies = options.Frequencies;
        var ringsPerBand = options.RadiusUm / ringStepUm / bands;
        var re = new double[bands * frequencies];
        var im = new double[bands * frequencies];
        var spectra = polar.Values.AsSpan<float>();
        for (var ring = 0; ring < polar.Rings; ring++)
        {
            // Ring i lies (i + 1) steps from the axis (CentredPolarImage).
            var band = (int)(ring / ringsPerBand);
            if (band >= bands)
            {
                break;
            }

            var row = spectra.Slice(ring * CentredPolarImage.Angles, CentredPolarImage.Angles);
            // OpenCV's packed row spectrum: [Re0, Re1, Im1, Re2, Im2, …]. Each ring counts by the shape of its
            // spectrum, not its strength: rings near the edge of the data hold fewer valid samples.
            double total = 0;
            for (var k = 1; k <= frequencies; k++)
            {
                total += (row[(2 * k) - 1] * (double)row[(2 * k) - 1]) + (row[2 * k] * (double)row[2 * k]);
            }

            if (total <= 0)
            {
                continue;
            }

            var scale = 1 / Math.Sqrt(total);
            for (var k = 1; k <= frequencies; k++)
            {
                re[(band * frequencies) + k - 1] += row[(2 * k) - 1] * scale;
                im[(band * frequencies) + k - 1] += row[2 * k] * scale;
            }
        }

        var signature = new float[options.Length];
        var at = 0;
        for (var b1 = 0; b1 < bands; b1++)
        {
            for (var b2 = b1; b2 < Math.Min(bands, b1 + options.NeighbourBands + 1); b2++)
            {
                for (var k = 0; k < frequencies; k++)
                {
                    var i = (b1 * frequencies) + k;
                    var j = (b2 * frequencies) + k;
                    var cr = (re[i] * re[j]) + (im[i] * im[j]);
                    var ci = (im[i] * re[j]) - (re[i] * im[j]);
                    var magnitude = Math.Sqrt((cr * cr) + (ci * ci));
                    var damp = magnitude > 0 ? 1 / Math.Sqrt(magnitude) : 0;
                    signature[at++] = (float)(cr * damp);
                    signature[at++] = (float)(ci * damp);
                }
            }
        }

        var norm = TensorPrimitives.Norm(signature);
        if (norm > 0)
        {
            TensorPrimitives.Divide(signature, norm, signature);
        }

        return signature;
    }

    /// <summary>Cosine similarity of two signatures of the same options (both have unit length).</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);
}
