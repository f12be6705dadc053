using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Budgets;

/// <summary>
/// Every installation starts with the example resource allocation system for mental health support, and the example
/// carers' system (ADR 21), each published and clearly labelled as an example to calibrate locally, so indicative
/// budgets work from day one. An installation that has the adults' system gets the carers' one on its next start.
/// </summary>
public sealed class DefaultRasSeeder(PersonalBudgetsDbContext db, TimeProvider clock, ILogger<DefaultRasSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await SeedAsync(RasKind.Adult, DefaultRas.Name, DefaultRas.Definition, cancellationToken);
        await SeedAsync(RasKind.Carer, DefaultCarersRas.Name, DefaultCarersRas.Definition, cancellationToken);
    }

    private async Task SeedAsync(RasKind kind, string name, RasDefinition definition, CancellationToken cancellationToken)
    {
        if (await db.RasVersions.AnyAsync(v => v.Kind == kind, cancellationToken))
        {
            return;
        }

        var system = new Actor(Guid.Empty, "Personal Budgets (example set-up)");
        var now = clock.GetUtcNow();
        var version = RasVersion.CreateDraft(1, name, definition, isExample: true, system, now, kind);
        version.Publish(system, now, currentlyPublished: null);
        db.RasVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (SaveChangesOrConflictExtensions.IsUniqueViolation(ex))
        {
            // Another instance starting at the same time published version 1 first (the version number is unique).
            db.ChangeTracker.Clear();
            return;
        }

        logger.LogInformation("Published the example resource allocation system for {Kind} (version 1)", kind);
    }
}
