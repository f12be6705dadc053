using System.Net;
using Microsoft.AspNetCore.Hosting;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.My;

/// <summary>The person area's sign-in and code forms are rate limited per address (on an application of its own, limit 3 a minute).</summary>
public sealed class PersonRateLimitTests
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TooManyAttempts_InAMinute_Get429(DatabaseProvider provider)
    {
        await using var factory = await SeededDatabases.NewFactoryAsync(provider);
        await using var limited = factory.WithWebHostBuilder(b => b.UseSetting("Security:PersonCodeAttemptsPerMinute", "3"));
        using var browser = new Browser(limited.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
        }));

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { MyPaths.SignIn, MyPaths.Start, MyPaths.SignIn, MyPaths.Start })
        {
            statuses.Add((await browser.PostAsync(path, [new("Email", "x@example.com"), new("Password", "y"), new("Code", "z")])).Status);
        }

        statuses.Take(3).ShouldAllBe(s => s != HttpStatusCode.TooManyRequests);
        statuses[3].ShouldBe(HttpStatusCode.TooManyRequests);
        (await browser.GetAsync(MyPaths.SignIn)).Status.ShouldBe(HttpStatusCode.OK); // reading the page is not limited
    }
}
