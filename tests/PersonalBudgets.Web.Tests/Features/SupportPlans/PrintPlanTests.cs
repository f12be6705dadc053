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

/// <summary>The printable plan.</summary>
public sealed class PrintPlanTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Print_ShowsThePlanInPlainEnglish_WithWhoWroteEachPartTheCostsAndTheirWords(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var planId = await app.DraftAsync(provider, await app.ReadyForPlanningAsync(provider, person.Id));
        await app.CompleteAsync(provider, planId, 150m);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var print = await nurse.GetAsync($"/Plans/{planId}/Print");

        print.Status.ShouldBe(HttpStatusCode.OK);
        print.Heading.ShouldBe($"{person.DisplayName}'s care and support plan");
        print.Document.QuerySelectorAll("h1").Length.ShouldBe(1);
        print.BodyText.ShouldContain("I live with my cat and love gardening You wrote this part.");
        print.BodyText.ShouldContain("Call my sister, then the crisis line This part was written by the practitioner.");
        print.Document.QuerySelectorAll("#outcomes li").Select(HtmlPage.Text).ShouldBe(["Go to the allotment twice a week", "Cook for myself"]);
        var rows = print.TableRows();
        rows[0][0].ShouldStartWith("Personal assistant for the allotment");
        rows[0][3].ShouldBe("Direct payment");
        rows[0][4].ShouldBe("£150.00");
        rows[^2].ShouldBe(["Weekly cost of your plan", "", "", "", "£150.00"]);
        rows[^1].ShouldBe(["A year (52 weeks)", "", "", "", "£7,800.00"]);
        print.Document.QuerySelector("#deployments li").ShouldNotBeNull().TextContent.ShouldContain("You get the money and arrange this support yourself.");
        print.Document.GetElementById("agreement").ShouldNotBeNull().TextContent.ShouldBe("You agreed with this plan.");
        print.Document.GetElementById("in-your-words").ShouldNotBeNull().TextContent.ShouldBe("This is my plan");
        print.Document.QuerySelector(".app-no-print").ShouldNotBeNull();
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.RecordId == planId.ToString() && a.Action == Core.Audit.AuditAction.Viewed))).ShouldBeGreaterThan(0);
    }
}
