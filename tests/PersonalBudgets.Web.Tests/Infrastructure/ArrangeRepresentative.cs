using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Infrastructure.Database;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>A representative's account and live grant (ADR 0030), arranged for a test. <see cref="Account"/> signs in as any account does.</summary>
public sealed record TestRepresentative(TestPersonAccount Account, Guid GrantId, string Name);

public static class ArrangeRepresentative
{
    /// <summary>
    /// A representative with an account of their own and an accepted grant for <paramref name="person"/>: from today for a
    /// year by default; other dates are written straight to the grant (a grant cannot be made to start in the past).
    /// </summary>
    public static async Task<TestRepresentative> RepresentativeForAsync(this AppFixture app, DatabaseProvider provider, TestPerson person,
        RepresentativeScopes scopes, DateOnly? startsOn = null, DateOnly? endsOn = null, bool ended = false, Guid? existingAccountId = null)
    {
        var factory = await app.FactoryAsync(provider);
        await using var scope = factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<PersonAccountService>();
        var db = scope.ServiceProvider.GetRequiredService<Data.PersonalBudgetsDbContext>();
        var now = DateTimeOffset.UtcNow;
        var today = UkTime.DateOf(now);
        var name = $"Rep {Guid.NewGuid():N}"[..12];
        var secret = Totp.NewSecret();
        var email = $"r{Guid.NewGuid():N}@example.com";
        var account = existingAccountId is { } id ? await db.PersonAccounts.SingleAsync(a => a.Id == id) : new PersonAccount
        {
            Id = Guid.NewGuid(),
            DisplayName = name,
            Email = email,
            NormalizedEmail = PersonAccount.Normalise(email),
            PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<PersonAccount>().HashPassword(new PersonAccount(), ArrangePersonAccount.Password),
            ProtectedTotpSecret = accounts.ProtectSecret(secret),
            CreatedAt = now,
        };
        if (existingAccountId is null)
        {
            db.PersonAccounts.Add(account);
        }

        var (grant, _) = RecordGrant.Create(person.Id, new GrantRequest(name, Relationship.Carer, account.Email, scopes, today, today.AddYears(1)),
            new Actor(Guid.NewGuid(), person.DisplayName, ActorKind.Person), now);
        grant.Accept(account.Id, now);
        db.RecordGrants.Add(grant);
        await db.SaveChangesAsync();
        if (startsOn is not null || endsOn is not null || ended)
        {
            await db.RecordGrants.Where(g => g.Id == grant.Id).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.StartsOn, startsOn ?? today)
                .SetProperty(g => g.EndsOn, endsOn ?? today.AddYears(1))
                .SetProperty(g => g.EndedAt, ended ? now : null));
        }

        return new TestRepresentative(new TestPersonAccount(account.Id, person, account.Email, ArrangePersonAccount.Password, secret, []), grant.Id, name);
    }
}
