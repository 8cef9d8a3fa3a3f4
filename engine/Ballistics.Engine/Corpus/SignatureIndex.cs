namespace Ballistics.Engine.Corpus;

/// <summary>
/// Every item's stage-1 code held in memory and scanned exhaustively. Codes sit back to back in segments of
/// <see cref="SegmentItems"/> items (one contiguous block each, the unit a core scans), so growing the index never
/// copies what is there and no single array approaches .NET's 2 GB limit; filter facts live in parallel columns of
/// small integers (text mapped to numbers once, at add), checked before a code is touched. Adds and searches may not
/// run at the same time: a store builds the index, then searches it.
/// </summary>
public sealed class SignatureIndex
{
    public const int SegmentItems = 1 << 16;

    private const int Unknown = -1;

    private readonly List<Segment> _segments = [];
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);

    public SignatureIndex(SignatureCodec codec)
    {
        Codec = codec ?? throw new ArgumentNullException(nameof(codec));
    }

    public SignatureCodec Codec { get; }

    public int Count { get; private set; }

    /// <summary>How many of the items are photographs (2D): a search keeps to its query's modality, checked only when there are both.</summary>
    private int _photographs;

    /// <summary>Bytes held for codes and facts, for the memory figure of a million items.</summary>
    public long ResidentBytes => (long)_segments.Count * SegmentItems * (Codec.CodeBytes + Segment.FactBytes);

    public void Add(long itemId, StageOneCode code, ItemFacets facets)
    {
        if (code.Code.Length != Codec.CodeBytes)
        {
            throw new ArgumentException($"a code of {Codec.Version} has {Codec.CodeBytes} bytes, not {code.Code.Length}", nameof(code));
        }

        var at = Count % SegmentItems;
        if (at == 0)
        {
            _segments.Add(new Segment(Codec.CodeBytes));
        }

        var segment = _segments[^1];
        code.Code.CopyTo(segment.Codes.AsSpan(at * Codec.CodeBytes, Codec.CodeBytes));
        segment.Scale[at] = code.Scale;
        segment.Ids[at] = itemId;
        segment.Caliber[at] = NameId(facets.Caliber);
        segment.FiringPin[at] = NameId(facets.FiringPinClass);
        segment.PinShape[at] = NameId(facets.FiringPinShape);
        segment.Country[at] = NameId(facets.Country);
        segment.Region[at] = NameId(facets.Region);
        segment.Day[at] = facets.Date is { } date ? date.DayNumber : Unknown;
        segment.Photograph[at] = facets.Modality == Matching.Modalities.Photograph;
        segment.SideLit[at] = facets.Lighting == Surfaces.ImageLighting.Side;
        _photographs += segment.Photograph[at] ? 1 : 0;
        Count++;
    }

    /// <summary>The code stored for an item (a linear look-up: for evaluations that query with items on file).</summary>
    public StageOneCode? CodeOf(long itemId)
    {
        for (var s = 0; s < _segments.Count; s++)
        {
            var items = s == _segments.Count - 1 ? Count - (s * SegmentItems) : SegmentItems;
            var at = Array.IndexOf(_segments[s].Ids, itemId, 0, items);
            if (at >= 0)
            {
                return new StageOneCode(_segments[s].Codes.AsSpan(at * Codec.CodeBytes, Codec.CodeBytes).ToArray(), _segments[s].Scale[at]);
            }
        }

        return null;
    }

    /// <summary>
    /// The <paramref name="top"/> items most similar to <paramref name="query"/> among those <paramref name="filter"/>
    /// keeps, best first (ties by item id), the item <paramref name="excludeItemId"/> left out. Segments are scanned
    /// on all cores, each keeping its own best; the lists are merged at the end.
    /// </summary>
    public StageOneHit[] Search(StageOneCode query, SearchFilter filter, int top, long? excludeItemId = null, bool useVectors = true) =>
        Search([query], filter, top, excludeItemId, useVectors);

    /// <summary>
    /// As <see cref="Search(StageOneCode, SearchFilter, int, long?, bool)"/> for a query with several codes (a photograph
    /// and its shading relit from other sides, <see cref="CorpusSearch.Codes"/>): an item's similarity is its best with any
    /// of them, so each item is listed once.
    /// </summary>
    public StageOneHit[] Search(IReadOnlyList<StageOneCode> queries, SearchFilter filter, int top, long? excludeItemId = null, bool useVectors = true)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        if (queries.Count == 0)
        {
            throw new ArgumentException("a search needs at least one code", nameof(queries));
        }

        foreach (var query in queries)
        {
            if (query.Code.Length != Codec.CodeBytes)
            {
                throw new ArgumentException($"a code of {Codec.Version} has {Codec.CodeBytes} bytes, not {query.Code.Length}", nameof(queries));
            }
        }

        var rule = Compile(filter, excludeItemId);
        if (rule is null || Count == 0)
        {
            return [];
        }

        // Every code's scale relative to the largest, which is applied once, to the hits returned (so that a single
        // code's similarities are computed exactly as they always were; a code of zeros has scale 0).
        var codes = queries.Select(q => q.Code).ToArray();
        var reference = queries.Max(q => q.Scale);
        var relative = queries.Select(q => reference > 0 ? q.Scale / reference : 1f).ToArray();
        var segments = _segments.Count;
        var best = new TopHits[segments];
        Parallel.For(0, segments, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
        {
            var items = s == segments - 1 ? Count - (s * SegmentItems) : SegmentItems;
            best[s] = Scan(_segments[s], items, codes, relative, rule.Value, top, useVectors);
        });

        var merged = new TopHits(top);
        foreach (var hits in best)
        {
            hits.MergeInto(merged);
        }

        return merged.Sorted().Select(h => new StageOneHit(h.Id, h.Similarity * reference)).ToArray();
    }

    /// <summary>
    /// The <paramref name="top"/> best of several indexes' own best (each from <see cref="Search(IReadOnlyList{StageOneCode}, SearchFilter, int, long?, bool)"/> with the same query,
    /// filter and <paramref name="top"/>), ordered as one index holding all their items would order them: every item of
    /// the overall best is among its own index's best, and ties fall to the lower id everywhere. What a sharded corpus
    /// merges.
    /// </summary>
    public static StageOneHit[] Merge(IEnumerable<IReadOnlyList<StageOneHit>> shards, int top)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        return [.. shards.SelectMany(hits => hits).OrderByDescending(h => h.Similarity).ThenBy(h => h.ItemId).Take(top)];
    }

    private TopHits Scan(Segment segment, int items, sbyte[][] queries, float[] relativeScales, Rule rule, int top, bool useVectors)
    {
        var hits = new TopHits(top);
        var bytes = Codec.CodeBytes;
        var codes = segment.Codes.AsSpan();
        for (var i = 0; i < items; i++)
        {
            if (rule.Filters && !rule.Keeps(segment, i))
            {
                continue;
            }

            // The first code's scale is the same for every item: it is applied once, to the hits returned.
            var code = codes.Slice(i * bytes, bytes);
            var similarity = float.NegativeInfinity;
            for (var q = 0; q < queries.Length; q++)
            {
                similarity = Math.Max(similarity, Int8Dot.Dot(queries[q], code, useVectors) * segment.Scale[i] * relativeScales[q]);
            }

            if (similarity >= hits.Threshold)
            {
                hits.Offer(segment.Ids[i], similarity);
            }
        }

        return hits;
    }

    private int NameId(string? name)
    {
        if (name is null)
        {
            return Unknown;
        }

        if (!_names.TryGetValue(name, out var id))
        {
            id = _names.Count;
            _names.Add(name, id);
        }

        return id;
    }

    /// <summary>The filter as numbers; null when it names a value no item has (nothing can match).</summary>
    private Rule? Compile(SearchFilter filter, long? exclude)
    {
        int Lookup(string? name) => name is null ? Unknown : _names.GetValueOrDefault(name, int.MinValue);
        var photograph = filter.Modality == Matching.Modalities.Photograph;
        if (photograph && _photographs == 0)
        {
            return null;
        }

        var rule = new Rule(
            Lookup(filter.Caliber),
            Lookup(filter.FiringPinClass),
            Lookup(filter.FiringPinShape),
            Lookup(filter.Country),
            Lookup(filter.Region),
            filter.From?.DayNumber ?? int.MinValue,
            filter.To?.DayNumber ?? int.MaxValue,
            filter.From is not null || filter.To is not null,
            exclude ?? long.MinValue,
            CheckModality: _photographs > 0,
            Photograph: photograph,
            Light: filter.Lighting switch
            {
                null => LightRule.Any,
                Surfaces.ImageLighting.Side => LightRule.Side,
                _ => LightRule.NotSide,
            });
        return rule.Caliber == int.MinValue || rule.FiringPin == int.MinValue || rule.PinShape == int.MinValue || rule.Country == int.MinValue || rule.Region == int.MinValue ? null : rule;
    }

    /// <summary>Which photographs a light filter keeps (<see cref="SearchFilter.Lighting"/>).</summary>
    private enum LightRule : byte
    {
        Any,
        NotSide,
        Side,
    }

    private readonly record struct Rule(
        int Caliber, int FiringPin, int PinShape, int Country, int Region, int FromDay, int ToDay, bool Dates, long Exclude, bool CheckModality, bool Photograph, LightRule Light)
    {
        public bool Filters => Caliber != Unknown || FiringPin != Unknown || PinShape != Unknown || Country != Unknown || Region != Unknown || Dates || Exclude != long.MinValue || CheckModality
            || Light != LightRule.Any;

        public bool Keeps(Segment s, int i) =>
            (Caliber == Unknown || s.Caliber[i] == Caliber)
            && (FiringPin == Unknown || s.FiringPin[i] == FiringPin)
            && (PinShape == Unknown || s.PinShape[i] == PinShape)
            && (Country == Unknown || s.Country[i] == Country)
            && (Region == Unknown || s.Region[i] == Region)
            && (!Dates || (s.Day[i] != Unknown && s.Day[i] >= FromDay && s.Day[i] <= ToDay))
            && (!CheckModality || s.Photograph[i] == Photograph)
            && (Light == LightRule.Any || s.SideLit[i] == (Light == LightRule.Side))
            && s.Ids[i] != Exclude;
    }

    private sealed class Segment(int codeBytes)
    {
        /// <summary>Id, scale, five name columns, a day, the modality and the light per item.</summary>
        public const int FactBytes = sizeof(long) + sizeof(float) + (6 * sizeof(int)) + (2 * sizeof(bool));

        public sbyte[] Codes { get; } = GC.AllocateUninitializedArray<sbyte>(SegmentItems * codeBytes);

        public long[] Ids { get; } = new long[SegmentItems];

        public float[] Scale { get; } = new float[SegmentItems];

        public int[] Caliber { get; } = new int[SegmentItems];

        public int[] FiringPin { get; } = new int[SegmentItems];

        /// <summary>The firing pin's shape class as measured (the declared class is <see cref="FiringPin"/>).</summary>
        public int[] PinShape { get; } = new int[SegmentItems];

        public int[] Country { get; } = new int[SegmentItems];

        public int[] Region { get; } = new int[SegmentItems];

        /// <summary>Whether the item is a photograph (2D); else a topography.</summary>
        public bool[] Photograph { get; } = new bool[SegmentItems];

        /// <summary>Whether the item is a photograph taken under a side light (else ring-lit, of unknown light, or a topography).</summary>
        public bool[] SideLit { get; } = new bool[SegmentItems];

        public int[] Day { get; } = new int[SegmentItems];
    }

    /// <summary>A bounded min-heap of (similarity, id): the weakest kept hit on top, replaced by anything better.</summary>
    private sealed class TopHits(int capacity)
    {
        private readonly (float Similarity, long Id)[] _heap = new (float, long)[capacity];

        public int Count { get; private set; }

        /// <summary>What a new hit must reach to be kept: anything until the heap is full, then the weakest kept.</summary>
        public float Threshold => Count < capacity ? float.NegativeInfinity : _heap[0].Similarity;

        public void Offer(long id, float similarity)
        {
            if (Count < capacity)
            {
                _heap[Count] = (similarity, id);
                Up(Count++);
            }
            else if (Better((similarity, id), _heap[0]))
            {
                _heap[0] = (similarity, id);
                Down(0);
            }
        }

        public void MergeInto(TopHits other)
        {
            for (var i = 0; i < Count; i++)
            {
                other.Offer(_heap[i].Id, _heap[i].Similarity);
            }
        }

        public IEnumerable<(float Similarity, long Id)> Sorted() =>
            _heap.AsSpan(0, Count).ToArray().OrderByDescending(h => h.Similarity).ThenBy(h => h.Id);

        // Higher similarity wins; at equal similarity the lower id, so results do not depend on how segments were split.
        private static bool Better((float Similarity, long Id) a, (float Similarity, long Id) b) => a.Similarity > b.Similarity || (a.Similarity == b.Similarity && a.Id < b.Id);

        private void Up(int i)
        {
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (!Better(_heap[parent], _heap[i]))
                {
                    break;
                }

                (_heap[parent], _heap[i]) = (_heap[i], _heap[parent]);
                i = parent;
            }
        }

        private void Down(int i)
        {
            while (true)
            {
                var weakest = i;
                var left = (2 * i) + 1;
                var right = left + 1;
                if (left < Count && Better(_heap[weakest], _heap[left]))
                {
                    weakest = left;
                }

                if (right < Count && Better(_heap[weakest], _heap[right]))
                {
                    weakest = right;
                }

                if (weakest == i)
                {
                    return;
                }

                (_heap[weakest], _heap[i]) = (_heap[i], _heap[weakest]);
                i = weakest;
            }
        }
    }
}
