using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Infrastructure.Database;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>A person's own account, arranged for a test: sign in with the email, password and a code from the secret.</summary>
public sealed record TestPersonAccount(Guid AccountId, TestPerson Person, string Email, string Password, byte[] Secret, IReadOnlyList<string> RecoveryCodes);

public static class ArrangePersonAccount
{
    public const string Password = "a long test passphrase 2026";

    /// <summary>A new person (North, by default at support planning owned by the North nurse) with an active account.</summary>
    public static async Task<TestPersonAccount> NewPersonWithAccountAsync(this AppFixture app, DatabaseProvider provider, PersonBuilder? builder = null)
    {
        var person = await (builder ?? app.NewPerson(provider).AtStage(Core.Pathways.PathwayStage.SupportPlanning)).CreateAsync();
        return await app.AccountForAsync(provider, person);
    }

    /// <summary>An active account for a person who exists already (a demo person, say).</summary>
    public static async Task<TestPersonAccount> AccountForAsync(this AppFixture app, DatabaseProvider provider, TestPerson person)
    {
        var factory = await app.FactoryAsync(provider);
        await using var scope = factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<PersonAccountService>();
        var db = scope.ServiceProvider.GetRequiredService<Data.PersonalBudgetsDbContext>();
        var secret = Totp.NewSecret();
        var recovery = OneTimeCodes.NewRecoveryCodes();
        var email = $"p{Guid.NewGuid():N}@example.com";
        var account = new PersonAccount
        {
            Id = Guid.NewGuid(),
            PersonId = person.Id,
            Email = email,
            NormalizedEmail = PersonAccount.Normalise(email),
            PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<PersonAccount>().HashPassword(new PersonAccount(), Password),
            ProtectedTotpSecret = accounts.ProtectSecret(secret),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        account.SetRecoveryCodes(recovery);
        db.PersonAccounts.Add(account);
        await db.SaveChangesAsync();
        return new TestPersonAccount(account.Id, person, email, Password, secret, recovery);
    }

    /// <summary>Signs in through the person's sign-in pages with a fresh code; fails the test if it does not work.</summary>
    /// <param name="stepsAhead">Which step's code to use (0 now, 1 the next): a code works once, so a second sign-in within 30 seconds uses the next.</param>
    public static async Task<HtmlPage> SignInAsPersonAsync(this Browser browser, TestPersonAccount account, int stepsAhead = 0)
    {
        var code = await browser.TryPersonPasswordAsync(account.Email, account.Password);
        code.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", code.ErrorSummary));
        code.Location.ShouldBe(MyPaths.SignInCode);
        var page = await browser.GetAsync(MyPaths.SignInCode);
        var done = await browser.SubmitAsync(page, ("Code", Totp.Compute(account.Secret, DateTimeOffset.UtcNow.AddSeconds(Totp.StepSeconds * stepsAhead))));
        done.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", done.ErrorSummary));
        return await browser.FollowAsync(done);
    }

    public static async Task<HtmlPage> TryPersonPasswordAsync(this Browser browser, string email, string password)
    {
        var page = await browser.GetAsync(MyPaths.SignIn);
        page.Status.ShouldBe(HttpStatusCode.OK);
        return await browser.SubmitAsync(page, ("Email", email), ("Password", password));
    }
}
