using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ballistics.Samples;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics samples generate --out DIR --firearms N --fires K --seed S [--difficulty easy|hard] [--condition NAME=VALUE|NAME=LOW..HIGH]...
/// [--random-conditions]`, and `ballistics samples render --manifest M --out DIR --seed S [--lighting ring|side|mixed]
/// [--format png|tiff|mixed] [--light NAME=LOW..HIGH]...`.
/// </summary>
internal static class SamplesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var outDir = new Option<string>("--out") { Required = true, Description = "folder to write scans/*.x3p and manifest.csv into" };
        var firearms = new Option<int>("--firearms") { Required = true, Description = "number of simulated firearms" };
        var fires = new Option<int>("--fires") { Required = true, Description = "test fires per firearm" };
        var seed = new Option<int>("--seed") { Required = true, Description = "seed; the same seed gives the same bytes" };
        var difficulty = new Option<Difficulty>("--difficulty") { DefaultValueFactory = _ => Difficulty.Easy, Description = "easy or hard (more shared subclass marks, weaker transfer, more noise)" };
        var condition = new Option<string[]>("--condition")
        {
            Description = "NAME=VALUE, repeatable: one way real scans vary, fixed for every scan (" + string.Join(", ", ScanConditions.Names)
                + "; e.g. dropout=0.05, contact=0.5, step_um=3.125, crater=holes, layout=processed, subclass=1.2); "
                + "NAME=LOW..HIGH draws a numeric one for every scan (e.g. contact=0.5..0.95)",
            AllowMultipleArgumentsPerToken = false,
        };
        var randomConditions = new Option<bool>("--random-conditions") { Description = "draw every condition anew for each scan (the subclass strength for each firearm); --condition still fixes those it names" };
        var generate = new Command("generate", "Write a labelled synthetic corpus of cartridge-case scans.")
        {
            outDir, firearms, fires, seed, difficulty, condition, randomConditions,
        };
        generate.SetAction(parse => Generate(
            parse.GetValue(outDir)!, parse.GetValue(firearms), parse.GetValue(fires), parse.GetValue(seed), parse.GetValue(difficulty),
            parse.GetValue(condition) ?? [], parse.GetValue(randomConditions), output, error));

        var renderManifest = new Option<string>("--manifest") { Required = true, Description = "manifest of the scans to photograph (file,firearm_id,…: a generated set's, or a real set's)" };
        var renderOut = new Option<string>("--out") { Required = true, Description = "folder to write photos/* and manifest.csv (and ground_truth.csv, when the scans have one) into" };
        var renderSeed = new Option<int>("--seed") { Required = true, Description = "seed of each photograph's light and camera; the same seed gives the same bytes" };
        var lighting = new Option<PhotographLighting>("--lighting") { DefaultValueFactory = _ => PhotographLighting.Ring, Description = "ring, side (one oblique lamp at a random direction) or mixed (drawn for each photograph)" };
        var format = new Option<PhotographFormat>("--format") { DefaultValueFactory = _ => PhotographFormat.Mixed, Description = "png, tiff or mixed (drawn for each photograph)" };
        var light = new Option<string[]>("--light")
        {
            Description = "NAME=LOW..HIGH or NAME=VALUE, repeatable: a setting of the light or camera drawn for every photograph from this range instead of the usual one ("
                + string.Join(", ", PhotographRange.Names) + "; e.g. ring_unevenness=0..0.05 for an even ring, elevation_deg=60..80)",
            AllowMultipleArgumentsPerToken = false,
        };
        var render = new Command("render", "Photograph every scan of a labelled set: each under its own drawn light (elevation, direction, the metal's finish) and camera (3–8 µm pixels, focus, exposure, gamma, vignetting, noise, 8 or 16 bit), written with its pixel size in the file.")
        {
            renderManifest, renderOut, renderSeed, lighting, format, light,
        };
        render.SetAction(parse => Render(
            parse.GetValue(renderManifest)!, parse.GetValue(renderOut)!, parse.GetValue(lighting), parse.GetValue(format), parse.GetValue(renderSeed), parse.GetValue(light) ?? [], output, error));

        return new Command("samples", "Synthetic data for tests, benchmarks and demos.") { generate, render };
    }

    internal static int Generate(string outDir, int firearms, int fires, int seed, Difficulty difficulty, TextWriter output, TextWriter error) =>
        Generate(outDir, firearms, fires, seed, difficulty, [], false, output, error);

    internal static int Generate(
        string outDir, int firearms, int fires, int seed, Difficulty difficulty, IReadOnlyList<string> conditions, bool randomConditions, TextWriter output, TextWriter error)
    {
        var fixedConditions = ScanConditions.None;
        var ranges = new List<ConditionRange>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assignment in conditions)
        {
            try
            {
                string name;
                if (ConditionRange.IsRange(assignment))
                {
                    var range = ConditionRange.Parse(assignment);
                    ranges.Add(range);
                    name = range.Name;
                }
                else
                {
                    fixedConditions = fixedConditions.With(assignment);
                    name = assignment.Split('=', 2)[0].Trim();
                }

                if (!named.Add(name))
                {
                    error.WriteLine($"error: --condition {assignment}: {name} is already given; name each condition once");
                    return 2;
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
            {
                error.WriteLine($"error: --condition {assignment}: {ex.Message.Split(" (Parameter", 2)[0]}");
                return 2;
            }
        }

        CorpusOptions options;
        try
        {
            options = new CorpusOptions
            {
                Firearms = firearms, FiresPerFirearm = fires, Seed = seed, Difficulty = difficulty, Conditions = fixedConditions, RandomConditions = randomConditions,
                Ranges = ranges,
            };
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // The options record names the field and the allowed range; say it in the flag's terms.
            var flag = ex.ParamName == nameof(CorpusOptions.FiresPerFirearm) ? "--fires" : ex.ParamName == nameof(CorpusOptions.Firearms) ? "--firearms" : "--difficulty";
            error.WriteLine($"error: {flag}: {ex.Message.Split(" (Parameter", 2)[0]}");
            return 2;
        }

        var total = firearms * fires;
        var progress = new ConsoleProgress(error, total, "generating");
        var watch = Stopwatch.StartNew();
        var summary = CorpusGenerator.Generate(options, outDir, progress);
        progress.Done();
        watch.Stop();

        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "wrote {0} scans of {1} firearms ({2} fires each, seed {3}, {4}) to {5} in {6:0.0} s",
            summary.Rows.Count, firearms, fires, seed, difficulty.ToString().ToLowerInvariant(), Path.GetFullPath(outDir), watch.Elapsed.TotalSeconds));
        if (randomConditions || fixedConditions != ScanConditions.None || ranges.Count > 0)
        {
            var fixedOnes = ScanConditions.Names.Zip(fixedConditions.Values()).Where(p => p.Second.Length > 0).Select(p => $"{p.First}={p.Second}");
            output.WriteLine($"conditions: {(randomConditions ? "drawn for every scan" : "fixed")}"
                + (fixedOnes.Any() ? $"; fixed {string.Join(", ", fixedOnes)}" : string.Empty)
                + (ranges.Count > 0 ? $"; drawn for every scan from {string.Join(", ", ranges)}" : string.Empty)
                + " (ground_truth.csv has each scan's)");
        }

        output.WriteLine($"manifest: {Path.Combine(Path.GetFullPath(outDir), "manifest.csv")}");
        output.WriteLine($"records: {Path.Combine(Path.GetFullPath(outDir), LinkedRecords.Folder)} ({LinkedRecords.TransactionsFile}, {LinkedRecords.SeizuresFile}, {LinkedRecords.TracesFile})");
        foreach (var group in summary.Rows.GroupBy(r => r.MakeModel).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key}: {group.Select(r => r.FirearmId).Distinct().Count()} firearms, {group.Count()} scans");
        }

        output.WriteLine("  ammunition: " + string.Join(", ", summary.Rows.GroupBy(r => r.Ammo).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        return 0;
    }

    internal static int Render(string manifest, string outDir, PhotographLighting lighting, PhotographFormat format, int seed, TextWriter output, TextWriter error) =>
        Render(manifest, outDir, lighting, format, seed, [], output, error);

    internal static int Render(
        string manifest, string outDir, PhotographLighting lighting, PhotographFormat format, int seed, IReadOnlyList<string> light, TextWriter output, TextWriter error)
    {
        var ranges = new List<PhotographRange>();
        foreach (var assignment in light)
        {
            PhotographRange range;
            try
            {
                range = PhotographRange.Parse(assignment);
            }
            catch (FormatException ex)
            {
                error.WriteLine($"error: --light {assignment}: {ex.Message}");
                return 2;
            }

            if (ranges.Exists(r => r.Name == range.Name))
            {
                error.WriteLine($"error: --light {assignment}: {range.Name} is already given; name each setting once");
                return 2;
            }

            ranges.Add(range);
        }

        var watch = Stopwatch.StartNew();
        var summary = PhotographSet.Render(manifest, outDir, lighting, format, seed, ranges);
        foreach (var problem in summary.Errors)
        {
            error.WriteLine($"error: {problem}");
        }

        if (summary.Written == 0)
        {
            error.WriteLine("error: no photograph written");
            return 1;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {summary.Written} photographs ({lighting.ToString().ToLowerInvariant()} light, seed {seed}) to {Path.GetFullPath(Path.Combine(outDir, PhotographSet.PhotoFolder))} in {watch.Elapsed.TotalSeconds:0.0} s"));
        if (ranges.Count > 0)
        {
            output.WriteLine($"settings drawn for every photograph from {string.Join(", ", ranges)} (manifest.csv has each photograph's)");
        }

        output.WriteLine($"manifest: {summary.ManifestPath}");
        output.WriteLine($"with the scans (3D ↔ 2D): {Path.Combine(Path.GetDirectoryName(summary.ManifestPath)!, PhotographSet.CrossManifestName)}");
        return summary.Errors.Count == 0 ? 0 : 1;
    }
}
