using Ballistics.Ingest.Records;

namespace Ballistics.Api.Tests;

/// <summary>Firearm transactions (and trace requests) put on file as `records ingest` does, for the trace, linkage and report tests.</summary>
internal static class TestSales
{
    public const string CarterSig = "S-1,OU0001684,Sig Sauer,P226,9mm Luger,pistol,Southwest Wholesale,2023-08-18,Rio Grande Pawn & Gun,5-74-215-02-5F-13307,2023-09-20,2023-11-11,James Carter,1997-07-14,DL2100001,";

    public const string CarterGlock = "S-2,BXK221,Glock,19,9mm Luger,pistol,Southwest Wholesale,2023-08-18,Rio Grande Pawn & Gun,5-74-215-02-5F-13307,2023-09-20,2023-11-11,James Carter,1997-07-14,DL2100001,";

    /// <summary>A trace request for Carter's Sig Sauer, recovered in Sonora.</summary>
    public const string TraceOfCarterSig = "T-42,OU0001684,Sig Sauer,P226,9mm Luger,2024-05-01,MX,Sonora,Nogales,Pedro Gil";

    public static void Ingest(ApiFactory factory, params string[] rows) =>
        IngestFile(factory, "transactions.csv", RecordKind.Transaction,
            "transaction id,serial,make,model,caliber,type,distributor,distributor date,dealer,ffl,dealer date,retail date,purchaser,purchaser dob,purchaser id,multiple sale report", rows);

    public static void IngestTraces(ApiFactory factory, params string[] rows) =>
        IngestFile(factory, "traces.csv", RecordKind.Trace, "trace number,serial,make,model,caliber,recovery date,country,state,municipality,possessor", rows);

    private static void IngestFile(ApiFactory factory, string name, RecordKind kind, string header, string[] rows)
    {
        var folder = Path.GetDirectoryName(factory.StorePath)!;
        var csv = Path.Combine(folder, name);
        File.WriteAllText(csv, header + "\n" + string.Join('\n', rows) + "\n");
        factory.WithStore(s => s.Ingest(RecordFileReader.Open(csv, kind).Value, Path.Combine(folder, name + ".rejects.csv")));
    }
}
