using System.Globalization;

namespace Ballistics.Ingest.X3p;

/// <summary>
/// Moves a number between metres and micrometres by shifting its decimal exponent in text, so a
/// lateral step survives write → read exactly: 7.38452 µm is written "7.38452e-6" and read back
/// as the very same double, which multiplying by 1e-6 and 1e6 would not guarantee.
/// </summary>
internal static class DecimalShift
{
    public static string Format(double value, int exponentShift)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var (mantissa, exponent) = Split(text);
        return $"{mantissa}e{(exponent + exponentShift).ToString(CultureInfo.InvariantCulture)}";
    }

    public static bool TryParse(string text, int exponentShift, out double value)
    {
        text = text.Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = double.NaN;
            return false;
        }

        var (mantissa, exponent) = Split(text);
        return double.TryParse($"{mantissa}e{exponent + exponentShift}", NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static (string Mantissa, int Exponent) Split(string text)
    {
        var e = text.IndexOfAny(['e', 'E']);
        return e < 0
            ? (text, 0)
            : (text[..e], int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }
}
