using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Budgets;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Budgets;

/// <summary>
/// Every installation starts with the example resource allocation system for mental health support, published and
/// clearly labelled as an example to calibrate locally, so indicative budgets work from day one.
/// </summary>
public sealed class DefaultRasSeeder(PersonalBudgetsDbContext db, TimeProvider clock, ILogger<DefaultRasSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.RasVersions.AnyAsync(cancellationToken))
        {
            return;
        }

        var system = new Actor(Guid.Empty, "Personal Budgets (example set-up)");
        var now = clock.GetUtcNow();
        var version = RasVersion.CreateDraft(1, DefaultRas.Name, DefaultRas.Definition, isExample: true, system, now);
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

        logger.LogInformation("Published the example resource allocation system (version 1)");
    }
}
