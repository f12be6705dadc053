using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Carers;

/// <summary>
/// The cared-for person's record lists their carers who have records of their own, each with a link and their pathway
/// stage, audited as any list of people; the carer's pages say whom they care for, with a link only for someone who may
/// open that person's record.
/// </summary>
public sealed class CarersOnTheRecordTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Listed = "Listed among the carers on the record of the person they care for";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task ThePersonsRecord_ListsTheirCarers_WithLinksAndPathwayStage_AndAuditsTheListing(DatabaseProvider provider)
    {
        var carer = await app.EligibleCarerWithOwnRecordAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var record = await nurse.GetAsync($"/People/{carer.CaredFor.Id}");
        record.Status.ShouldBe(HttpStatusCode.OK);
        record.Document.GetElementById("carers").ShouldNotBeNull().TextContent.ShouldBe("Carers");
        record.SummaryValue(carer.CarerName).ShouldNotBeNull().ShouldStartWith("Sister · pathway: Indicative budget");
        record.Document.QuerySelector($"a[href='/People/{carer.CarerId}']").ShouldNotBeNull();
        record.Document.QuerySelector($"a[href='/People/{carer.CarerId}/Pathway']").ShouldNotBeNull();
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.PersonId == carer.CarerId && a.Action == AuditAction.Viewed && a.Summary == Listed, Ct)))
            .ShouldBe(1);

        // The carer's record says whom they care for, with a link to that person's record.
        var carersRecord = await nurse.GetAsync($"/People/{carer.CarerId}");
        carersRecord.Status.ShouldBe(HttpStatusCode.OK);
        var carerOf = carersRecord.Document.GetElementById("carer-of").ShouldNotBeNull();
        HtmlPage.Text(carerOf).ShouldBe($"Carer Carer of {carer.CaredFor.DisplayName}: this carer's own pathway, budget and plan");
        carerOf.QuerySelector($"a[href='/People/{carer.CaredFor.Id}']").ShouldNotBeNull();

        // Someone with no carers listed has no carers section.
        var other = await app.NewNorthPersonAsync(provider);
        (await nurse.GetAsync($"/People/{other.Id}")).Document.GetElementById("carers").ShouldBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task UnderBreakGlass_NeitherRecordLinksToTheOtherUnlessTheViewerMayOpenIt(DatabaseProvider provider)
    {
        var carer = await app.EligibleCarerWithOwnRecordAsync(provider);
        using var ot = await app.SignedInAsync(provider, DemoAccounts.SouthOt);

        // Break-glass to the carer's record alone: it names the person cared for, without a link to a record the OT may not open.
        await BreakGlassAsync(ot, carer.CarerId);
        var carersRecord = await ot.GetAsync($"/People/{carer.CarerId}");
        carersRecord.Status.ShouldBe(HttpStatusCode.OK);
        var carerOf = carersRecord.Document.GetElementById("carer-of").ShouldNotBeNull();
        HtmlPage.Text(carerOf).ShouldContain($"Carer of {carer.CaredFor.DisplayName}");
        carerOf.QuerySelector("a").ShouldBeNull();

        // Break-glass to the cared-for person: the carer is named, but neither linked nor their stage shown, and not audited as seen.
        var otherCarer = await app.EligibleCarerWithOwnRecordAsync(provider);
        await BreakGlassAsync(ot, otherCarer.CaredFor.Id);
        var record = await ot.GetAsync($"/People/{otherCarer.CaredFor.Id}");
        record.Status.ShouldBe(HttpStatusCode.OK);
        record.SummaryValue(otherCarer.CarerName).ShouldBe("You do not work with this carer's record.");
        record.Document.QuerySelector($"a[href^='/People/{otherCarer.CarerId}']").ShouldBeNull();
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.PersonId == otherCarer.CarerId && a.Summary == Listed, Ct))).ShouldBe(0);
    }

    private static async Task BreakGlassAsync(Browser browser, Guid personId)
    {
        var form = await browser.GetAsync($"/People/{personId}/BreakGlass");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var granted = await browser.SubmitAsync(form, ("Reason", "Carer arrived in crisis at the south team base"));
        granted.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", granted.ErrorSummary));
    }
}
