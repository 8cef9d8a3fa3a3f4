namespace Ballistics.Samples;

/// <summary>
/// The make-and-model classes of the synthetic corpus. They are archetypes after real 9 mm pistols, not
/// measurements of them: each differs in breech-face finish and firing-pin shape the way those makes do.
/// </summary>
public static class MakeModelCatalogue
{
    public const string NineMillimetreLuger = "9mm Luger";

    public static MakeModel RugerSr9Like { get; } = new()
    {
        Name = "Ruger SR9-like",
        Caliber = NineMillimetreLuger,
        Texture = BreechFaceTexture.ParallelFiling,
        TextureSpacingUm = 45,
        TextureAngleDeg = 30,
        FilingSets = 2,
        BreechFaceRmsUm = 1.2,
        FiringPin = FiringPinShape.Circular,
        ApertureHalfWidthUm = 760,
        ApertureHalfHeightUm = 760,
        CraterHalfWidthUm = 480,
        CraterHalfHeightUm = 480,
        DragProbability = 0.08,
        DragDirectionDeg = 270,
    };

    public static MakeModel Glock17Like { get; } = new()
    {
        Name = "Glock 17-like",
        Caliber = NineMillimetreLuger,
        Texture = BreechFaceTexture.ParallelFiling,
        TextureSpacingUm = 70,
        TextureAngleDeg = 90,
        FilingSets = 1,
        BreechFaceRmsUm = 1.0,
        FiringPin = FiringPinShape.Elliptical,
        ApertureHalfWidthUm = 850,
        ApertureHalfHeightUm = 560,
        ApertureExponent = 6,
        CraterHalfWidthUm = 620,
        CraterHalfHeightUm = 380,
        CraterExponent = 2.6,
        StrikeFactor = 0.9,
        DragProbability = 0.55,
        DragDirectionDeg = 90,
        // The rectangular hole's long edges shear the flowback on most Glocks (Glock's "aperture shear" is a
        // recognised class mark).
        ApertureShearProbability = 0.85,
    };

    public static MakeModel SmithWessonMp9Like { get; } = new()
    {
        Name = "Smith & Wesson M&P9-like",
        Caliber = NineMillimetreLuger,
        Texture = BreechFaceTexture.ArchedMachining,
        TextureSpacingUm = 55,
        TextureAngleDeg = 200,
        ArcRadiusUm = 6_000,
        BreechFaceRmsUm = 1.3,
        FiringPin = FiringPinShape.Circular,
        ApertureHalfWidthUm = 740,
        ApertureHalfHeightUm = 740,
        CraterHalfWidthUm = 460,
        CraterHalfHeightUm = 460,
        DragProbability = 0.10,
        DragDirectionDeg = 270,
    };

    public static MakeModel HiPointC9Like { get; } = new()
    {
        Name = "Hi-Point C9-like",
        Caliber = NineMillimetreLuger,
        Texture = BreechFaceTexture.Granular,
        TextureSpacingUm = 50,
        TextureAngleDeg = 0,
        BreechFaceRmsUm = 1.6,
        FiringPin = FiringPinShape.Circular,
        ApertureHalfWidthUm = 820,
        ApertureHalfHeightUm = 820,
        CraterHalfWidthUm = 500,
        CraterHalfHeightUm = 500,
        StrikeFactor = 1.1,
        DragProbability = 0.15,
        DragDirectionDeg = 250,
    };

    public static MakeModel SigSauerP226Like { get; } = new()
    {
        Name = "Sig Sauer P226-like",
        Caliber = NineMillimetreLuger,
        Texture = BreechFaceTexture.CircularTurning,
        TextureSpacingUm = 35,
        TextureAngleDeg = 0,
        BreechFaceRmsUm = 0.9,
        FiringPin = FiringPinShape.Circular,
        ApertureHalfWidthUm = 750,
        ApertureHalfHeightUm = 750,
        CraterHalfWidthUm = 470,
        CraterHalfHeightUm = 470,
        DragProbability = 0.05,
        DragDirectionDeg = 270,
    };

    /// <summary>Every class, in a fixed order (the order is part of what a seed reproduces).</summary>
    public static IReadOnlyList<MakeModel> All { get; } =
        [RugerSr9Like, Glock17Like, SmithWessonMp9Like, HiPointC9Like, SigSauerP226Like];

    public static int IndexOf(MakeModel model)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == model)
            {
                return i;
            }
        }

        throw new ArgumentException($"{model.Name} is not in the catalogue.", nameof(model));
    }
}
