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

/// <summary>Revising a plan: a new version with a reason, and the Changes page.</summary>
public sealed class RevisePlanTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Revise_NeedsAReason_MakesVersion2_AndChangesShowsWhatChanged(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var ready = await app.ReadyForPlanningAsync(provider, person.Id);
        var planId = await app.DraftAsync(provider, ready);
        await app.CompleteAsync(provider, planId, 150m);
        await app.ApproveAsync(provider, planId);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var form = await nurse.GetAsync($"/Plans/{planId}/Revise");
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.BodyText.ShouldNotContain("cannot be changed");
        var noReason = await nurse.SubmitAsync(form, ("Reason", " "));
        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReason.ErrorSummary.ShouldBe(["Enter why the plan is being revised"]);

        var made = await nurse.SubmitAsync(form, ("Reason", "Review found the person wants to try a pottery class"));
        made.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", made.ErrorSummary));
        var v2 = await nurse.FollowAsync(made);
        v2.Heading.ShouldBe("Care and support plan, version 2");
        var v2Id = Guid.Parse(v2.Url.Split('/')[^1]);

        var again = await nurse.SubmitAsync(form, ("Reason", "Another go"));
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.ErrorSummary.ShouldBe(["Version 2 of the plan is already a draft: continue that one"]);

        var add = await nurse.SubmitAsync(await nurse.GetAsync($"/Plans/{v2Id}/Elements/New"), ("Description", "Pottery class"), ("Category", nameof(ServiceCategory.CommunityActivity)),
            ("Provider", "Arts centre"), ("UnitCost", "15.00"), ("UnitType", nameof(UnitType.Session)), ("UnitsPerWeek", "1"),
            ("StartDate.Day", "1"), ("StartDate.Month", "1"), ("StartDate.Year", "2027"), ("Deployment", nameof(Deployment.CouncilCommissioned)), ("MeetsNeed", "None"));
        add.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", add.ErrorSummary));
        (await nurse.SubmitAsync(await nurse.GetAsync($"/Plans/{v2Id}/Sections/AboutMe"), ("Text", "I live alone now"))).Status.ShouldBe(HttpStatusCode.Redirect);

        var changes = await nurse.GetAsync($"/Plans/{v2Id}/Changes");

        changes.Status.ShouldBe(HttpStatusCode.OK);
        changes.BodyText.ShouldContain("Why the plan was revised: Review found the person wants to try a pottery class");
        var sections = changes.TableRows("#sections");
        sections.ShouldContain(r => r[0] == "About me" && r[1] == "Changed" && r[3] == "Rewritten");
        sections.ShouldContain(r => r[0] == "What matters to me" && r[1] == "No change");
        var elements = changes.TableRows("#elements");
        elements.ShouldContain(r => r[0] == "Personal assistant for the allotment" && r[1] == "No change");
        elements.ShouldContain(r => r[0] == "Pottery class" && r[1] == "Added" && r[3].Contains("£15.00 a week"));
        elements[^1].ShouldBe(["Total weekly cost", "Changed", "£150.00", "£165.00"]);
        changes.TableRows("#funding").ShouldContain(r => r[0] == "Weekly cost" && r[2] == "£150.00" && r[3] == "£165.00");

        var list = await nurse.GetAsync($"/People/{person.Id}/Plans");
        list.TableRows().Select(r => r[0] + " " + r[1]).ShouldBe(["Version 2 Draft", "Version 1 Approved"]);
        list.Document.QuerySelector($"#in-force a[href='/Plans/{planId}']").ShouldNotBeNull();
        list.Document.QuerySelector($"#draft a[href='/Plans/{v2Id}']").ShouldNotBeNull();
    }
}
