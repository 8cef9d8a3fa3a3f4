using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ballistics.Cli.Matching;
using Ballistics.Engine.Comparison;
using Ballistics.Engine.Diagnostics;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Matching;
using Ballistics.Ingest;
using Ballistics.Ingest.Tables;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics compare A B [--json]` for one pair, and `ballistics compare --pairs PAIRS.csv --out SCORES.csv`
/// for many: each scan prepared once, pairs compared on all cores.
/// </summary>
internal static class CompareCommand
{
    public const string ScoresHeader = "a,b,score,score_bf,score_fp,score_shear,cmc,ccf,theta_deg,dx_um,dy_um,ms,status,fp_status,fp_ncc,fp_theta_deg,fp_peak_z,fp_angle_from_bf_deg,shear_status,shear_ncc,shear_direction_deg,shear_offset_um,shear_overlap_um,shear_coherence,fp_ring_ncc,fp_ring_strength";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("files") { Arity = new ArgumentArity(0, 2), Description = "two scans (x3p) to compare" };
        var json = new Option<bool>("--json") { Description = "print the result as one JSON object" };
        var pairs = new Option<string?>("--pairs") { Description = "CSV with header a,b (paths relative to its folder; extra columns ignored)" };
        var outFile = new Option<string?>("--out") { Description = "scores CSV to write with --pairs" };
        var model = new Option<string?>("--model") { Description = "score model file (default: the model built into the engine)" };
        var noVerify = new Option<bool>("--no-verify") { Description = "read x3p files whose MD5 checksums do not match" };
        var ignoreMask = ScanFileOptions.IgnoreMaskOption();
        var pixelSize = ScanFileOptions.PixelSizeOption();
        var lighting = ScanFileOptions.LightingOption();
        var diagnostics = new Option<string?>("--diagnostics") { Description = "folder to write the pictures of one comparison to (relief, alignment, cells, difference; index.html shows them)" };
        var command = new Command("compare", "Compare the breech-face impressions of cartridge-case scans and give a lead score in [0, 1].")
        {
            files, json, pairs, outFile, model, noVerify, ignoreMask, pixelSize, lighting, diagnostics,
        };
        command.SetAction(parse =>
        {
            var fileOptions = new SurfaceFileOptions
            {
                X3p = Ingest.X3p.X3pReadOptions.Default with { VerifyChecksums = !parse.GetValue(noVerify), IgnoreMask = parse.GetValue(ignoreMask) },
                ImagePixelSizeUm = parse.GetValue(pixelSize),
                ImageLighting = ScanFileOptions.Lighting(parse.GetValue(lighting)),
            };
            var given = parse.GetValue(files) ?? [];
            var pairList = parse.GetValue(pairs);
            if (pairList is not null)
            {
                var target = parse.GetValue(outFile);
                if (parse.GetValue(diagnostics) is not null)
                {
                    error.WriteLine("error: --diagnostics draws one comparison: use it with `compare A B`, not --pairs");
                    return 2;
                }

                if (given.Length > 0 || target is null)
                {
                    error.WriteLine("error: use either `compare A B` or `compare --pairs PAIRS.csv --out SCORES.csv`");
                    return 2;
                }

                return RunPairs(pairList, target, parse.GetValue(model), fileOptions, output, error);
            }

            if (given.Length != 2)
            {
                error.WriteLine("error: give two scans, or --pairs PAIRS.csv --out SCORES.csv");
                return 2;
            }

            return RunOne(given[0], given[1], parse.GetValue(json), parse.GetValue(model), fileOptions, output, error, parse.GetValue(diagnostics));
        });
        return command;
    }

    internal static int RunOne(string a, string b, bool json, string? modelPath, SurfaceFileOptions fileOptions, TextWriter output, TextWriter error, string? diagnosticsFolder = null)
    {
        var matcher = MatcherFactory.Create(modelPath);
        var scans = PreparedScans.Load([Path.GetFullPath(a), Path.GetFullPath(b)], matcher, fileOptions, keepSources: diagnosticsFolder is not null);
        foreach (var message in scans.Errors.Values)
        {
            error.WriteLine($"error: {message}");
        }

        if (!scans.TryGetPair(Path.GetFullPath(a), Path.GetFullPath(b), out var scanA, out var scanB))
        {
            return 1;
        }

        var result = matcher.Compare(scanA, scanB);
        if (diagnosticsFolder is not null)
        {
            // The scans as read, kept by the load: the pictures of the region compared are drawn over them.
            scans.TryGetSource(Path.GetFullPath(a), out var sourceA);
            scans.TryGetSource(Path.GetFullPath(b), out var sourceB);
            var written = DiagnosticsFolder.Write(diagnosticsFolder, a, b, result, ComparisonDiagnostics.Of(scanA, scanB, result, sources: (sourceA, sourceB)));
            // Said on the error stream so that --json keeps one object on standard output.
            error.WriteLine($"diagnostics: wrote {written.Count} files to {diagnosticsFolder} (open {Path.Combine(diagnosticsFolder, DiagnosticsFolder.PageName)})");
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(ResultJson.From(a, b, result), CliJson.Options));
            return 0;
        }

        var c = CultureInfo.InvariantCulture;
        if (!result.Registration.Registered)
        {
            output.WriteLine(string.Format(c, "registration: failed ({0}); score={1:0.000} measured at no alignment, not a result", result.Registration.FailureReason, result.Score));
            output.WriteLine($"algorithm: {result.AlgorithmVersion}");
            output.WriteLine($"note: {ResultJson.LeadNote}");
            return 0;
        }

        output.WriteLine(string.Format(
            c, "score={0:0.000}  cmc={1}  ccf={2:0.000}  theta_deg={3:0.0}  dx_um={4:0.0}  dy_um={5:0.0}  ms={6:0}",
            result.Score, result.CmcCount, result.Ccf, result.Registration.RotationDeg, result.Registration.DxUm, result.Registration.DyUm, result.ElapsedMs));
        output.WriteLine(string.Format(
            c, "cells: {0} of {1} congruent A->B, {2} of {3} B->A (high CMC {4}/{5}); registration ccf={6:0.000} overlap={7:0%}",
            result.Forward.CmcCount, result.Forward.ValidCells, result.Backward.CmcCount, result.Backward.ValidCells,
            result.Forward.HighCmcCount, result.Backward.HighCmcCount, result.Registration.Ccf, result.Features.OverlapFraction));
        output.WriteLine(RegionsLine(result));
        if (result.CommonBandLongCutoffUm is { } cutoffUm)
        {
            output.WriteLine(string.Format(c, "band: both scans compared without wavelengths beyond {0:0} µm: one held far less relief there than the other (filtered by another pipeline)", cutoffUm));
        }

        if (LightingJson.Of(result.Lighting) is { } lighting)
        {
            output.WriteLine($"modality: {result.Modality}; lighting {lighting.A}/{lighting.B}{(lighting.Differs == true ? " differs" : string.Empty)}: {lighting.Note}");
        }

        output.WriteLine($"algorithm: {result.AlgorithmVersion}");
        output.WriteLine($"note: {ResultJson.LeadNote}");
        return 0;
    }

    internal static int RunPairs(string pairsPath, string outPath, string? modelPath, SurfaceFileOptions fileOptions, TextWriter output, TextWriter error)
    {
        var list = ScanPairList.Read(pairsPath);
        if (!list.Success)
        {
            error.WriteLine($"error: {list.Error}");
            return 1;
        }

        foreach (var problem in list.Value.Errors)
        {
            error.WriteLine($"error: {problem}");
        }

        var pairs = list.Value.Pairs;
        var matcher = MatcherFactory.Create(modelPath);
        var paths = pairs.SelectMany(p => new[] { p.PathA, p.PathB }).Distinct(StringComparer.Ordinal).ToArray();
        var preparing = new ConsoleProgress(error, paths.Length, "preparing");
        var scans = PreparedScans.Load(paths, matcher, fileOptions, preparing);
        preparing.Done();
        foreach (var message in scans.Errors.Values.Order(StringComparer.Ordinal))
        {
            error.WriteLine($"error: {message}");
        }

        var lines = new string?[pairs.Count];
        var progress = new ConsoleProgress(error, pairs.Count, "comparing");
        var done = 0;
        Parallel.For(0, pairs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var p = pairs[i];
            if (scans.TryGetPair(p.PathA, p.PathB, out var a, out var b))
            {
                lines[i] = ScoreLine(p.A, p.B, matcher.Compare(a, b));
            }

            progress.Report(Interlocked.Increment(ref done));
        });
        progress.Done();

        var text = new StringBuilder(ScoresHeader).Append('\n');
        var written = 0;
        foreach (var line in lines)
        {
            if (line is not null)
            {
                text.Append(line).Append('\n');
                written++;
            }
        }

        CliFiles.WriteAtomically(outPath, text.ToString());
        var skipped = pairs.Count - written + list.Value.Errors.Count;
        output.WriteLine($"wrote {written} scores to {outPath}{(skipped > 0 ? $"; {skipped} pairs skipped (see errors above)" : string.Empty)}");
        return skipped == 0 && scans.Errors.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// One row of <see cref="ScoresHeader"/>: `status` is `registered`, or `registration_failed: REASON` with the pose
    /// left empty (a failed registration has no pose to report).
    /// </summary>
    internal static string ScoreLine(string a, string b, ComparisonResult r)
    {
        var registration = RegistrationOutcome.Of(r.Registration);
        return string.Join(',', CsvText.Field(a), CsvText.Field(b), F(r.Score, "0.######"), F(r.ScoreBf, "0.######"), F(r.ScoreFp, "0.######"), F(r.ScoreShear, "0.######"), r.CmcCount.ToString(CultureInfo.InvariantCulture), F(r.Ccf, "0.######"),
            F(registration.Pose(r.Registration.RotationDeg), "0.###"), F(registration.Pose(r.Registration.DxUm), "0.##"), F(registration.Pose(r.Registration.DyUm), "0.##"),
            F(r.ElapsedMs, "0.#"), CsvText.Field(registration.CsvStatus), FiringPinColumns(r.FiringPin), ShearColumns(r.ApertureShear), r.FiringPin.RingNcc is { } ring ? F(ring, "0.######") : string.Empty, r.FiringPin.RingStrength is { } strength ? F(strength, "0.######") : string.Empty);
    }

    /// <summary>Each region's own score, or why the region was not compared.</summary>
    private static string RegionsLine(ComparisonResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var f = r.FiringPin;
        var firingPin = f.Status != RegionComparisonStatus.Compared
            ? $"firing_pin={f.Status.ToString().ToLowerInvariant()} ({f.Reason})"
            : string.Format(c, "firing_pin={0} (ncc {1:0.000}, turn {2:0.0}°{3})", r.ScoreFp is { } s ? s.ToString("0.000", c) : "compared", f.Ncc, f.RotationDeg,
                f.AngleFromBreechFaceDeg is { } d ? string.Format(c, ", {0:0.0}° from the breech face's", d) : string.Empty);
        var a = r.ApertureShear;
        var shear = a.Status != RegionComparisonStatus.Compared
            ? $"aperture_shear={a.Status.ToString().ToLowerInvariant()} ({a.Reason})"
            : string.Format(c, "aperture_shear={0} (striae ncc {1:0.000} along {2:0}°)", r.ScoreShear is { } sh ? sh.ToString("0.000", c) : "compared", a.Ncc, a.DirectionDeg);
        return string.Format(c, "regions: breech_face={0:0.000}  {1}  {2}", r.ScoreBf, firingPin, shear);
    }

    /// <summary>
    /// The firing pin's columns: `fp_status` is `compared`, or `absent: REASON` / `failed: REASON` with the rest empty.
    /// </summary>
    private static string FiringPinColumns(FiringPinComparison f)
    {
        if (f.Status != RegionComparisonStatus.Compared)
        {
            return string.Join(',', CsvText.Field($"{f.Status.ToString().ToLowerInvariant()}: {f.Reason}"), string.Empty, string.Empty, string.Empty, string.Empty);
        }

        return string.Join(',', "compared", F(f.Ncc, "0.######"), F(f.RotationDeg, "0.###"), F(f.PeakZ, "0.###"), F(f.AngleFromBreechFaceDeg, "0.###"));
    }

    /// <summary>
    /// The aperture shear's columns: `shear_status` is `compared`, or `absent: REASON` / `failed: REASON` with the rest empty.
    /// </summary>
    private static string ShearColumns(ApertureShearComparison s)
    {
        if (s.Status != RegionComparisonStatus.Compared)
        {
            return string.Join(',', CsvText.Field($"{s.Status.ToString().ToLowerInvariant()}: {s.Reason}"), string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
        }

        return string.Join(',', "compared", F(s.Ncc, "0.######"), F(s.DirectionDeg, "0.#"), F(s.OffsetUm, "0.#"), F(s.OverlapUm, "0.#"), F(s.Coherence, "0.###"));
    }

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? string.Empty;
}
