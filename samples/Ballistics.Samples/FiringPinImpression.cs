namespace Ballistics.Samples;

/// <summary>What the firing pin leaves at one point: crater depth, flowback and drag, plus where the point lies.</summary>
/// <param name="HeightUm">Relief added to the primer face (negative in the crater and drag mark).</param>
/// <param name="ApertureNorm">Superellipse norm of the point in the firing-pin hole: below 1 inside.</param>
/// <param name="InCrater">True on the crater floor, where the firing-pin tip (not the breech face) touched.</param>
internal readonly record struct PinMark(double HeightUm, double ApertureNorm, bool InCrater);

/// <summary>
/// The firing pin's part of the primer, in the gun frame: a crater from the pin's rounded tip (spherical cap,
/// elongated for an elliptical pin) whose floor carries the tip's own texture, primer metal flowing back into the
/// firing-pin hole around it (its leading edge sheared into striae when the hole's edge cut it as the barrel
/// unlocked), and when the pin was still out as the barrel unlocked, a groove dragged from the crater outward,
/// scored by the tip. The marks are the firearm's (<see cref="FiringPinMarks"/>), recorded as strongly as this
/// firing's <see cref="PinMarkTransfer"/> says.
/// </summary>
internal readonly struct FiringPinImpression
{
    private readonly double _pinX;
    private readonly double _pinY;
    private readonly double _apertureHalfWidth;
    private readonly double _apertureHalfHeight;
    private readonly double _apertureExponent;
    private readonly double _craterHalfWidth;
    private readonly double _craterHalfHeight;
    private readonly double _craterExponent;
    private readonly double _craterRadius;
    private readonly double _tipRadius;
    private readonly double _depth;
    private readonly double _flowback;
    private readonly bool _drag;
    private readonly double _dragCos;
    private readonly double _dragSin;
    private readonly double _dragLength;
    private readonly double _dragDepth;
    private readonly double _reach;
    private readonly FiringPinMarks? _marks;
    private readonly PinMarkTransfer _transfer;
    private readonly double _shearCos;
    private readonly double _shearSin;

    /// <param name="model">The make's pin and hole.</param>
    /// <param name="draw">This firing's pose, crater depth, flowback and drag.</param>
    /// <param name="marks">The firearm's pin marks; null for the bare geometry.</param>
    /// <param name="transfer">How much of them this firing records.</param>
    public FiringPinImpression(MakeModel model, FiringDraw draw, FiringPinMarks? marks = null, PinMarkTransfer transfer = default)
    {
        _marks = marks;
        _transfer = transfer;
        // The hole's edge cuts along the barrel's unlocking motion, which varies far less from firing to firing than
        // how far the pin is still out when it starts (the drag's direction).
        (_shearSin, _shearCos) = Math.SinCos((model.DragDirectionDeg * Math.PI / 180) + transfer.ShearDirectionJitterRad);
        _pinX = draw.PinOffsetXUm;
        _pinY = draw.PinOffsetYUm;
        _apertureHalfWidth = model.ApertureHalfWidthUm;
        _apertureHalfHeight = model.ApertureHalfHeightUm;
        _apertureExponent = model.ApertureExponent;
        _craterHalfWidth = model.CraterHalfWidthUm;
        _craterHalfHeight = model.CraterHalfHeightUm;
        _craterExponent = model.CraterExponent;
        _craterRadius = Math.Sqrt(model.CraterHalfWidthUm * model.CraterHalfHeightUm);
        _depth = Math.Min(draw.CraterDepthUm, 0.9 * _craterRadius);
        // A sphere of this radius pressed to this depth leaves a crater of the model's size.
        _tipRadius = ((_craterRadius * _craterRadius) + (_depth * _depth)) / (2 * _depth);
        _flowback = draw.FlowbackUm;
        _drag = draw.HasDrag;
        (_dragSin, _dragCos) = Math.SinCos(draw.DragDirectionRad);
        _dragLength = draw.DragLengthUm;
        _dragDepth = draw.DragDepthUm;
        _reach = 1.3 * Math.Max(_apertureHalfWidth, _apertureHalfHeight);
        if (_drag)
        {
            _reach = Math.Max(_reach, _dragLength + (2 * _craterRadius));
        }
    }

    public PinMark At(double u, double v)
    {
        var x = u - _pinX;
        var y = v - _pinY;
        if (Math.Abs(x) > _reach || Math.Abs(y) > _reach)
        {
            return new PinMark(0, double.PositiveInfinity, false);
        }

        var apertureNorm = Norm(x / _apertureHalfWidth, y / _apertureHalfHeight, _apertureExponent);
        var height = 0.0;
        var craterNorm = Norm(x / _craterHalfWidth, y / _craterHalfHeight, _craterExponent);
        if (apertureNorm < 1)
        {
            // Metal pushed back into the hole stands proud of the breech-face plane and is sheared at the hole's edge.
            var a2 = apertureNorm * apertureNorm;
            var a8 = a2 * a2 * a2 * a2;
            height += _flowback * (1 - a8);
            if (_marks is not null && _transfer.Shear > 0 && craterNorm >= 1)
            {
                // Striae along the motion on the flowback's leading edge, where the hole's edge met it.
                var along = (x * _shearCos) + (y * _shearSin);
                var across = (-x * _shearSin) + (y * _shearCos);
                var leading = PrimerTopography.SmoothStep(0, 0.25 * _apertureHalfWidth, along) * PrimerTopography.SmoothStep(0.55, 0.85, apertureNorm);
                height += _transfer.Shear * leading * _marks.ShearStriaUm(across);
            }
        }

        if (craterNorm < 1)
        {
            var r = craterNorm * _craterRadius;
            height -= _depth - (_tipRadius - Math.Sqrt((_tipRadius * _tipRadius) - (r * r)));
            if (_marks is not null)
            {
                height += _transfer.Tip * _marks.TipUm(x, y);
            }

            return new PinMark(height, apertureNorm, true);
        }

        if (_drag)
        {
            // Measured from the crater rim: the groove is deepest where the pin left the crater and fades outward.
            var along = (x * _dragCos) + (y * _dragSin) - _craterRadius;
            if (along > -_craterRadius && along < _dragLength)
            {
                var across = (-x * _dragSin) + (y * _dragCos);
                var fraction = Math.Max(0, along) / _dragLength;
                var halfWidth = 0.6 * _craterRadius * (1 - (0.4 * fraction));
                var w = across / halfWidth;
                if (w is > -1 and < 1)
                {
                    var groove = Math.Pow(1 - fraction, 1.5) * (1 - (w * w));
                    height -= _dragDepth * groove;
                    if (_marks is not null)
                    {
                        // The tip scores the groove along its length; the striae fade where the groove does.
                        height += _transfer.Drag * groove * _marks.DragStriaUm(across);
                    }
                }
            }
        }

        return new PinMark(height, apertureNorm, false);
    }

    private static double Norm(double x, double y, double exponent) =>
        exponent == 2 ? Math.Sqrt((x * x) + (y * y)) : Math.Pow(Math.Pow(Math.Abs(x), exponent) + Math.Pow(Math.Abs(y), exponent), 1 / exponent);
}
