namespace Ballistics.Samples;

/// <summary>
/// The firing pin's own marks, one set per firearm: the texture of its tip (pressed into the crater floor), the
/// striae its tip scores along a drag mark, and the striae the firing-pin hole's edge shears into the primer metal
/// that flowed back into the hole as the barrel unlocked. A firing pin is made and finished apart from the slide, so
/// these follow from the firearm's number alone: two slides of one production group share subclass marks on their
/// breech faces, not on their pins. Sizes in µm, in the pin's frame (the gun frame about the pin's axis).
/// </summary>
internal sealed class FiringPinMarks
{
    /// <summary>Step of the tip texture's grid.</summary>
    private const double TipStepUm = 3;

    /// <summary>Half size of the tip texture's grid: the largest crater of the catalogue and the pin's play fit in it.</summary>
    private const double TipReachUm = 720;

    /// <summary>Half length of the striae profiles, across the drag or the shear: the widest hole of the catalogue.</summary>
    private const double StriaReachUm = 1_000;

    private readonly float[] _tip;
    private readonly int _tipSide;
    private readonly float[] _drag;
    private readonly float[] _shear;

    private FiringPinMarks(float[] tip, int tipSide, float[] drag, float[] shear, bool shears)
    {
        _tip = tip;
        _tipSide = tipSide;
        _drag = drag;
        _shear = shear;
        Shears = shears;
    }

    /// <summary>Whether this firearm's hole shears the flowback at all (a trait of the gun, not of one firing).</summary>
    public bool Shears { get; }

    /// <param name="seed">The corpus's seed.</param>
    /// <param name="firearmNumber">1-based number of the firearm; its production group plays no part.</param>
    /// <param name="model">The make's pin and hole: how strongly it is finished and how often its hole shears.</param>
    /// <param name="turning">Weight of the lathe's turns relative to the draw (0: a tip without turning marks).</param>
    public static FiringPinMarks Create(int seed, int firearmNumber, MakeModel model, double turning = 1)
    {
        var rng = StableHash.Random(seed, RandomStream.FiringPinMarks, firearmNumber);
        var tipSide = (2 * (int)Math.Ceiling(TipReachUm / TipStepUm)) + 1;
        var tip = new float[tipSide * tipSide];
        rng.FillGaussian(tip, 1);
        // Grain of a few µm from the pin's finishing, then the lathe's turns about its axis at this pin's own pitch.
        FloatImage.GaussianBlur(tip, tipSide, tipSide, rng.Uniform(2, 4) / TipStepUm);
        FloatImage.Standardise(tip);
        var pitchUm = rng.Uniform(18, 40);
        // Drawn whatever the weight, so that every later draw of the stream stays the same.
        var turnShare = Math.Min(0.95, turning * rng.Uniform(0.2, 0.5));
        var phase = rng.Uniform(0, 2 * Math.PI);
        var centre = (tipSide - 1) / 2.0;
        for (var row = 0; row < tipSide; row++)
        {
            for (var column = 0; column < tipSide; column++)
            {
                var r = Math.Sqrt(((column - centre) * (column - centre)) + ((row - centre) * (row - centre))) * TipStepUm;
                var k = (row * tipSide) + column;
                tip[k] = (float)((Math.Sqrt(1 - (turnShare * turnShare)) * tip[k]) + (turnShare * Math.Sqrt(2) * Math.Sin((2 * Math.PI * r / pitchUm) + phase)));
            }
        }

        FloatImage.Scale(tip, (float)model.FiringPinTipRmsUm);
        var drag = Profile(rng, rng.Uniform(2, 5), model.FiringPinTipRmsUm);
        var shear = Profile(rng, rng.Uniform(2, 6), model.ApertureShearRmsUm);
        return new FiringPinMarks(tip, tipSide, drag, shear, rng.Chance(model.ApertureShearProbability));
    }

    /// <summary>The tip's relief at (<paramref name="x"/>, <paramref name="y"/>) µm from the pin's axis.</summary>
    public double TipUm(double x, double y) =>
        FloatImage.Bilinear(_tip, _tipSide, _tipSide, (x / TipStepUm) + ((_tipSide - 1) / 2.0), (y / TipStepUm) + ((_tipSide - 1) / 2.0));

    /// <summary>The drag striae's relief <paramref name="acrossUm"/> from the drag's centre line.</summary>
    public double DragStriaUm(double acrossUm) => GrooveProfile.Sample(_drag, acrossUm + StriaReachUm);

    /// <summary>The shear striae's relief <paramref name="acrossUm"/> from the line through the pin's axis along the shear.</summary>
    public double ShearStriaUm(double acrossUm) => GrooveProfile.Sample(_shear, acrossUm + StriaReachUm);

    private static float[] Profile(Random rng, double correlationUm, double rmsUm)
    {
        // One sample per µm, as GrooveProfile.Sample reads it, centred on the line the striae are measured from.
        var profile = new float[(2 * (int)Math.Ceiling(StriaReachUm / GrooveProfile.SampleUm)) + 1];
        rng.FillGaussian(profile, 1);
        FloatImage.GaussianBlur1D(profile, correlationUm / GrooveProfile.SampleUm);
        FloatImage.Standardise(profile);
        FloatImage.Scale(profile, (float)rmsUm);
        return profile;
    }
}
