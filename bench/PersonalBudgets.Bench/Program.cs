using System.Globalization;

namespace PersonalBudgets.Bench;

/// <summary>The benchmark's command line (a named class, so the tests can reference this project next to the web app's Program).</summary>
public static class BenchCommand
{
    public static async Task<int> Main(string[] args)
    {
        // The load benchmark's commands (prepare, capture-sql, pgbench-figures, report): see bench/run.sh.
        if (await Load.LoadCommands.RunAsync(args) is { } loadResult)
        {
            return loadResult;
        }

        // dotnet PersonalBudgets.Bench.dll generate --connection "Host=...;Port=...;Database=...;Username=..." [--people 100000] [--seed 20261206] [--replace] [--today yyyy-MM-dd]
        if (args.Length == 0 || args[0] != "generate")
        {
            Console.Error.WriteLine("Usage: PersonalBudgets.Bench generate --connection <PostgreSQL connection string> [--people 100000] [--seed 20261206] [--replace] [--today yyyy-MM-dd]\n   or: PersonalBudgets.Bench prepare|capture-sql|pgbench-figures|report ... (called by bench/run.sh)");
            return 2;
        }

        string? connection = null;
        var people = 100_000;
        var seed = 20261206;
        var replace = false;
        DateOnly? today = null;
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--connection": connection = Value(); break;
                case "--people": people = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--replace": replace = true; break;
                case "--today": today = DateOnly.ParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}");
                    return 2;
            }
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine("--connection is required");
            return 2;
        }

        try
        {
            await Generator.RunAsync(new GeneratorOptions(connection, people, seed, replace, today), Console.Out);
            return 0;
        }
        catch (DatabaseNotEmptyException e)
        {
            Console.Error.WriteLine(e.Message);
            return 3;
        }
    }
}
