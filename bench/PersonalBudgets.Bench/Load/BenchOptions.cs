namespace PersonalBudgets.Bench.Load;

/// <summary>"--name value" options of a bench command, with a clear message for what is missing or wrong.</summary>
public sealed class BenchOptions
{
    private readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);

    public BenchOptions(IEnumerable<string> args)
    {
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    values[name] = "true";
                }

                name = arg[2..];
            }
            else if (name is not null)
            {
                values[name] = arg;
                name = null;
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{arg}': options are written --name value");
            }
        }

        if (name is not null)
        {
            values[name] = "true";
        }
    }

    public string Required(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"Give --{name}");

    public string Get(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;

    public int GetInt(string name, int fallback) =>
        !values.TryGetValue(name, out var value) ? fallback
        : int.TryParse(value, out var number) && number > 0 ? number
        : throw new ArgumentException($"--{name} must be a whole number above 0, not '{value}'");
}
