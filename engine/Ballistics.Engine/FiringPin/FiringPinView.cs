using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.FiringPin;

/// <summary>
/// One impression as every comparison reads it, built once per scan: the standardised masked image, its axis in
/// pixels and its polar image about that axis (null when too small to have one).
/// </summary>
internal sealed class FiringPinView : IDisposable
{
    private FiringPinView(MaskedImage image, CentredPolarImage? polar, (double X, double Y) axisPx, double stepUm)
    {
        Image = image;
        Polar = polar;
        AxisPx = axisPx;
        StepUm = stepUm;
    }

    public MaskedImage Image { get; }

    public CentredPolarImage? Polar { get; }

    /// <summary>The pin's axis in pixels of <see cref="Image"/>.</summary>
    public (double X, double Y) AxisPx { get; }

    /// <summary>The pin's axis in µm from <see cref="Image"/>'s centre.</summary>
    public (double X, double Y) AxisUm => ((AxisPx.X - ((Image.Width - 1) / 2.0)) * StepUm, (AxisPx.Y - ((Image.Height - 1) / 2.0)) * StepUm);

    public double StepUm { get; }

    public static FiringPinView Of(FiringPinImpression impression)
    {
        var surface = impression.Surface;
        var step = surface.LateralStepXUm;
        var image = MaskedImage.FromHeights(surface.Values, surface.Width, surface.Height);
        var axis = (((surface.Width - 1) / 2.0) + (impression.AxisUm.X / step), ((surface.Height - 1) / 2.0) + (impression.AxisUm.Y / step));
        return new FiringPinView(image, CentredPolarImage.Build(image, axis.Item1, axis.Item2), axis, step);
    }

    public void Dispose()
    {
        Image.Dispose();
        Polar?.Dispose();
    }
}
