using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Ingest.X3p;

/// <summary>
/// Reads ISO 25178-72 / ISO 5436-2 x3p containers into a <see cref="Surface"/> in micrometres.
/// Never throws on bad input: every problem comes back as a located <see cref="IngestError"/>,
/// and no partly built surface ever escapes.
/// </summary>
public static class X3pReader
{
    /// <summary>Lateral increments at or above this many "metres" (1 mm per point) are taken to be micrometres.</summary>
    internal const double LateralMicrometreThreshold = 1e-3;

    /// <summary>A height span above this many "metres" (1 cm of relief) means the heights were written in micrometres.</summary>
    internal const double HeightMicrometreThreshold = 1e-2;

    private const string MacOsMetadataFolder = "__MACOSX/";

    public static IngestResult<Surface> Read(string path, X3pReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= X3pReadOptions.Default;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Fail(IngestErrorKind.NotFound, path, null, "file not found");
            }

            if (info.Length > options.MaxFileBytes)
            {
                return Fail(IngestErrorKind.TooLarge, path, null, $"file is {info.Length:N0} bytes, over the limit of {options.MaxFileBytes:N0}");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(IngestErrorKind.NotFound, path, null, $"cannot read file: {ex.Message}");
        }

        return Read(bytes, path, options);
    }

    /// <param name="container">The whole x3p file.</param>
    /// <param name="sourceName">Name used in errors (a path or an upload's file name).</param>
    /// <param name="options">Limits and checks; <see cref="X3pReadOptions.Default"/> when null.</param>
    public static IngestResult<Surface> Read(ReadOnlyMemory<byte> container, string sourceName, X3pReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= X3pReadOptions.Default;
        if (container.Length > options.MaxFileBytes)
        {
            return Fail(IngestErrorKind.TooLarge, sourceName, null, $"container is {container.Length:N0} bytes, over the limit of {options.MaxFileBytes:N0}");
        }

        // The content hash does not depend on parsing; on a second core it costs no wall time.
        var sha256 = Task.Run(() => Convert.ToHexStringLower(SHA256.HashData(container.Span)));
        try
        {
            return IngestResult<Surface>.Ok(new Parser(container, sourceName, options, sha256).Parse());
        }
        catch (X3pFormatException ex)
        {
            return IngestResult<Surface>.Fail(ex.Error);
        }
    }

    private static IngestResult<Surface> Fail(IngestErrorKind kind, string source, string? location, string message) =>
        IngestResult<Surface>.Fail(new IngestError(kind, source, location, message));

    /// <summary>Carries an error out of the parser's depths; never leaves this class.</summary>
    private sealed class X3pFormatException(IngestError error) : Exception(error.ToString())
    {
        public IngestError Error { get; } = error;
    }

    private sealed class Parser(ReadOnlyMemory<byte> container, string source, X3pReadOptions options, Task<string> sha256)
    {
        private readonly List<string> _notes = [];
        private ZipArchive _zip = null!;
        private string _root = string.Empty;

        public Surface Parse()
        {
            using var stream = new ReadOnlyMemoryStream(container);
            try
            {
                _zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException ex)
            {
                throw Error(IngestErrorKind.NotAZip, null, $"not a ZIP container, or truncated ({ex.Message})");
            }

            using (_zip)
            {
                return ParseArchive();
            }
        }

        private Surface ParseArchive()
        {
            var mainEntry = FindMainXml();
            _root = mainEntry.FullName[..(mainEntry.FullName.Length - "main.xml".Length)];
            if (_root.Length > 0)
            {
                _notes.Add($"main.xml found in sub-folder '{_root.TrimEnd('/')}'");
            }

            var xmlBytes = ReadEntry(mainEntry, options.MaxSideEntryBytes, null);
            var doc = ParseXml(xmlBytes);
            var root = doc.Root!;

            var record1 = Required(root, "Record1");
            var featureType = Text(Required(record1, "FeatureType")).Trim();
            if (featureType is not ("SUR" or "PRF"))
            {
                throw Error(IngestErrorKind.Unsupported, "Record1/FeatureType", $"feature type '{featureType}' is not supported (SUR and PRF only)");
            }

            var axes = Required(record1, "Axes");
            var cx = ParseAxis(axes, "CX");
            var cy = ParseAxis(axes, "CY");
            var cz = ParseAxis(axes, "CZ");
            if (cz.AxisType != X3pAxisType.Absolute)
            {
                throw Error(IngestErrorKind.InvalidValue, "Record1/Axes/CZ/AxisType", "the Z axis must be absolute (A)");
            }

            var record3 = Required(root, "Record3");
            if (Child(record3, "ListDimension") is not null)
            {
                throw Error(IngestErrorKind.Unsupported, "Record3/ListDimension", "unordered point lists are not supported; only matrix data");
            }

            var dims = Required(record3, "MatrixDimension");
            var sizeX = ParseLong(Required(dims, "SizeX"), "Record3/MatrixDimension/SizeX");
            var sizeY = ParseLong(Required(dims, "SizeY"), "Record3/MatrixDimension/SizeY");
            var sizeZElement = Child(dims, "SizeZ");
            var sizeZ = sizeZElement is null ? 1 : ParseLong(sizeZElement, "Record3/MatrixDimension/SizeZ");
            if (sizeX <= 0 || sizeY <= 0 || sizeZ <= 0)
            {
                throw Error(IngestErrorKind.InvalidValue, "Record3/MatrixDimension", $"sizes must be positive, got {sizeX}×{sizeY}×{sizeZ}");
            }

            if (sizeZ != 1)
            {
                throw Error(IngestErrorKind.Unsupported, "Record3/MatrixDimension/SizeZ", $"{sizeZ} layers; only single-layer surfaces are supported");
            }

            // The decompression-bomb guard: refuse before any allocation that scales with the declared size. The product
            // is taken in 128 bits: 2^32 × 2^32 wraps to 0 in 64.
            var points = (Int128)sizeX * sizeY;
            var limit = Math.Min(options.MaxPoints, Surface.MaxPoints);
            if (points > limit)
            {
                throw Error(IngestErrorKind.TooLarge, "Record3/MatrixDimension", $"{sizeX}×{sizeY} = {points:N0} points exceed the limit of {limit:N0}");
            }

            var width = (int)sizeX;
            var height = (int)sizeY;
            var layout = new X3pPointLayout(cx, cy, cz, width, height);
            var dataLink = Child(record3, "DataLink");
            var dataList = dataLink is null ? Child(record3, "DataList") : null;
            if (dataLink is null && dataList is null)
            {
                throw Error(IngestErrorKind.MissingField, "Record3", "neither DataLink nor DataList is present");
            }

            var validBits = dataLink is null ? null : ValidBits(dataLink, layout);
            var decoded = Decode(dataLink, dataList, layout, validBits, 1e6, verify: options.VerifyChecksums, into: null);
            if (options.VerifyChecksums)
            {
                VerifyMainChecksum(root, xmlBytes);
            }

            var (stepXUm, stepYUm) = LateralSteps(decoded);
            if (HeightsInMicrometres(decoded.HeightSpan))
            {
                // Rare: decoded again at scale 1 into the same array rather than holding every point in float64 to decide.
                decoded = Decode(dataLink, dataList, layout, validBits, 1.0, verify: false, into: decoded.Heights);
            }

            var heightsUm = decoded.Heights;

            var surface = new Surface(width, height, stepXUm, stepYUm, heightsUm)
            {
                Mask = options.IgnoreMask ? null : ReadMask(record3, width, height),
                Metadata = ReadMetadata(root),
            };
            return surface;
        }

        private ZipArchiveEntry FindMainXml()
        {
            ZipArchiveEntry? best = null;
            var bestDepth = int.MaxValue;
            foreach (var entry in _zip.Entries)
            {
                if (entry.FullName.StartsWith(MacOsMetadataFolder, StringComparison.Ordinal)
                    || !string.Equals(entry.Name, "main.xml", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var depth = entry.FullName.Count(c => c == '/');
                if (depth < bestDepth)
                {
                    best = entry;
                    bestDepth = depth;
                }
            }

            return best ?? throw Error(IngestErrorKind.MissingEntry, null, "no main.xml in the container");
        }

        private ZipArchiveEntry? FindEntry(string relativePath)
        {
            var wanted = _root + relativePath.Replace('\\', '/').TrimStart('/');
            return _zip.GetEntry(wanted)
                ?? _zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, wanted, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Reads a whole entry, refusing it before decompression if its declared size is over the limit.</summary>
        private byte[] ReadEntry(ZipArchiveEntry entry, long limit, long? expectedLength)
        {
            CheckEntryLength(entry, limit, expectedLength);
            try
            {
                using var s = entry.Open();
                var buffer = new byte[entry.Length];
                s.ReadExactly(buffer);
                EnsureEnded(s, entry);
                return buffer;
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IOException)
            {
                throw Error(IngestErrorKind.NotAZip, entry.FullName, $"entry is corrupt or truncated ({ex.Message})");
            }
        }

        /// <summary>Refuses an entry from its declared length, before a byte of it is decompressed.</summary>
        private void CheckEntryLength(ZipArchiveEntry entry, long limit, long? expectedLength)
        {
            if (entry.Length > limit)
            {
                throw Error(IngestErrorKind.TooLarge, entry.FullName, $"entry is {entry.Length:N0} bytes, over the limit of {limit:N0}");
            }

            if (expectedLength is { } expected && entry.Length != expected)
            {
                throw Error(IngestErrorKind.SizeMismatch, entry.FullName, $"holds {entry.Length:N0} bytes but the declared sizes and types need {expected:N0}");
            }
        }

        /// <summary>The central directory can lie; a stream that goes on past its declared length is refused too.</summary>
        private void EnsureEnded(Stream stream, ZipArchiveEntry entry)
        {
            if (stream.ReadByte() != -1)
            {
                throw Error(IngestErrorKind.SizeMismatch, entry.FullName, "decompresses to more bytes than its header declares");
            }
        }

        private XDocument ParseXml(byte[] xmlBytes)
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = options.MaxSideEntryBytes,
            };
            try
            {
                CheckDepth(xmlBytes, settings);
                using var ms = new MemoryStream(xmlBytes, writable: false);
                using var reader = XmlReader.Create(ms, settings);
                var doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
                // x3ptools writes the root as ISO5436 rather than ISO5436_2; both carry the same records.
                if (doc.Root is null || !doc.Root.Name.LocalName.StartsWith("ISO5436", StringComparison.Ordinal))
                {
                    throw Error(IngestErrorKind.MalformedXml, "main.xml", $"root element is '{doc.Root?.Name.LocalName}', expected ISO5436_2");
                }

                return doc;
            }
            catch (XmlException ex)
            {
                throw Error(IngestErrorKind.MalformedXml, $"main.xml line {ex.LineNumber}, position {ex.LinePosition}", ex.Message);
            }
        }

        /// <summary>Refuses a document nested deeper than the options allow, in one streaming pass before anything is built.</summary>
        private void CheckDepth(byte[] xmlBytes, XmlReaderSettings settings)
        {
            using var ms = new MemoryStream(xmlBytes, writable: false);
            using var reader = XmlReader.Create(ms, settings);
            while (reader.Read())
            {
                if (reader.Depth > options.MaxXmlDepth)
                {
                    var line = (IXmlLineInfo)reader;
                    throw Error(IngestErrorKind.TooLarge, $"main.xml line {line.LineNumber}, position {line.LinePosition}", $"elements nested more than {options.MaxXmlDepth} deep");
                }
            }
        }

        private X3pAxis ParseAxis(XElement axes, string name)
        {
            var axis = Required(axes, name);
            var where = $"Record1/Axes/{name}";
            var axisTypeText = Text(Required(axis, "AxisType")).Trim();
            var axisType = axisTypeText switch
            {
                "I" => X3pAxisType.Incremental,
                "A" => X3pAxisType.Absolute,
                _ => throw Error(IngestErrorKind.Unsupported, $"{where}/AxisType", $"axis type '{axisTypeText}' is not supported (I or A)"),
            };

            var dataTypeElement = Child(axis, "DataType");
            X3pDataType dataType;
            if (dataTypeElement is null)
            {
                if (axisType == X3pAxisType.Absolute)
                {
                    throw Error(IngestErrorKind.MissingField, $"{where}/DataType", "an absolute axis needs a data type");
                }

                dataType = X3pDataType.Float64;
            }
            else
            {
                var code = Text(dataTypeElement);
                dataType = X3pAxis.Parse(code)
                    ?? throw Error(IngestErrorKind.Unsupported, $"{where}/DataType", $"data type '{code.Trim()}' is not supported (I, L, F or D)");
            }

            var incrementElement = Child(axis, "Increment");
            if (IsBlank(incrementElement) && axisType == X3pAxisType.Incremental)
            {
                throw Error(IngestErrorKind.MissingField, $"{where}/Increment", "an incremental axis needs an increment");
            }

            // Empty optional elements occur in real files (x3ptools writes <Offset/>): they mean the default.
            var increment = IsBlank(incrementElement) ? 1.0 : ParseDouble(incrementElement!, $"{where}/Increment");
            if (!(increment > 0) || !double.IsFinite(increment))
            {
                throw Error(IngestErrorKind.InvalidValue, $"{where}/Increment", $"increment must be a positive number, got {increment}");
            }

            var offsetElement = Child(axis, "Offset");
            var offset = IsBlank(offsetElement) ? 0.0 : ParseDouble(offsetElement!, $"{where}/Offset");
            if (!double.IsFinite(offset))
            {
                throw Error(IngestErrorKind.InvalidValue, $"{where}/Offset", $"offset must be finite, got {offset}");
            }

            return new X3pAxis(axisType, dataType, increment, offset, incrementElement?.Value);
        }

        /// <summary>The points decoded; the heights array is made only once the data is known to hold every point.</summary>
        private X3pPointDecoder Decode(XElement? dataLink, XElement? dataList, X3pPointLayout layout, byte[]? validBits, double heightScale, bool verify, float[]? into)
        {
            if (dataLink is not null)
            {
                var entry = LinkedEntry(dataLink, layout);
                var decoder = new X3pPointDecoder(layout, heightScale, validBits, into);
                DecodeLinked(dataLink, entry, decoder, layout, verify);
                return decoder;
            }

            var points = ListedPoints(dataList!, layout);
            var listed = new X3pPointDecoder(layout, heightScale, validBits, into);
            listed.AddText(points, (index, message) => Error(IngestErrorKind.InvalidValue, $"Record3/DataList/Datum[{index + 1}]", message));
            return listed;
        }

        /// <summary>The linked point data's entry, refused from its declared length when that is not what the grid needs.</summary>
        private ZipArchiveEntry LinkedEntry(XElement dataLink, X3pPointLayout layout)
        {
            var link = Text(Required(dataLink, "PointDataLink")).Trim();
            var entry = FindEntry(link) ?? throw Error(IngestErrorKind.MissingEntry, "Record3/DataLink/PointDataLink", $"linked point data '{link}' is not in the container");
            var expected = layout.PointCount * layout.RecordBytes;
            CheckEntryLength(entry, expected, expected);
            return entry;
        }

        /// <summary>The valid-points bit map a DataLink names, or null when it names none.</summary>
        private byte[]? ValidBits(XElement dataLink, X3pPointLayout layout)
        {
            if (Child(dataLink, "ValidPointsLink") is not { } validLink)
            {
                return null;
            }

            var validName = Text(validLink).Trim();
            var validEntry = FindEntry(validName) ?? throw Error(IngestErrorKind.MissingEntry, "Record3/DataLink/ValidPointsLink", $"linked valid-points file '{validName}' is not in the container");
            var validBytes = (layout.PointCount + 7) / 8;
            var validBits = ReadEntry(validEntry, validBytes, validBytes);
            if (options.VerifyChecksums)
            {
                VerifyMd5(MD5.HashData(validBits), StatedMd5(Child(dataLink, "MD5ChecksumValidPoints"), "Record3/DataLink/MD5ChecksumValidPoints"), "Record3/DataLink/MD5ChecksumValidPoints", validEntry.FullName);
            }

            return validBits;
        }

        /// <summary>Streams the linked point data through the decoder a chunk at a time, hashing it as it passes when asked.</summary>
        private void DecodeLinked(XElement dataLink, ZipArchiveEntry entry, X3pPointDecoder decoder, X3pPointLayout layout, bool verify)
        {
            var expected = layout.PointCount * layout.RecordBytes;
            // A missing checksum is refused before the data is read, not after.
            var stated = verify ? StatedMd5(Child(dataLink, "MD5ChecksumPointData"), "Record3/DataLink/MD5ChecksumPointData") : null;
            using var md5 = verify ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
            var buffer = new byte[(int)Math.Min(decoder.ChunkBytes, expected)];
            try
            {
                using var stream = entry.Open();
                while (decoder.Remaining > 0)
                {
                    var count = (int)Math.Min(X3pPointDecoder.ChunkPoints, decoder.Remaining);
                    var chunk = buffer.AsSpan(0, count * layout.RecordBytes);
                    stream.ReadExactly(chunk);
                    md5?.AppendData(chunk);
                    decoder.AddBinary(chunk, count);
                }

                EnsureEnded(stream, entry);
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IOException)
            {
                throw Error(IngestErrorKind.NotAZip, entry.FullName, $"entry is corrupt or truncated ({ex.Message})");
            }

            if (md5 is not null)
            {
                VerifyMd5(md5.GetHashAndReset(), stated!, "Record3/DataLink/MD5ChecksumPointData", entry.FullName);
            }
        }

        private List<string?> ListedPoints(XElement dataList, X3pPointLayout layout)
        {
            var points = new List<string?>();
            foreach (var datum in dataList.Elements())
            {
                if (datum.Name.LocalName != "Datum")
                {
                    continue;
                }

                if (points.Count >= layout.PointCount)
                {
                    throw Error(IngestErrorKind.SizeMismatch, "Record3/DataList", $"holds more than the {layout.PointCount:N0} points MatrixDimension declares");
                }

                points.Add(datum.IsEmpty ? null : datum.Value);
            }

            if (points.Count != layout.PointCount)
            {
                throw Error(IngestErrorKind.SizeMismatch, "Record3/DataList", $"holds {points.Count:N0} points but MatrixDimension declares {layout.PointCount:N0}");
            }

            return points;
        }

        private (double StepXUm, double StepYUm) LateralSteps(X3pPointDecoder decoded)
        {
            var x = decoded.Layout.X;
            var y = decoded.Layout.Y;
            var stepX = x.AxisType == X3pAxisType.Incremental
                ? x.Increment
                : decoded.StepX ?? throw Error(IngestErrorKind.Unsupported, "Record1/Axes/CX", "absolute X coordinates do not form a regular grid");
            var stepY = y.AxisType == X3pAxisType.Incremental
                ? y.Increment
                : decoded.StepY ?? throw Error(IngestErrorKind.Unsupported, "Record1/Axes/CY", "absolute Y coordinates do not form a regular grid");
            return (ToMicrometres(stepX, x.AxisType == X3pAxisType.Incremental ? x.IncrementText : null, "X"),
                ToMicrometres(stepY, y.AxisType == X3pAxisType.Incremental ? y.IncrementText : null, "Y"));
        }

        private double ToMicrometres(double step, string? stepText, string axis)
        {
            if (step >= LateralMicrometreThreshold)
            {
                _notes.Add($"lateral increment {axis} = {step.ToString("R", CultureInfo.InvariantCulture)} is too large for metres; read as micrometres");
                LateralInMicrometres = true;
                return step;
            }

            return stepText is not null && DecimalShift.TryParse(stepText, 6, out var um) ? um : step * 1e6;
        }

        private bool LateralInMicrometres { get; set; }

        /// <summary>Whether the heights were written in micrometres (noted), not metres, judged from their span in the file's units.</summary>
        private bool HeightsInMicrometres(double span)
        {
            // Heights are metres by the standard; a relief of more than a centimetre cannot be a
            // toolmark scan, and files that wrote their lateral steps in micrometres wrote heights so too.
            if (span > HeightMicrometreThreshold || (LateralInMicrometres && span > 1e-4))
            {
                _notes.Add("heights span more than a scan could in metres; read as micrometres");
                return true;
            }

            return false;
        }

        private RegionMask? ReadMask(XElement record3, int width, int height)
        {
            var entry = FindEntry("bindata/mask.png");
            if (entry is null)
            {
                return null;
            }

            var png = ReadEntry(entry, options.MaxSideEntryBytes, null);
            var colours = X3pMaskCodec.DecodePng(png, width, height, out var maskWidth, out var maskHeight);
            if (colours is null)
            {
                throw Error(IngestErrorKind.ImageDecode, entry.FullName, "mask image cannot be decoded");
            }

            if (maskWidth != width || maskHeight != height)
            {
                throw Error(IngestErrorKind.SizeMismatch, entry.FullName, $"mask is {maskWidth}×{maskHeight} but the surface is {width}×{height}");
            }

            var maskElement = Child(record3, "Mask");
            uint background;
            if (maskElement is not null && Child(maskElement, "Background") is { } bg)
            {
                background = X3pMaskCodec.ParseColour(Text(bg))
                    ?? throw Error(IngestErrorKind.InvalidValue, "Record3/Mask/Background", $"'{Text(bg).Trim()}' is not a #rrggbb colour");
            }
            else
            {
                background = X3pMaskCodec.CornerBackground(colours, width, height);
                _notes.Add($"mask declares no background colour; took #{background:x6} from the corners");
            }

            var annotations = new List<MaskAnnotation>();
            if (maskElement is not null && Child(maskElement, "Annotations") is { } list)
            {
                foreach (var a in list.Elements().Where(e => e.Name.LocalName == "Annotation"))
                {
                    var label = a.Value.Trim();
                    if (label.Length > 0 && X3pMaskCodec.ParseColour(a.Attribute("color")?.Value ?? string.Empty) is { } colour)
                    {
                        annotations.Add(new MaskAnnotation(colour, label));
                    }
                }
            }

            return new RegionMask(width, height, colours, background, annotations);
        }

        private SurfaceMetadata ReadMetadata(XElement root)
        {
            var record2 = Child(root, "Record2");
            InstrumentInfo? instrument = null;
            if (record2 is not null && Child(record2, "Instrument") is { } inst)
            {
                string? Part(string name) => NullIfEmpty(Child(inst, name)?.Value);
                instrument = new InstrumentInfo(Part("Manufacturer"), Part("Model"), Part("Serial"), Part("Version"));
            }

            return new SurfaceMetadata
            {
                Instrument = instrument,
                Creator = NullIfEmpty(record2 is null ? null : Child(record2, "Creator")?.Value),
                Date = NullIfEmpty(record2 is null ? null : Child(record2, "Date")?.Value),
                Comment = NullIfEmpty(record2 is null ? null : Child(record2, "Comment")?.Value),
                SourceSha256 = sha256.GetAwaiter().GetResult(),
                Notes = _notes.ToArray(),
            };
        }

        private void VerifyMainChecksum(XElement root, byte[] xmlBytes)
        {
            var name = Child(root, "Record4") is { } r4 && Child(r4, "ChecksumFile") is { } cf ? Text(cf).Trim() : "md5checksum.hex";
            var entry = FindEntry(name) ?? throw Error(IngestErrorKind.MissingEntry, "Record4/ChecksumFile", $"checksum file '{name}' is not in the container (skip checksum verification to read anyway)");
            var text = System.Text.Encoding.ASCII.GetString(ReadEntry(entry, 4096, null)).Trim();
            var stated = text.Length >= 32 ? text[..32] : text;
            var actual = Convert.ToHexStringLower(MD5.HashData(xmlBytes));
            if (!string.Equals(stated, actual, StringComparison.OrdinalIgnoreCase))
            {
                throw Error(IngestErrorKind.ChecksumMismatch, entry.FullName, $"states MD5 {stated} for main.xml but main.xml hashes to {actual}");
            }
        }

        private string StatedMd5(XElement? statedElement, string field) =>
            statedElement is null
                ? throw Error(IngestErrorKind.MissingField, field, "no MD5 checksum stated (skip checksum verification to read anyway)")
                : Text(statedElement).Trim();

        private void VerifyMd5(byte[] hash, string stated, string field, string entryName)
        {
            var actual = Convert.ToHexStringLower(hash);
            if (!string.Equals(stated, actual, StringComparison.OrdinalIgnoreCase))
            {
                throw Error(IngestErrorKind.ChecksumMismatch, field, $"states MD5 {stated} but {entryName} hashes to {actual}");
            }
        }

        private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

        private static XElement? Child(XElement parent, string localName)
        {
            foreach (var e in parent.Elements())
            {
                if (e.Name.LocalName == localName)
                {
                    return e;
                }
            }

            return null;
        }

        private XElement Required(XElement parent, string localName) =>
            Child(parent, localName) ?? throw Error(IngestErrorKind.MissingField, $"{PathOf(parent)}/{localName}", "required element is missing");

        private static string PathOf(XElement e)
        {
            var names = e.AncestorsAndSelf().Reverse().Skip(1).Select(a => a.Name.LocalName);
            var path = string.Join('/', names);
            return path.Length == 0 ? "main.xml" : path;
        }

        private static string Text(XElement e) => e.Value;

        private static bool IsBlank(XElement? e) => e is null || string.IsNullOrWhiteSpace(e.Value);

        private long ParseLong(XElement e, string field)
        {
            var text = Text(e).Trim();
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error(IngestErrorKind.InvalidValue, field, $"'{text}' is not a whole number");
        }

        private double ParseDouble(XElement e, string field)
        {
            var text = Text(e).Trim();
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error(IngestErrorKind.InvalidValue, field, $"'{text}' is not a number");
        }

        private X3pFormatException Error(IngestErrorKind kind, string? location, string message) =>
            new(new IngestError(kind, source, location, message));
    }

    /// <summary>A read-only stream over memory, so the container is never copied again.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => memory.Length;

        public override long Position
        {
            get => _position;
            set => _position = (int)Math.Clamp(value, 0, memory.Length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, memory.Length - _position);
            memory.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => memory.Length + offset,
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
