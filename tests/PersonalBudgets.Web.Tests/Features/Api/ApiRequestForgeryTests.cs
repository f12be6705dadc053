using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Api;

/// <summary>
/// A cookie-authenticated change through the API needs a JSON content type or an antiforgery token, body or not: a
/// form posted from another site carries the cookie but can do neither.
/// </summary>
public sealed class ApiRequestForgeryTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<int> PlansAsync(AppFixture app, DatabaseProvider provider, Guid personId) =>
        app.QueryAsync(provider, db => db.SupportPlans.CountAsync(p => p.PersonId == personId, Ct));

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PostWithoutBody_AsAFormFromAnotherSite_IsRefusedAndStartsNoPlan(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        await app.ReadyForPlanningAsync(provider, person.Id);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var url = new Uri($"/api/v1/people/{person.Id}/plans", UriKind.Relative);

        HttpContent?[] forged =
        [
            new FormUrlEncodedContent([]),
            new StringContent("", Encoding.UTF8, "text/plain"),
            new StringContent("", Encoding.UTF8, "multipart/form-data"),
            null,
        ];
        foreach (var content in forged)
        {
            using (content)
            {
                using var response = await nurse.Http.PostAsync(url, content, Ct);
                var kind = content?.Headers.ContentType?.MediaType ?? "no content type";
                response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, kind);
                response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", kind);
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
                problem.GetProperty("errorCode").GetString().ShouldBe("json-or-antiforgery-required", kind);
            }
        }

        (await PlansAsync(app, provider, person.Id)).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PostWithoutBody_DeclaringJson_OrWithTheAntiforgeryToken_StartsThePlan(DatabaseProvider provider)
    {
        var json = await app.NewNorthPersonAsync(provider);
        await app.ReadyForPlanningAsync(provider, json.Id);
        var withToken = await app.NewNorthPersonAsync(provider);
        await app.ReadyForPlanningAsync(provider, withToken.Id);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        using (var response = await nurse.Http.PostAsync(new Uri($"/api/v1/people/{json.Id}/plans", UriKind.Relative), ApiContent.JsonWithoutBody(), Ct))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        }

        // A page of our own gives the token (the sign-out form in the header carries one).
        var page = await nurse.GetAsync($"/People/{withToken.Id}");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]").ShouldNotBeNull().GetAttribute("value")!;
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using (var response = await nurse.Http.PostAsync(new Uri($"/api/v1/people/{withToken.Id}/plans", UriKind.Relative), form, Ct))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        }

        (await PlansAsync(app, provider, json.Id)).ShouldBe(1);
        (await PlansAsync(app, provider, withToken.Id)).ShouldBe(1);
    }
}
