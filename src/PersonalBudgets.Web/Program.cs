using PersonalBudgets.Web;
using PersonalBudgets.Web.Infrastructure.Database;

// 'dotnet run -- migrate' applies the database migrations and exits (how production upgrades the schema).
var migrateOnly = args.Contains("migrate", StringComparer.OrdinalIgnoreCase);
var builder = WebApplication.CreateBuilder(args.Where(a => !a.Equals("migrate", StringComparison.OrdinalIgnoreCase)).ToArray());

try
{
    builder.AddPersonalBudgets();
}
catch (ConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"Configuration error: {ex.Message}");
    return 1;
}

var app = builder.Build();
try
{
    await app.PrepareAsync(migrateOnly);
}
catch (ConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"Start-up failed: {ex.Message}");
    return 1;
}

if (migrateOnly)
{
    await Console.Out.WriteLineAsync("Migrations applied.");
    return 0;
}

app.UsePersonalBudgets();
await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
