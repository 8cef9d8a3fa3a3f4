using Ballistics.Ingest.Records;

namespace Ballistics.Api.Tests;

/// <summary>Firearm transactions put on file as `records ingest` does, for the trace and linkage tests.</summary>
internal static class TestSales
{
    public const string CarterSig = "S-1,OU0001684,Sig Sauer,P226,9mm Luger,pistol,Southwest Wholesale,2023-08-18,Rio Grande Pawn & Gun,5-74-215-02-5F-13307,2023-09-20,2023-11-11,James Carter,1997-07-14,DL2100001,";

    public const string CarterGlock = "S-2,BXK221,Glock,19,9mm Luger,pistol,Southwest Wholesale,2023-08-18,Rio Grande Pawn & Gun,5-74-215-02-5F-13307,2023-09-20,2023-11-11,James Carter,1997-07-14,DL2100001,";

    public static void Ingest(ApiFactory factory, params string[] rows)
    {
        var folder = Path.GetDirectoryName(factory.StorePath)!;
        var csv = Path.Combine(folder, "transactions.csv");
        File.WriteAllText(csv, "transaction id,serial,make,model,caliber,type,distributor,distributor date,dealer,ffl,dealer date,retail date,purchaser,purchaser dob,purchaser id,multiple sale report\n"
            + string.Join('\n', rows) + "\n");
        factory.WithStore(s => s.Ingest(RecordFileReader.Open(csv, RecordKind.Transaction).Value, Path.Combine(folder, "rejects.csv")));
    }
}
