using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Work;

/// <summary>The check step before publishing service standards: each standard beside the version in force, nothing saved until confirmed.</summary>
public sealed class ServiceStandardsCheckTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Admin = "admin@northmoor.example";

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Standards_CheckStep_ComparesEachStandardWithTheVersionInForce_SavesNothing_AndChangeGoesBackWithWhatWasTyped(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, Admin);
        var form = await admin.GetAsync("/Admin/ServiceStandards");
        var versionsBefore = await app.QueryAsync(provider, db => db.ServiceStandardsVersions.CountAsync());
        var inForce = form.SummaryValue("Approval decided");

        var check = await admin.SubmitAsync(form, ("Input.ApprovalWorkingDays", "7"), ("Input.ReviewMonths", "6"), ("Reason", "Faster approvals, closer reviews"));

        check.Status.ShouldBe(HttpStatusCode.OK, string.Join("; ", check.ErrorSummary));
        check.Heading.ShouldBe("Check the new standards before publishing them");
        var rows = check.TableRows("#comparison");
        rows.Count.ShouldBe(10);
        rows.Where(r => r[3] == "Changed").Select(r => r[0]).ShouldBe(["Approval decided", "Reviews"]);
        rows.Single(r => r[0] == "Approval decided").ShouldBe(["Approval decided", inForce!, "7 working days", "Changed"]);
        rows.Single(r => r[0] == "Reviews")[2].ShouldBe("At least every 6 months");
        check.BodyText.ShouldContain("2 of 10 standards change.");
        check.SummaryValue("Reason").ShouldBe("Faster approvals, closer reviews");
        (await app.QueryAsync(provider, db => db.ServiceStandardsVersions.CountAsync())).ShouldBe(versionsBefore);

        var back = await admin.PostAsync("/Admin/ServiceStandards?handler=Change",
            [.. check.Document.QuerySelectorAll("#comparison ~ .govuk-grid-row form input").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))]);
        back.Status.ShouldBe(HttpStatusCode.OK);
        back.InputValue("Input_ApprovalWorkingDays").ShouldBe("7");
        back.InputValue("Input_ReviewMonths").ShouldBe("6");
        HtmlPage.Text(back.Document.GetElementById("Reason")).ShouldBe("Faster approvals, closer reviews");
        (await app.QueryAsync(provider, db => db.ServiceStandardsVersions.CountAsync())).ShouldBe(versionsBefore);

        var published = await admin.SubmitAsync(check);
        published.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", published.ErrorSummary));
        (await admin.FollowAsync(published)).SummaryValue("Approval decided").ShouldBe("7 working days");
        (await app.QueryAsync(provider, db => db.ServiceStandardsVersions.CountAsync())).ShouldBe(versionsBefore + 1);
    }
}
