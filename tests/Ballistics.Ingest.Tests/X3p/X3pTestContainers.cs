using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Ballistics.Ingest.Tests.X3p;

/// <summary>Builds x3p containers by hand, so each malformed case is exactly the one under test.</summary>
internal static class X3pTestContainers
{
    public static string MainXml(
        long sizeX = 3,
        long sizeY = 2,
        string zType = "D",
        string xAxis = "<AxisType>I</AxisType><DataType>D</DataType><Increment>2e-06</Increment><Offset>0</Offset>",
        string yAxis = "<AxisType>I</AxisType><DataType>D</DataType><Increment>2e-06</Increment><Offset>0</Offset>",
        string zExtra = "<Increment>1</Increment><Offset>0</Offset>",
        string? data = null,
        string? dataMd5 = null) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <p:ISO5436_2 xmlns:p="http://www.opengps.eu/2008/ISO5436_2">
          <Record1>
            <Revision>ISO5436 - 2000</Revision>
            <FeatureType>SUR</FeatureType>
            <Axes>
              <CX>{xAxis}</CX>
              <CY>{yAxis}</CY>
              <CZ><AxisType>A</AxisType><DataType>{zType}</DataType>{zExtra}</CZ>
            </Axes>
          </Record1>
          <Record2><Date>2026-01-01T00:00:00</Date><Creator>test</Creator></Record2>
          <Record3>
            <MatrixDimension><SizeX>{sizeX}</SizeX><SizeY>{sizeY}</SizeY><SizeZ>1</SizeZ></MatrixDimension>
            {data ?? $"<DataLink><PointDataLink>bindata/data.bin</PointDataLink><MD5ChecksumPointData>{dataMd5 ?? "MD5"}</MD5ChecksumPointData></DataLink>"}
          </Record3>
          <Record4><ChecksumFile>md5checksum.hex</ChecksumFile></Record4>
        </p:ISO5436_2>
        """;

    /// <summary>A container holding main.xml (with its checksum file) and the given binary entries.</summary>
    public static byte[] Zip(string mainXml, IReadOnlyDictionary<string, byte[]>? entries = null, bool withChecksum = true)
    {
        // Fill in the point-data checksum placeholder from the actual data.
        if (entries is not null && entries.TryGetValue("bindata/data.bin", out var data))
        {
            mainXml = mainXml.Replace(">MD5<", $">{Convert.ToHexStringLower(MD5.HashData(data))}<", StringComparison.Ordinal);
        }

        var xml = Encoding.UTF8.GetBytes(mainXml);
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "main.xml", xml);
            foreach (var (name, bytes) in entries ?? new Dictionary<string, byte[]>())
            {
                Add(zip, name, bytes);
            }

            if (withChecksum)
            {
                Add(zip, "md5checksum.hex", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(MD5.HashData(xml)) + " *main.xml\n"));
            }
        }

        return ms.ToArray();
    }

    public static byte[] Doubles(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var s = zip.CreateEntry(name).Open();
        s.Write(bytes);
    }
}
