using System.Runtime.InteropServices;

namespace Ballistics.Engine.Surfaces;

/// <summary>
/// A height map on a regular grid: heights in micrometres (float32), X fastest then Y, NaN for
/// points the instrument did not measure. Lateral steps are in micrometres and may differ
/// between X and Y. The grid owns one contiguous buffer so that image steps can work row by
/// row on spans without per-point virtual calls.
/// </summary>
public sealed class Surface
{
    /// <summary>Largest grid a surface may hold (points). Readers refuse larger files before allocating.</summary>
    public const long MaxPoints = 1L << 28;

    private readonly float[] _values;

    /// <param name="width">Points along X.</param>
    /// <param name="height">Points along Y.</param>
    /// <param name="lateralStepXUm">Spacing of points along X in micrometres.</param>
    /// <param name="lateralStepYUm">Spacing of points along Y in micrometres.</param>
    /// <param name="values">Row-major values (heights in µm for topography); ownership passes to the surface.</param>
    public Surface(int width, int height, double lateralStepXUm, double lateralStepYUm, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(values);
        if ((long)width * height > MaxPoints)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}×{height} points exceed the limit of {MaxPoints}.");
        }

        if (values.Length != width * height)
        {
            throw new ArgumentException($"Expected {width * height} values for {width}×{height}, got {values.Length}.", nameof(values));
        }

        if (!(lateralStepXUm > 0) || !double.IsFinite(lateralStepXUm))
        {
            throw new ArgumentOutOfRangeException(nameof(lateralStepXUm), lateralStepXUm, "Lateral step must be a positive finite number of micrometres.");
        }

        if (!(lateralStepYUm > 0) || !double.IsFinite(lateralStepYUm))
        {
            throw new ArgumentOutOfRangeException(nameof(lateralStepYUm), lateralStepYUm, "Lateral step must be a positive finite number of micrometres.");
        }

        Width = width;
        Height = height;
        LateralStepXUm = lateralStepXUm;
        LateralStepYUm = lateralStepYUm;
        _values = values;
    }

    /// <summary>A surface of the given size with every point invalid (NaN).</summary>
    public static Surface CreateInvalid(int width, int height, double lateralStepXUm, double lateralStepYUm)
    {
        var values = new float[checked(width * height)];
        values.AsSpan().Fill(float.NaN);
        return new Surface(width, height, lateralStepXUm, lateralStepYUm, values);
    }

    public int Width { get; }

    public int Height { get; }

    public double LateralStepXUm { get; }

    public double LateralStepYUm { get; }

    public SurfaceKind Kind { get; init; } = SurfaceKind.Topography;

    /// <summary>Optional region of interest; same size as the surface.</summary>
    public RegionMask? Mask
    {
        get;
        init
        {
            if (value is not null && (value.Width != Width || value.Height != Height))
            {
                throw new ArgumentException($"Mask is {value.Width}×{value.Height} but the surface is {Width}×{Height}.", nameof(value));
            }

            field = value;
        }
    }

    public SurfaceMetadata Metadata { get; init; } = SurfaceMetadata.Empty;

    public long PointCount => (long)Width * Height;

    /// <summary>Physical extent along X in micrometres.</summary>
    public double WidthUm => Width * LateralStepXUm;

    /// <summary>Physical extent along Y in micrometres.</summary>
    public double HeightUm => Height * LateralStepYUm;

    /// <summary>One row of values, X fastest.</summary>
    public Span<float> Row(int y) => _values.AsSpan(y * Width, Width);

    /// <summary>All values, row by row.</summary>
    public Span<float> Values => _values;

    public float this[int x, int y]
    {
        get => _values[(y * Width) + x];
        set => _values[(y * Width) + x] = value;
    }

    /// <summary>A deep copy with the same metadata and mask.</summary>
    public Surface Clone() => new(Width, Height, LateralStepXUm, LateralStepYUm, (float[])_values.Clone())
    {
        Kind = Kind,
        Mask = Mask,
        Metadata = Metadata,
    };

    /// <summary>True when both surfaces have the same grid and the same value bits (NaN payloads included).</summary>
    public bool ValuesBitEqual(Surface other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Width == other.Width && Height == other.Height
            && LateralStepXUm.Equals(other.LateralStepXUm) && LateralStepYUm.Equals(other.LateralStepYUm)
            && MemoryMarshal.AsBytes(Values).SequenceEqual(MemoryMarshal.AsBytes(other.Values));
    }

    public SurfaceStatistics Statistics() => SurfaceStatistics.Of(_values);
}
