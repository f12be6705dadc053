using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Account;

/// <summary>
/// Account enumeration by timing: a sign-in attempt for an unknown email, a deactivated or a locked account must do
/// the same password hashing as one for a real account. Proved by counting the hasher's verifications, not by timing.
/// </summary>
public sealed class SignInCostTests
{
    public sealed class HashCounter
    {
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public void Count() => Interlocked.Increment(ref verifications);
    }

    private sealed class CountingHasher(HashCounter counter) : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> inner = new();

        public string HashPassword(StaffUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            counter.Count();
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_ForUnknownDeactivatedAndLockedAccounts_HashesThePasswordJustAsForARealAccount(DatabaseProvider provider)
    {
        var counter = new HashCounter();
        await using var factory = await SeededDatabases.NewFactoryAsync(provider);
        var counting = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton(counter);
            s.AddScoped<IPasswordHasher<StaffUser>, CountingHasher>();
        }));
        await counting.StartOnItsOwnThreadAsync(TestContext.Current.CancellationToken);
        using var browser = new Browser(counting.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        }));
        var deactivated = await ArrangeStaff.NewStaffAsync(counting.Services);
        var locked = await ArrangeStaff.NewStaffAsync(counting.Services);
        await using (var scope = counting.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();
            await db.Users.Where(u => u.Id == deactivated.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false), TestContext.Current.CancellationToken);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByIdAsync(locked.Id.ToString());
            (await users.SetLockoutEndDateAsync(user!, DateTimeOffset.UtcNow.AddMinutes(15))).Succeeded.ShouldBeTrue();
        }

        async Task<int> VerificationsForAsync(string email, string password)
        {
            var start = counter.Verifications;
            var page = await browser.TrySignInAsync(email, password);
            page.Status.ShouldBe(HttpStatusCode.BadRequest);
            page.ErrorSummary.ShouldBe(["Enter a correct email address and password"]);
            return counter.Verifications - start;
        }

        (await VerificationsForAsync(DemoAccounts.NorthNurse, "not the right password")).ShouldBe(1, "a wrong password for a real account");
        (await VerificationsForAsync("nobody.here@northmoor.example", "not the right password")).ShouldBe(1, "an unknown email");
        (await VerificationsForAsync(deactivated.Email, deactivated.Password)).ShouldBe(1, "a deactivated account");
        (await VerificationsForAsync(locked.Email, locked.Password)).ShouldBe(1, "a locked account");
    }
}
