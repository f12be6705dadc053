using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;

namespace PersonalBudgets.Web.Infrastructure.Hosting;

/// <summary>
/// One Data Protection key for every instance of the service. The keys live in the database (PersistKeysToDbContext),
/// but ASP.NET Core makes the first key lazily, at the first cookie or antiforgery token, and each instance then keeps
/// its own copy of the key ring for 24 hours (an unknown key id refreshes it only in the first 2 minutes after start).
/// Two instances starting at once on an empty key ring would each make a key and, once past those 2 minutes, refuse the
/// other's cookies and form tokens. So each instance loads (or makes) the key ring at start-up, before it serves a
/// request, holding a PostgreSQL advisory lock: the first to get the lock makes the key, the others wait and then read it.
/// Later keys are made 2 days before the current one expires, with an activation date in the future, so the daily
/// refresh of every instance sees them before they are used: only the first key needs this.
/// </summary>
public static class SharedKeyRing
{
    /// <summary>The advisory lock's id: any fixed number that nothing else in the database uses ("PBKEYS").</summary>
    public const long AdvisoryLockId = 0x50_42_4B_45_59_53;

    public const string Purpose = "PersonalBudgets.KeyRingAtStartup";

    public static async Task LoadKeyRingAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        if (services.GetRequiredService<DatabaseSettings>().Provider != DatabaseProvider.PostgreSQL)
        {
            // SQLite is one file for one instance: nothing to share.
            protector.Protect([1]);
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockId})", cancellationToken);

        // The key manager reads and writes the keys on a connection of its own; the lock is held until the commit.
        protector.Protect([1]);
        await transaction.CommitAsync(cancellationToken);
    }
}
