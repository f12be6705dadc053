using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Approvals;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;
using static PersonalBudgets.Web.Tests.Features.SupportPlans.PlanArrange;

namespace PersonalBudgets.Web.Tests.Features.SupportPlans;

/// <summary>Who may see and change a plan through its pages.</summary>
public sealed class PlanAccessTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task FinanceOfficer_CanViewButNotEdit_AndASouthPractitionerCannotSeeANorthPersonsPlan(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        using var finance = await app.SignedInAsync(provider, "finance@northmoor.example");

        (await finance.GetAsync($"/People/{person.Id}/Plans")).Status.ShouldBe(HttpStatusCode.OK);
        var overview = await finance.GetAsync($"/Plans/{planId}");
        overview.Status.ShouldBe(HttpStatusCode.OK);
        overview.Document.GetElementById("task-about-me").ShouldBeNull();
        (await finance.GetAsync($"/Plans/{planId}/Print")).Status.ShouldBe(HttpStatusCode.OK);
        var denied = await finance.GetAsync($"/Plans/{planId}/Sections/AboutMe");
        denied.Status.ShouldBe(HttpStatusCode.Redirect);
        denied.Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");

        using var ot = await app.SignedInAsync(provider, DemoAccounts.SouthOt);
        foreach (var url in new[] { $"/People/{person.Id}/Plans", $"/Plans/{planId}", $"/Plans/{planId}/Print", $"/Plans/{planId}/Sections/AboutMe" })
        {
            var refused = await ot.GetAsync(url);
            refused.Status.ShouldBe(HttpStatusCode.Forbidden, url);
            refused.BodyText.ShouldNotContain(person.DisplayName);
        }
    }
}
