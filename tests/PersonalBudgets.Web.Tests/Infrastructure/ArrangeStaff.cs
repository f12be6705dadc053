using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Data;
using PersonalBudgets.Web.Infrastructure.Database;

namespace PersonalBudgets.Web.Tests.Infrastructure;

/// <summary>A staff account of the test's own (a practitioner), so a test can end its sessions or change its password freely.</summary>
public sealed record TestStaff(Guid Id, string Email, string Name, string Password);

public static class ArrangeStaff
{
    public const string Password = "quiet harbour lanterns 7";

    public static async Task<TestStaff> NewStaffAsync(this AppFixture app, DatabaseProvider provider) =>
        await NewStaffAsync((await app.FactoryAsync(provider)).Services);

    public static async Task<TestStaff> NewStaffAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PersonalBudgetsDbContext>();
        var employer = await db.Organisations.OrderBy(o => o.Name).Select(o => o.Id).FirstAsync();
        var email = $"robin.{Guid.NewGuid():N}"[..16] + "@northmoor.example";
        var user = new StaffUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Robin Example",
            Profession = Profession.Nurse,
            EmployerId = employer,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(user, Password);
        created.Succeeded.ShouldBeTrue(string.Join("; ", created.Errors.Select(e => e.Description)));
        (await users.AddToRoleAsync(user, nameof(Role.Practitioner))).Succeeded.ShouldBeTrue();
        return new TestStaff(user.Id, email, user.DisplayName, Password);
    }

    /// <summary>A browser whose cookies the test can read, to replay a saved session cookie as someone who copied it would.</summary>
    public static (Browser Browser, CookieContainer Cookies) CookieBrowser(this WebApplicationFactory<Program> factory)
    {
        var cookies = new CookieContainer();
        return (new Browser(factory.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies))), cookies);
    }

    /// <summary>A client with no cookie jar that sends exactly this session cookie.</summary>
    public static HttpClient ReplayingClient(this WebApplicationFactory<Program> factory, string sessionCookie)
    {
        var client = factory.CreateDefaultClient(new Uri("https://localhost"));
        client.DefaultRequestHeaders.Add("Cookie", $"pb-session={sessionCookie}");
        return client;
    }

    public static string SessionCookie(this CookieContainer cookies) =>
        cookies.GetCookies(new Uri("https://localhost"))["pb-session"]?.Value ?? throw new InvalidOperationException("No pb-session cookie");

    public static Task<List<StaffSession>> SessionsOfAsync(this AppFixture app, DatabaseProvider provider, Guid userId) =>
        app.QueryAsync(provider, db => db.StaffSessions.AsNoTracking().Where(s => s.UserId == userId).ToListAsync());
}
