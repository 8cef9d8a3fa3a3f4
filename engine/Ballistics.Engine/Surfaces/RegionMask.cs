namespace Ballistics.Engine.Surfaces;

/// <summary>A labelled region of a mask colour, as the FiX3P / x3ptools convention writes them.</summary>
public readonly record struct MaskAnnotation(uint ColourRgb, string Label);

/// <summary>
/// A per-point region mask: each point carries a 24-bit RGB colour; points of the background
/// colour lie outside every region. This keeps the x3p convention (a colour PNG plus a declared
/// background) without losing annotations, and still answers the one question matching asks:
/// is this point inside the region of interest?
/// </summary>
public sealed class RegionMask
{
    private readonly uint[] _colours;

    public RegionMask(int width, int height, uint[] coloursRgb, uint backgroundRgb, IReadOnlyList<MaskAnnotation>? annotations = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(coloursRgb);
        if (coloursRgb.Length != (long)width * height)
        {
            throw new ArgumentException($"Mask has {coloursRgb.Length} points but {width}×{height} were declared.", nameof(coloursRgb));
        }

        Width = width;
        Height = height;
        _colours = coloursRgb;
        BackgroundRgb = backgroundRgb & 0xFFFFFF;
        Annotations = annotations ?? [];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Colour of points outside every region.</summary>
    public uint BackgroundRgb { get; }

    public IReadOnlyList<MaskAnnotation> Annotations { get; }

    /// <summary>Colours of one row, X fastest, 0xRRGGBB.</summary>
    public ReadOnlySpan<uint> Row(int y) => _colours.AsSpan(y * Width, Width);

    /// <summary>All colours, row by row.</summary>
    public ReadOnlySpan<uint> Colours => _colours;

    public bool IsInRegion(int x, int y) => _colours[(y * Width) + x] != BackgroundRgb;

    /// <summary>Fraction of points inside a region.</summary>
    public double RegionFraction()
    {
        long inside = 0;
        foreach (var c in _colours)
        {
            if (c != BackgroundRgb)
            {
                inside++;
            }
        }

        return (double)inside / _colours.Length;
    }

    /// <summary>Two masks are equal when every colour, the background and the annotations agree.</summary>
    public bool ContentEquals(RegionMask other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Width == other.Width && Height == other.Height && BackgroundRgb == other.BackgroundRgb
            && _colours.AsSpan().SequenceEqual(other._colours) && Annotations.SequenceEqual(other.Annotations);
    }
}
