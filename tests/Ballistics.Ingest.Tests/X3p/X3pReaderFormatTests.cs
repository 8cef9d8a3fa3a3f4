using Ballistics.Ingest.X3p;
using static Ballistics.Ingest.Tests.X3p.X3pTestContainers;

namespace Ballistics.Ingest.Tests.X3p;

/// <summary>The storage variants ISO 5436-2 allows: inline lists, integer heights, validity bits, absolute axes.</summary>
[TestFixture]
public sealed class X3pReaderFormatTests
{
    [Test]
    public void Read_InlineDataList_EmptyDatumIsInvalid()
    {
        var list = "<DataList><Datum>1e-6</Datum><Datum>2e-6</Datum><Datum/><Datum>4e-6</Datum><Datum>5e-6</Datum><Datum>6e-6</Datum></DataList>";

        var s = X3pReader.Read(Zip(MainXml(data: list)), "list.x3p").Value;

        Assert.That(s.Values.ToArray(), Is.EqualTo(new[] { 1f, 2f, float.NaN, 4f, 5f, 6f }).Within(1e-6f));
    }

    [Test]
    public void Read_DataListWithWrongCount_IsSizeMismatch()
    {
        var list = "<DataList><Datum>1e-6</Datum></DataList>";

        var result = X3pReader.Read(Zip(MainXml(data: list)), "list.x3p");

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.SizeMismatch));
        Assert.That(result.Error.Location, Is.EqualTo("Record3/DataList"));
    }

    [Test]
    public void Read_DataListWithBadNumber_IsInvalidValueNamingTheDatum()
    {
        var list = "<DataList><Datum>1e-6</Datum><Datum>x</Datum><Datum/><Datum/><Datum/><Datum/></DataList>";

        var result = X3pReader.Read(Zip(MainXml(data: list)), "list.x3p");

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.InvalidValue));
        Assert.That(result.Error.Location, Is.EqualTo("Record3/DataList/Datum[2]"));
    }

    [Test]
    public void Read_Int16WithIncrementAndOffset_AppliesBoth()
    {
        short[] raw = [0, 100, -100, 1000, 32767, -32768];
        var data = new byte[raw.Length * 2];
        Buffer.BlockCopy(raw, 0, data, 0, data.Length);
        var xml = MainXml(zType: "I", zExtra: "<Increment>1e-9</Increment><Offset>5e-6</Offset>");

        var s = X3pReader.Read(Zip(xml, new Dictionary<string, byte[]> { ["bindata/data.bin"] = data }), "i16.x3p").Value;

        var expectedUm = raw.Select(r => (float)(((r * 1e-9) + 5e-6) * 1e6)).ToArray();
        Assert.That(s.Values.ToArray(), Is.EqualTo(expectedUm).Within(1e-5f));
    }

    [Test]
    public void Read_Int32WithValidPointsLink_ClearedBitsAreNaN()
    {
        int[] raw = [1, 2, 3, 4, 5, 6];
        var data = new byte[raw.Length * 4];
        Buffer.BlockCopy(raw, 0, data, 0, data.Length);
        byte[] valid = [0b0011_1011]; // points 0,1,3,4,5 valid; point 2 invalid
        var link = "<DataLink><PointDataLink>bindata/data.bin</PointDataLink><MD5ChecksumPointData>MD5</MD5ChecksumPointData>"
            + $"<ValidPointsLink>bindata/valid.bin</ValidPointsLink><MD5ChecksumValidPoints>{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(valid))}</MD5ChecksumValidPoints></DataLink>";
        var xml = MainXml(zType: "L", zExtra: "<Increment>1e-6</Increment><Offset>0</Offset>", data: link);

        var s = X3pReader.Read(Zip(xml, new Dictionary<string, byte[]> { ["bindata/data.bin"] = data, ["bindata/valid.bin"] = valid }), "i32.x3p").Value;

        Assert.That(s.Values.ToArray(), Is.EqualTo(new[] { 1f, 2f, float.NaN, 4f, 5f, 6f }).Within(1e-5f));
    }

    [Test]
    public void Read_AbsoluteXAndYAxes_GridStepFromCoordinates()
    {
        // Tuples (X, Y, Z) as float64, on a regular 3 µm × 4 µm grid.
        var values = new List<double>();
        for (var y = 0; y < 2; y++)
        {
            for (var x = 0; x < 3; x++)
            {
                values.AddRange([x * 3e-6, y * 4e-6, (x + (10 * y)) * 1e-6]);
            }
        }

        var abs = "<AxisType>A</AxisType><DataType>D</DataType><Increment>1</Increment><Offset>0</Offset>";
        var xml = MainXml(xAxis: abs, yAxis: abs);

        var s = X3pReader.Read(Zip(xml, new Dictionary<string, byte[]> { ["bindata/data.bin"] = Doubles([.. values]) }), "abs.x3p").Value;

        Assert.That(s.LateralStepXUm, Is.EqualTo(3.0).Within(1e-9));
        Assert.That(s.LateralStepYUm, Is.EqualTo(4.0).Within(1e-9));
        Assert.That(s.Values.ToArray(), Is.EqualTo(new[] { 0f, 1f, 2f, 10f, 11f, 12f }).Within(1e-5f));
    }

    [Test]
    public void Read_IrregularAbsoluteAxis_IsUnsupported()
    {
        double[] tuples = [0, 0, 0, 3e-6, 0, 0, 4e-6, 0, 0, 0, 4e-6, 0, 3e-6, 4e-6, 0, 6e-6, 4e-6, 0];
        var abs = "<AxisType>A</AxisType><DataType>D</DataType><Increment>1</Increment><Offset>0</Offset>";

        var result = X3pReader.Read(Zip(MainXml(xAxis: abs, yAxis: abs), new Dictionary<string, byte[]> { ["bindata/data.bin"] = Doubles(tuples) }), "irr.x3p");

        Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.Unsupported));
        Assert.That(result.Error.Location, Is.EqualTo("Record1/Axes/CX"));
    }

    [Test]
    public void Read_PointsOverSeveralChunksWithValidBits_EveryHeightWhereItBelongs()
    {
        // 400 × 300 points: the decoder's chunks end mid-row, and the valid bits must follow the points across them.
        const int width = 400, height = 300;
        var metres = new double[width * height];
        var valid = new byte[((width * height) + 7) / 8];
        for (var i = 0; i < metres.Length; i++)
        {
            metres[i] = Math.Sin(i * 0.001) * 20e-6;
            if (i % 7 != 3)
            {
                valid[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        var link = "<DataLink><PointDataLink>bindata/data.bin</PointDataLink><MD5ChecksumPointData>MD5</MD5ChecksumPointData>"
            + $"<ValidPointsLink>bindata/valid.bin</ValidPointsLink><MD5ChecksumValidPoints>{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(valid))}</MD5ChecksumValidPoints></DataLink>";
        var xml = MainXml(sizeX: width, sizeY: height, data: link);

        var s = X3pReader.Read(Zip(xml, new Dictionary<string, byte[]> { ["bindata/data.bin"] = Doubles(metres), ["bindata/valid.bin"] = valid }), "chunks.x3p").Value;

        var expected = metres.Select((m, i) => i % 7 == 3 ? float.NaN : (float)(m * 1e6)).ToArray();
        Assert.That(s.Values.ToArray(), Is.EqualTo(expected), "bit for bit: scaled in double, then narrowed");
    }

    [Test]
    public void Read_HeightsWrittenInMicrometresOverSeveralChunks_ReadAtScaleOneBitExact()
    {
        const int width = 300, height = 300;
        var micrometres = new double[width * height];
        for (var i = 0; i < micrometres.Length; i++)
        {
            micrometres[i] = (float)(Math.Cos(i * 0.0007) * 40.0);
        }

        var s = X3pReader.Read(Zip(MainXml(sizeX: width, sizeY: height), new Dictionary<string, byte[]> { ["bindata/data.bin"] = Doubles(micrometres) }), "um.x3p").Value;

        Assert.That(s.Values.ToArray(), Is.EqualTo(micrometres.Select(v => (float)v).ToArray()));
        Assert.That(s.Metadata.Notes, Has.Some.Contains("read as micrometres"));
    }

    [TestCase(false, null)]
    [TestCase(true, "Record1/Axes/CY")]
    public void Read_AbsoluteAxesOverSeveralChunks_GridCheckedOnEveryPoint(bool displaceLastRow, string? refusedAt)
    {
        // 300 × 250 tuples (X, Y, Z): the last row lies in the last chunk; one of its points a whole step off in Y.
        const int width = 300, height = 250;
        var tuples = new double[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var at = ((y * width) + x) * 3;
                tuples[at] = x * 2.5e-6;
                tuples[at + 1] = (y * 2.5e-6) + (displaceLastRow && y == height - 2 && x == 17 ? 2.5e-6 : 0);
                tuples[at + 2] = ((x % 11) + (y % 5)) * 1e-7;
            }
        }

        var abs = "<AxisType>A</AxisType><DataType>D</DataType><Increment>1</Increment><Offset>0</Offset>";
        var xml = MainXml(sizeX: width, sizeY: height, xAxis: abs, yAxis: abs);

        var result = X3pReader.Read(Zip(xml, new Dictionary<string, byte[]> { ["bindata/data.bin"] = Doubles(tuples) }), "abs.x3p");

        if (refusedAt is null)
        {
            Assert.That(result.Value.LateralStepXUm, Is.EqualTo(2.5).Within(1e-9));
            Assert.That(result.Value.LateralStepYUm, Is.EqualTo(2.5).Within(1e-9));
            Assert.That(result.Value[17, height - 2], Is.EqualTo((float)(((17 % 11) + ((height - 2) % 5)) * 1e-7 * 1e6)));
        }
        else
        {
            Assert.That(result.Error!.Kind, Is.EqualTo(IngestErrorKind.Unsupported));
            Assert.That(result.Error.Location, Is.EqualTo(refusedAt));
        }
    }
}
