using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Corpus;

/// <summary>
/// How a scan's stage-1 signature is made from its centred polar image (<see cref="ScanSignature"/>). Defaults from
/// measurements on generated corpora (2026-11-29, every scan's signature ranked against all others; docs/benchmarks.md):
/// recall of a same-firearm scan within the top 200 of 2,000 easy scans 1.000 with these (2,976 numbers), 0.999 with
/// one neighbouring band (2,016), 0.994 with one neighbour and 8 frequencies. The projection that shrinks the
/// signature for the index keeps more of the longer one (512 axes: 0.999 against 0.9975).
/// </summary>
public sealed record SignatureOptions
{
    public static SignatureOptions Default { get; } = new();

    /// <summary>Radial bands the breech face is cut into, from the turning axis out to <see cref="RadiusUm"/>.</summary>
    public int Bands { get; init => field = (int)RegistrationOptions.InRange(value, 1, 256, nameof(Bands)); } = 32;

    /// <summary>Angular frequencies kept per band (1 … this many turns per circle).</summary>
    public int Frequencies { get; init => field = (int)RegistrationOptions.InRange(value, 1, 256, nameof(Frequencies)); } = 16;

    /// <summary>How many bands further out each band is paired with (0: each band with itself only).</summary>
    public int NeighbourBands { get; init => field = (int)RegistrationOptions.InRange(value, 0, 16, nameof(NeighbourBands)); } = 2;

    /// <summary>Outer radius of the last band; a 9 mm breech face lies within about 2 mm of the firing pin.</summary>
    public double RadiusUm { get; init => field = RegistrationOptions.Positive(value, nameof(RadiusUm)); } = 2080;

    /// <summary>Numbers in a signature: two (real, imaginary) per band pair and frequency.</summary>
    public int Length
    {
        get
        {
            var pairs = 0;
            for (var b = 0; b < Bands; b++)
            {
                pairs += Math.Min(Bands - b, NeighbourBands + 1);
            }

            return 2 * pairs * Frequencies;
        }
    }
}
