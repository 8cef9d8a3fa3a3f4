using System.Globalization;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Matching;

/// <summary>
/// How two photographs were lit and whether their shading can be expected to agree. A photograph records the marks'
/// slopes as its light sees them: a ring light from all round, a side lamp from one side — so two side-lit photographs
/// of one case agree only when the case lay turned alike under the lamp. The score is the photograph model's either way;
/// this says when it was measured across lights, at a cost <c>eval</c> reports per lighting pair.
/// </summary>
/// <param name="A">The first photograph's light as stated (unknown when not).</param>
/// <param name="B">The second's.</param>
/// <param name="Differs">True when the lights differ on the marks, false when they agree, null when it cannot be told.</param>
/// <param name="Note">Why, in words.</param>
public sealed record LightingAgreement(ImageLighting A, ImageLighting B, bool? Differs, string Note)
{
    /// <summary>Two side-lit cases turned by less than this under one lamp are lit alike (a lamp's own spread).</summary>
    public const double SideLightToleranceDeg = 20;

    /// <summary>
    /// Whether B's shading was compared with its sign turned over: under a ring, slopes brighten or darken by the light's
    /// elevation and the metal's finish, so two photographs of one case may be each other's negative.
    /// </summary>
    public bool ShadingInverted { get; init; }

    /// <summary>
    /// For a topography rendered as a photograph (3D ↔ 2D), the direction (degrees, in the topography's frame) the light it
    /// was rendered under was brighter from, of those tried the one that agreed best; null otherwise.
    /// </summary>
    public double? RenderedLightAzimuthDeg { get; init; }

    /// <summary>
    /// When a photograph's shading as recorded agreed best relit from another side (integrated along the axis it
    /// varies most along and differentiated along another), the turn in degrees; null when it agreed best as recorded.
    /// </summary>
    public double? SteeredDeg { get; init; }

    /// <summary>For a topography rendered as a photograph (3D ↔ 2D), whether the rendering under an even ring agreed best.</summary>
    public bool RenderedEvenRing { get; init; }

    /// <summary>
    /// The lighting of two photographs registered at <paramref name="registration"/>, B's shading inverted or not, and the
    /// direction of the rendered light kept when one was a topography rendered as a photograph.
    /// </summary>
    public static LightingAgreement Of(
        ImageLighting? a, ImageLighting? b, Registration registration, bool shadingInverted = false, double? renderedLightAzimuthDeg = null, double? steeredDeg = null, bool renderedEvenRing = false)
    {
        var agreement = Described(a, b, registration);
        if (steeredDeg is { } steered)
        {
            agreement = agreement with
            {
                SteeredDeg = steered,
                Note = agreement.Note + string.Create(CultureInfo.InvariantCulture, $"; one photograph's shading relit from {steered:0}° beside the side it was lit from, which agreed best"),
            };
        }

        if (shadingInverted)
        {
            agreement = agreement with { ShadingInverted = true, Note = agreement.Note + "; compared with B's shading inverted (bright where A is dark), which agreed better" };
        }

        if (renderedEvenRing)
        {
            return agreement with
            {
                RenderedEvenRing = true,
                Note = agreement.Note + $"; the topography rendered under an even ring (beside its light brighter from {LightingModelTurns}), which agreed best",
            };
        }

        return renderedLightAzimuthDeg is { } azimuth
            ? agreement with
            {
                RenderedLightAzimuthDeg = azimuth,
                Note = agreement.Note + string.Create(CultureInfo.InvariantCulture, $"; the topography rendered with its light brighter from {azimuth:0}° (of {LightingModelTurns}), which agreed best"),
            }
            : agreement;
    }

    private static readonly string LightingModelTurns = string.Join("/", Rendering.LightingModel.TurnsDeg.Select(t => t.ToString("0", CultureInfo.InvariantCulture))) + "°";

    private static LightingAgreement Described(ImageLighting? a, ImageLighting? b, Registration registration)
    {
        var (la, lb) = (a ?? ImageLighting.Unknown, b ?? ImageLighting.Unknown);
        if (la == ImageLighting.Unknown || lb == ImageLighting.Unknown)
        {
            return new(la, lb, null, "the lighting of one photograph or both is not stated");
        }

        if (la != lb)
        {
            return new(la, lb, true, "one photograph is ring-lit and the other side-lit: the same marks are shaded differently");
        }

        if (la == ImageLighting.Ring)
        {
            return new(la, lb, false, "both ring-lit");
        }

        if (!registration.Registered)
        {
            return new(la, lb, null, "both side-lit; not registered, so how the cases lay under the lamps is not known");
        }

        var turn = Math.Abs(Math.IEEERemainder(registration.RotationDeg, 360));
        return turn <= SideLightToleranceDeg
            ? new(la, lb, false, string.Create(CultureInfo.InvariantCulture, $"both side-lit, the cases turned {turn:0}° apart: lit from about the same side if the lamp stood alike"))
            : new(la, lb, true, string.Create(CultureInfo.InvariantCulture, $"both side-lit, the cases turned {turn:0}° apart: if the lamp stood alike, each mark was lit from another side"));
    }
}
