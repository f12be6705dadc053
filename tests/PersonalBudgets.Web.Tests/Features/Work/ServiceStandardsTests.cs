using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Work;

/// <summary>Administrators change the service standards as new versions; changes apply to new due dates only.</summary>
public sealed class ServiceStandardsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Admin = "admin@northmoor.example";

    /// <summary>Continues from the form to the check step, then publishes what it shows.</summary>
    private static async Task<HtmlPage> PublishAsync(Browser admin, HtmlPage form, params (string Name, string? Value)[] changes)
    {
        var check = await admin.SubmitAsync(form, changes);
        check.Status.ShouldBe(HttpStatusCode.OK, string.Join("; ", check.ErrorSummary));
        check.Heading.ShouldBe("Check the new standards before publishing them");
        return await admin.SubmitAsync(check);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Standards_FirstSaveIsVersionOne_ChangesNeedAReasonAndValidValues_AndApplyToNewDueDatesOnly(DatabaseProvider provider)
    {
        using var admin = await app.SignedInAsync(provider, Admin);
        var page = await admin.GetAsync("/Admin/ServiceStandards");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.SummaryValue("Version").ShouldBe("The defaults (no version saved yet)");
        page.SummaryValue("Needs assessment").ShouldBe("28 days from referral");

        var first = await PublishAsync(admin, page);
        first.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", first.ErrorSummary));
        page = await admin.FollowAsync(first);
        page.SummaryValue("Version")!.ShouldStartWith("Version 1, by");
        page.SummaryValue("Team manager's weekly limit").ShouldBe("£400.00");

        var noReason = await admin.SubmitAsync(page, ("Input.AssessmentDaysFromReferral", "21"));
        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReason.ErrorSummary.ShouldBe(["Enter why the service standards are changing"]);

        var invalid = await admin.SubmitAsync(page, ("Input.FirstReviewWeeksAfterStart", "10"), ("Input.TeamManagerWeeklyLimit", "lots"), ("Input.ReviewMonths", "13"), ("Reason", "Trying"));
        invalid.Status.ShouldBe(HttpStatusCode.BadRequest);
        invalid.ErrorSummary.ShouldBe([
            "The first review must be due 6 to 8 weeks after support starts",
            "Reviews must be at least every 12 months: enter 1 to 12",
            "The team manager's weekly limit must be an amount of money in pounds and pence, like 4.50",
        ]);
        invalid.FieldError("Input_ReviewMonths").ShouldBe("Reviews must be at least every 12 months: enter 1 to 12");
        invalid.InputValue("Input_TeamManagerWeeklyLimit").ShouldBe("lots");

        var tooMuch = await admin.SubmitAsync(page, ("Input.TeamManagerWeeklyLimit", "200000"), ("Reason", "Trying"));
        tooMuch.Status.ShouldBe(HttpStatusCode.BadRequest);
        tooMuch.ErrorSummary.ShouldBe(["The team manager's weekly limit must be between £0 and £100,000, in pounds and pence"]);

        // A step open before the change keeps its due date.
        var before = await app.NewNorthPersonAsync(provider);
        var keptDue = PathwayArrange.Today.AddDays(28);
        var existing = await app.OpenStepAsync(provider, before.Id, PathwayStage.Referral, keptDue);

        using var otherAdmin = await app.SignedInAsync(provider, Admin);
        var stale = await otherAdmin.GetAsync("/Admin/ServiceStandards");
        var changed = await PublishAsync(admin, page, ("Input.AssessmentDaysFromReferral", "21"), ("Input.TeamManagerWeeklyLimit", "450.50"), ("Reason", "Council decision of March"));
        changed.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", changed.ErrorSummary));
        page = await admin.FollowAsync(changed);
        page.SummaryValue("Version")!.ShouldStartWith("Version 2, by");
        page.SummaryValue("Reason").ShouldBe("Council decision of March");
        page.SummaryValue("Needs assessment").ShouldBe("21 days from referral");
        page.SummaryValue("Team manager's weekly limit").ShouldBe("£450.50");
        page.TableRows().ShouldHaveSingleItem()[0].ShouldBe("1");

        var conflict = await otherAdmin.SubmitAsync(stale, ("Input.ApprovalWorkingDays", "8"), ("Reason", "Faster approvals"));
        conflict.Status.ShouldBe(HttpStatusCode.Conflict);
        conflict.ErrorSummary.Single().ShouldStartWith("This record was changed by");
        conflict.InputValue("Input_ApprovalWorkingDays").ShouldBe("8");

        (await app.QueryAsync(provider, db => db.PathwaySteps.AsNoTracking().SingleAsync(s => s.Id == existing))).DueDate.ShouldBe(keptDue);
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var referral = PathwayArrange.Today.AddDays(-1);
        var referred = await nurse.SubmitAsync(await nurse.GetAsync($"/People/{person.Id}/Pathway/Refer"),
            ("ReferralDate.Day", referral.Day.ToString()), ("ReferralDate.Month", referral.Month.ToString()), ("ReferralDate.Year", referral.Year.ToString()),
            ("Participation", "InPerson"), ("OwnerId", (await app.UserIdAsync(provider, DemoAccounts.NorthNurse)).ToString()));
        referred.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", referred.ErrorSummary));
        (await app.StepsAsync(provider, person.Id)).Single().DueDate.ShouldBe(referral.AddDays(21));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Standards_AreRefusedToAPractitionerAndATeamManager(DatabaseProvider provider)
    {
        foreach (var account in new[] { DemoAccounts.NorthNurse, DemoAccounts.NorthManager })
        {
            using var browser = await app.SignedInAsync(provider, account);
            var page = await browser.GetAsync("/Admin/ServiceStandards");
            page.Status.ShouldBe(HttpStatusCode.Redirect, account);
            page.Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        }
    }
}
