using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Ballistics.Ingest.Records.Reading;

/// <summary>How a record file's bytes are read as text, and the words that say so ("UTF-8 (byte-order mark)").</summary>
internal sealed record RecordTextEncoding(Encoding Encoding, string Name);

/// <summary>
/// Tells how a record file is encoded. A byte-order mark decides (UTF-8, UTF-16 LE or BE). Without one the whole file is
/// looked at: valid UTF-8 is UTF-8; bytes that cannot be UTF-8 in a file with no UTF-8 character beyond ASCII are
/// Windows-1252, in which Spanish spreadsheets are still exported (read as UTF-8 every "ñ" would become a replacement
/// mark); a file with both — UTF-8 characters and bytes that cannot be UTF-8 — mixes encodings and is refused, naming the
/// lines of each, since either reading would garble the other part.
/// </summary>
internal static class RecordEncoding
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Windows-1252: Latin-1 with €, curly quotes and dashes at 0x80–0x9F.</summary>
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("the Windows-1252 code page is not available");

    /// <summary>The encoding of the rest of <paramref name="stream"/> from its position, which is left where it was.</summary>
    public static IngestResult<RecordTextEncoding> Detect(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            return IngestResult<RecordTextEncoding>.Ok(new(Encoding.UTF8, "UTF-8 (a stream that cannot be looked ahead in)"));
        }

        var start = stream.Position;
        try
        {
            Span<byte> head = stackalloc byte[3];
            var headRead = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            stream.Position = start;
            head = head[..headRead];
            if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                return IngestResult<RecordTextEncoding>.Ok(new(Encoding.UTF8, "UTF-8 (byte-order mark)"));
            }

            if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            {
                return IngestResult<RecordTextEncoding>.Ok(new(Encoding.Unicode, "UTF-16 LE (byte-order mark)"));
            }

            if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            {
                return IngestResult<RecordTextEncoding>.Ok(new(Encoding.BigEndianUnicode, "UTF-16 BE (byte-order mark)"));
            }

            var (firstUtf8Line, firstInvalidLine) = Scan(stream);
            return (firstUtf8Line, firstInvalidLine) switch
            {
                (_, null) => IngestResult<RecordTextEncoding>.Ok(new(Encoding.UTF8, "UTF-8")),
                (null, _) => IngestResult<RecordTextEncoding>.Ok(new(Windows1252, "Windows-1252 (not valid UTF-8)")),
                ({ } utf8, { } invalid) => IngestResult<RecordTextEncoding>.Fail(new IngestError(
                    IngestErrorKind.InvalidValue,
                    source,
                    $"line {invalid}",
                    $"bytes that cannot be UTF-8, while line {utf8} holds UTF-8 characters: the file mixes encodings (save it again as UTF-8)")),
            };
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>
    /// The line of the first character beyond ASCII that is valid UTF-8, and of the first byte that cannot be UTF-8
    /// (null when there is none), reading the stream to its end a chunk at a time.
    /// </summary>
    private static (int? FirstUtf8Line, int? FirstInvalidLine) Scan(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes + 4);
        // Decoded only to find where valid UTF-8 stops: never more characters than bytes.
        var chars = ArrayPool<char>.Shared.Rent(ChunkBytes + 4);
        try
        {
            int? firstUtf8 = null;
            int? firstInvalid = null;
            var line = 1;
            var carried = 0;
            while (firstInvalid is null || firstUtf8 is null)
            {
                var read = stream.ReadAtLeast(buffer.AsSpan(carried, ChunkBytes), ChunkBytes, throwOnEndOfStream: false);
                var available = carried + read;
                var atEnd = read < ChunkBytes;
                if (available == 0)
                {
                    break;
                }

                var span = buffer.AsSpan(0, available);
                var at = 0;
                while (at < span.Length)
                {
                    var status = Utf8.ToUtf16(span[at..], chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: atEnd);
                    var valid = span.Slice(at, consumed);
                    if (firstUtf8 is null && valid.IndexOfAnyInRange((byte)0x80, (byte)0xFF) is var high and >= 0)
                    {
                        firstUtf8 = line + valid[..high].Count((byte)'\n');
                    }

                    line += valid.Count((byte)'\n');
                    at += consumed;
                    if (status == OperationStatus.InvalidData)
                    {
                        // An invalid byte is never a line feed (that is ASCII): skip it and go on.
                        firstInvalid ??= line;
                        at++;
                    }
                    else if (status == OperationStatus.NeedMoreData)
                    {
                        break;
                    }
                }

                if (atEnd)
                {
                    break;
                }

                // A character cut at the chunk's end is carried into the next one.
                carried = span.Length - at;
                span[at..].CopyTo(buffer);
            }

            return (firstUtf8, firstInvalid);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
