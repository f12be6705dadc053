using System.Net;
using System.Text.RegularExpressions;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Pathway;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.People;

/// <summary>The key worker picker offers only staff who plan support (not panel members or finance officers), each with their caseload.</summary>
public sealed partial class KeyWorkerPickerTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ThePickerOffersPractitionersWithTheirCaseload_AndRefusesAPanelMember(DatabaseProvider provider)
    {
        var person = await app.NewPerson(provider).WithoutKeyWorker().CreateAsync();
        var panelId = await app.UserIdAsync(provider, DemoAccounts.Panel);
        var financeId = await app.UserIdAsync(provider, DemoAccounts.Finance);
        var nurseId = await app.UserIdAsync(provider, DemoAccounts.NorthNurse);
        using var manager = await app.SignedInAsync(provider, DemoAccounts.NorthManager);

        var page = await manager.GetAsync($"/People/{person.Id}/Allocation");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector($"#KeyWorkerId option[value='{panelId}']").ShouldBeNull();
        page.Document.QuerySelector($"#KeyWorkerId option[value='{financeId}']").ShouldBeNull();
        var nurse = page.Document.QuerySelector($"#KeyWorkerId option[value='{nurseId}']").ShouldNotBeNull().TextContent;
        var caseload = int.Parse(Caseload().Match(nurse).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var expected = await app.QueryAsync(provider, db => Task.FromResult(db.People.Count(p => p.KeyWorkerId == nurseId)));
        caseload.ShouldBe(expected);

        var refused = await manager.SubmitAsync(page, ("KeyWorkerId", panelId.ToString()), ("Reason", "Panel member"));
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.ErrorSummary.ShouldBe(["The key worker must be a practitioner or team manager who plans support. Choose someone from the list"]);

        var saved = await manager.SubmitAsync(page, ("KeyWorkerId", nurseId.ToString()), ("Reason", null));
        saved.Status.ShouldBe(HttpStatusCode.Redirect);
        var after = await manager.GetAsync($"/People/{person.Id}/Allocation");
        var nurseAfter = after.Document.QuerySelector($"#KeyWorkerId option[value='{nurseId}']").ShouldNotBeNull().TextContent;
        int.Parse(Caseload().Match(nurseAfter).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(expected + 1);
    }

    [GeneratedRegex(@"key worker for (\d+) (?:person|people)$")]
    private static partial Regex Caseload();
}
