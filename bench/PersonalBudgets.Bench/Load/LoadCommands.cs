namespace PersonalBudgets.Bench.Load;

/// <summary>The load benchmark's commands, called by bench/run.sh.</summary>
public static class LoadCommands
{
    public static async Task<int?> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        try
        {
            var options = new BenchOptions(args.Skip(1));
            return args[0] switch
            {
                "prepare" => await Prepare.RunAsync(options),
                "capture-sql" => await Capture.RunAsync(options),
                "pgbench-figures" => await PgbenchFigures.RunAsync(options),
                "report" => await Report.RunAsync(options),
                "reports" => await Reports.RunAsync(options),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"{args[0]}: {ex.Message}");
            return 1;
        }
    }
}
