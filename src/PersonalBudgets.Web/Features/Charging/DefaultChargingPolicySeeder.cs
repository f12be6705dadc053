using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Charging;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Data;

namespace PersonalBudgets.Web.Features.Charging;

/// <summary>
/// Every installation starts with the example charging policy for 2025 to 2026, published and labelled as an example
/// whose unconfirmed figures a council checks against the circular, and a draft for 2026 to 2027 to check and publish
/// (ADR 0032).
/// </summary>
public sealed class DefaultChargingPolicySeeder(PersonalBudgetsDbContext db, TimeProvider clock, ILogger<DefaultChargingPolicySeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.ChargingPolicyVersions.AnyAsync(cancellationToken))
        {
            return;
        }

        var system = new Actor(Guid.Empty, "Personal Budgets (example set-up)");
        var now = clock.GetUtcNow();
        var example = ChargingPolicyVersion.CreateDraft(1, "Example: 2025 to 2026 (DHSC circular figures)", ExampleChargingPolicies.For2025To2026, isExample: true, system, now);
        example.Publish(system, now, null);
        var draft = ChargingPolicyVersion.CreateDraft(2, "Draft: 2026 to 2027 (uprated, to check against the circular)", ExampleChargingPolicies.For2026To2027Draft, isExample: true, system, now);
        db.ChargingPolicyVersions.AddRange(example, draft);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (SaveChangesOrConflictExtensions.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return;
        }

        logger.LogInformation("Published the example charging policy for 2025 to 2026 and a draft for 2026 to 2027");
    }
}
