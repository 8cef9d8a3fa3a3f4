namespace Ballistics.Samples;

/// <summary>
/// Assembles the measured surface of one fired case head, point by point on the scan grid: the primer
/// (domed, with a rounded rim, carrying the breech-face impression where it made contact, and its own
/// roughness), the firing-pin crater with primer flowback into the firing-pin hole, an occasional drag mark,
/// the clearance gap of the primer pocket and the brass case head beyond, all tilted as the case sat under
/// the instrument. Points outside the instrument's scanned disc are NaN.
/// </summary>
internal static class PrimerTopography
{
    /// <summary>Width over which a weak-contact sector blends into full contact.</summary>
    private const double SectorRampRad = 20 * Math.PI / 180;

    /// <summary>Contact fades out over this distance before the primer's rounded rim.</summary>
    private const double RimFadeUm = 80;

    /// <summary>Contact comes back over this fraction of the hole's size outside the firing-pin hole.</summary>
    private const double ApertureFade = 0.12;

    /// <remarks>When <c>inCrater</c> is given (the scan's size), it is set at the points inside the firing-pin crater.</remarks>
    /// <remarks>The firing pin's own marks (<paramref name="pinMarks"/>, recorded as <paramref name="pinTransfer"/> says) stand on the crater floor in place of the breech face's.</remarks>
    public static float[] Render(MakeModel model, FiringDraw d, ContactOptions contact, PrimerGeometryOptions geometry, float[] impression, float[] roughness, FiringPinMarks? pinMarks = null, PinMarkTransfer pinTransfer = default, bool[]? inCrater = null)
    {
        var width = d.Width;
        var heights = new float[width * d.Height];
        var (rotSin, rotCos) = Math.SinCos(d.RotationRad);
        var scannedSquare = d.ScannedRadiusUm * d.ScannedRadiusUm;

        var primerRadius = d.PrimerRadiusUm;
        var rimStart = primerRadius - geometry.EdgeRoundingUm;
        var caseInner = primerRadius + d.PocketGapUm;
        var pocketLevel = -(d.CaseHeadDropUm + geometry.PocketDepthUm);

        var sectorCos = Math.Cos(d.SectorCentreRad);
        var sectorSin = Math.Sin(d.SectorCentreRad);
        var sectorOuterCos = Math.Cos(d.SectorHalfWidthRad + (SectorRampRad / 2));
        var sectorInnerCos = Math.Cos(d.SectorHalfWidthRad - (SectorRampRad / 2));
        var (phase1Sin, phase1Cos) = Math.SinCos(d.ContactPhase1Rad);
        var (phase2Sin, phase2Cos) = Math.SinCos(d.ContactPhase2Rad);

        var pin = new FiringPinImpression(model, d, pinMarks, pinTransfer);
        var turnWave = 2 * Math.PI / d.CaseHeadTurnPitchUm;

        for (var row = 0; row < d.Height; row++)
        {
            var y = (row - d.CentreRow) * d.StepUm;
            var dy = y - d.TranslationYUm;
            for (var column = 0; column < width; column++)
            {
                var k = (row * width) + column;
                var x = (column - d.CentreColumn) * d.StepUm;
                if ((x * x) + (y * y) > scannedSquare)
                {
                    heights[k] = float.NaN;
                    continue;
                }

                // Same mapping as FiringDraw.ScanToGun, unrolled for the inner loop.
                var dx = x - d.TranslationXUm;
                var u = -((rotCos * dx) + (rotSin * dy));
                var v = (-rotSin * dx) + (rotCos * dy);
                var pu = u - d.PrimerOffsetXUm;
                var pv = v - d.PrimerOffsetYUm;
                var r = Math.Sqrt((pu * pu) + (pv * pv));
                var tilt = (d.TiltXPerUm * x) + (d.TiltYPerUm * y);

                double z;
                if (r > caseInner)
                {
                    z = -d.CaseHeadDropUm + (geometry.CaseHeadTurningUm * Math.Sin((turnWave * r) + d.CaseHeadTurnPhaseRad)) + (0.8 * roughness[k]);
                }
                else if (r > primerRadius)
                {
                    z = pocketLevel;
                }
                else
                {
                    var q = r / primerRadius;
                    z = d.DomeSagUm * (1 - (q * q));
                    if (r > rimStart)
                    {
                        var e = (r - rimStart) / geometry.EdgeRoundingUm;
                        z -= geometry.EdgeRoundingUm * (1 - Math.Sqrt(Math.Max(0, 1 - (e * e))));
                    }

                    // Angle around the primer as cos/sin, to avoid trigonometry per point.
                    var c = r > 0 ? pu / r : 1;
                    var s = r > 0 ? pv / r : 0;
                    var transfer = d.Transfer * (1 - SmoothStep(rimStart - RimFadeUm, rimStart, r));
                    transfer *= 1 + (contact.ContactVariation
                        * ((0.6 * ((s * phase1Cos) + (c * phase1Sin))) + (0.4 * ((2 * s * c * phase2Cos) + (((c * c) - (s * s)) * phase2Sin)))));
                    if (d.PartialContact)
                    {
                        var inSector = SmoothStep(sectorOuterCos, sectorInnerCos, (c * sectorCos) + (s * sectorSin));
                        transfer *= 1 - (inSector * (1 - d.SectorResidual));
                    }

                    var mark = pin.At(u, v);
                    if (inCrater is not null)
                    {
                        inCrater[k] = mark.InCrater;
                    }

                    transfer *= mark.InCrater ? 0 : SmoothStep(1, 1 + ApertureFade, mark.ApertureNorm);
                    z += (transfer * impression[k]) + roughness[k] + mark.HeightUm;
                }

                heights[k] = (float)(z + tilt);
            }
        }

        return heights;
    }

    /// <summary>0 below <paramref name="edge0"/>, 1 above <paramref name="edge1"/>, a cubic between.</summary>
    internal static double SmoothStep(double edge0, double edge1, double x)
    {
        var t = Math.Clamp((x - edge0) / (edge1 - edge0), 0, 1);
        return t * t * (3 - (2 * t));
    }
}
