using System.Diagnostics.CodeAnalysis;

namespace Ballistics.Ingest;

/// <summary>Either a value or a located error, never both (after NodaTime's ParseResult).</summary>
public sealed class IngestResult<T>
    where T : class
{
    private readonly T? _value;

    private IngestResult(T? value, IngestError? error)
    {
        _value = value;
        Error = error;
    }

    public static IngestResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static IngestResult<T> Fail(IngestError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Error is null;

    public IngestError? Error { get; }

    /// <summary>The value; throws <see cref="IngestException"/> carrying the error when reading failed.</summary>
    public T Value => _value ?? throw new IngestException(Error!);

    public bool TryGetValue([NotNullWhen(true)] out T? value)
    {
        value = _value;
        return value is not null;
    }
}
