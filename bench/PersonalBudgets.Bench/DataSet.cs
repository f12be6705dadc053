namespace PersonalBudgets.Bench;

/// <summary>
/// The rows the generator has built, grouped by their CLR type in the order they were made (so the output is the same
/// for the same seed), before they are written.
/// </summary>
public sealed class DataSet
{
    private readonly Dictionary<Type, List<object>> rows = [];

    public void Add<T>(T row)
        where T : class
    {
        if (!rows.TryGetValue(typeof(T), out var list))
        {
            list = [];
            rows[typeof(T)] = list;
        }

        list.Add(row);
    }

    /// <summary>Appends another set's rows, type by type, keeping their order.</summary>
    public void AddAll(DataSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (type, list) in other.rows)
        {
            if (!rows.TryGetValue(type, out var mine))
            {
                mine = [];
                rows[type] = mine;
            }

            mine.AddRange(list);
        }
    }

    public IReadOnlyList<object> Of(Type type) => rows.TryGetValue(type, out var list) ? list : [];

    public int Count<T>() => Of(typeof(T)).Count;
}

/// <summary>
/// Deterministic identifiers. The domain's factories call Guid.NewGuid; every primary key is given a Guid from the seeded
/// random source, in the order the rows were made, and every Guid written (keys and references alike) goes through the map.
/// </summary>
public sealed class IdMap(Random random)
{
    private readonly Dictionary<Guid, Guid> map = [];

    public Guid Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Gives a key made by the domain a deterministic replacement, once.</summary>
    public void Claim(Guid made)
    {
        if (!map.ContainsKey(made))
        {
            map[made] = Next();
        }
    }

    /// <summary>A fixed identifier chosen by the generator itself: kept as it is.</summary>
    public Guid Keep(Guid fixedId)
    {
        map[fixedId] = fixedId;
        return fixedId;
    }

    public Guid Map(Guid value) => map.TryGetValue(value, out var mapped) ? mapped : value;
}
