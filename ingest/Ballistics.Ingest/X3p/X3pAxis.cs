namespace Ballistics.Ingest.X3p;

/// <summary>How an axis stores coordinates: incremental (implied by index) or absolute (stored per point).</summary>
internal enum X3pAxisType
{
    Incremental,
    Absolute,
}

/// <summary>Binary types ISO 5436-2 allows for coordinates.</summary>
internal enum X3pDataType
{
    Int16,
    Int32,
    Float32,
    Float64,
}

/// <summary>One axis of Record1 as declared: the increment and offset are in the file's units.</summary>
internal readonly record struct X3pAxis(X3pAxisType AxisType, X3pDataType DataType, double Increment, double Offset, string? IncrementText = null)
{
    public int ByteSize => DataType switch
    {
        X3pDataType.Int16 => 2,
        X3pDataType.Int32 => 4,
        X3pDataType.Float32 => 4,
        _ => 8,
    };

    public bool IsInteger => DataType is X3pDataType.Int16 or X3pDataType.Int32;

    public static char Code(X3pDataType type) => type switch
    {
        X3pDataType.Int16 => 'I',
        X3pDataType.Int32 => 'L',
        X3pDataType.Float32 => 'F',
        _ => 'D',
    };

    public static X3pDataType? Parse(string code) => code.Trim() switch
    {
        "I" => X3pDataType.Int16,
        "L" => X3pDataType.Int32,
        "F" => X3pDataType.Float32,
        "D" => X3pDataType.Float64,
        _ => null,
    };
}
