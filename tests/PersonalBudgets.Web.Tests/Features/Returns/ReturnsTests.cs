using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Returns;
using PersonalBudgets.Web.Features.Budgets;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Budgets;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Returns;

/// <summary>
/// The CLD return over HTTP on each database: the data-quality report finds planted defects with the pages that fix
/// them, the analyst makes the file twice and gets the same bytes, downloads exactly what was stored, and the file has
/// the arranged person's row as written by hand and no staff name.
/// </summary>
public sealed class ReturnsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Analyst = "analyst@northmoor.example";

    private static ReturnPeriod Period => ReturnPeriod.LatestEndedBefore(UkTime.DateOf(DateTimeOffset.UtcNow));

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A completed, decided needs assessment, moved back to twenty days before the period's end; optionally without its decision.</summary>
    private async Task<Guid> AssessedInPeriodAsync(DatabaseProvider provider, Guid personId, bool decided)
    {
        await app.DecideEligibilityAsync(provider, personId, eligible: true);
        return await app.QueryAsync(provider, async db =>
        {
            var at = UkTime.StartOf(Period.End.AddDays(-20)).AddHours(10);
            var assessment = await db.Assessments.SingleAsync(a => a.PersonId == personId);
            db.Entry(assessment).Property(a => a.StartedAt).CurrentValue = at.AddDays(-5);
            db.Entry(assessment).Property(a => a.CompletedAt).CurrentValue = at;
            var determination = await db.EligibilityDeterminations.SingleAsync(d => d.PersonId == personId);
            if (decided)
            {
                db.Entry(determination).Property(d => d.ConfirmedAt).CurrentValue = at;
            }
            else
            {
                db.EligibilityDeterminations.Remove(determination);
            }

            await db.SaveChangesAsync();
            return assessment.Id;
        });
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Check_ListsEachPlantedDefect_WithTheLinkThatFixesIt(DatabaseProvider provider)
    {
        var noNhs = await app.NewPerson(provider).WithoutNhsNumber().CreateAsync();
        await AssessedInPeriodAsync(provider, noNhs.Id, decided: true);
        var undecided = await app.NewNorthPersonAsync(provider);
        var undecidedAssessment = await AssessedInPeriodAsync(provider, undecided.Id, decided: false);
        using var analyst = await app.SignedInAsync(provider, Analyst);

        var page = await analyst.GetAsync($"/Returns/Check?PeriodEnd={Iso(Period.End)}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var issues = page.Document.QuerySelectorAll("#issues tbody tr")
            .Select(tr => (Cells: tr.QuerySelectorAll("td").Select(HtmlPage.Text).ToList(), Link: tr.QuerySelector("a")?.GetAttribute("href")))
            .ToList();
        var nhs = issues.Where(i => i.Cells[0] == noNhs.PersonIdentifier).ShouldHaveSingleItem();
        nhs.Cells[2].ShouldBe("NHS Number");
        nhs.Link.ShouldBe($"/People/{noNhs.Id}/Edit");
        var outcome = issues.Where(i => i.Cells[0] == undecided.PersonIdentifier).ShouldHaveSingleItem();
        outcome.Cells[1].ShouldBe("Assessment");
        outcome.Cells[2].ShouldBe("Event Outcome");
        outcome.Link.ShouldBe($"/Assessments/{undecidedAssessment}/Eligibility");
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.ReturnChecked && a.UserName == "Aisha Begum"))).ShouldBeGreaterThan(0);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Make_TwiceWithTheSameData_StoresTheSameBytes_AndDownloadGivesThemBack(DatabaseProvider provider)
    {
        var person = await app.NewPerson(provider).WithoutNhsNumber().CreateAsync();
        var assessment = await AssessedInPeriodAsync(provider, person.Id, decided: true);
        using var analyst = await app.SignedInAsync(provider, Analyst);
        var check = await analyst.GetAsync($"/Returns/Check?PeriodEnd={Iso(Period.End)}");

        var first = await analyst.SubmitAsync(check);
        var second = await analyst.SubmitAsync(check);

        first.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", first.ErrorSummary));
        second.Status.ShouldBe(HttpStatusCode.Redirect);
        var made = await app.QueryAsync(provider, db => db.StatutoryReturns.AsNoTracking()
            .Where(r => r.PeriodEnd == Period.End).ToListAsync());
        made = made.OrderByDescending(r => r.MadeAt).Take(2).ToList();
        made.Count.ShouldBe(2);
        made[0].Content.ShouldBe(made[1].Content);
        made[0].Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(made[0].Content)));
        made[0].MadeByName.ShouldBe("Aisha Begum");
        made[0].PeriodStart.ShouldBe(Period.Start);

        var download = await analyst.Http.GetAsync($"/Returns/{made[0].Id}/Download", TestContext.Current.CancellationToken);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        bytes.ShouldBe(made[0].Content);

        // The arranged person's assessment row, field by field (hand-written values).
        var rows = CldCsv.Read(bytes);
        rows[0].ShouldBe(CldSpec.Headers);
        var row = rows.Single(r => r[4] == person.PersonIdentifier && r[24] == "Assessment");
        var day = Iso(Period.End.AddDays(-20));
        row[0].ShouldBe("999");
        row[1].ShouldBe(Iso(Period.Start));
        row[2].ShouldBe(Iso(Period.End));
        row[3].ShouldBe("");
        row[5].ShouldBe(person.LegalFirstName);
        row[6].ShouldBe(person.LegalLastName);
        row[8].ShouldBe("A81001");
        row[11].ShouldBe("1980-03-27");
        row[13].ShouldBe("Service user");
        row[14].ShouldBe("Mental health support");
        row[18].ShouldBe("No");
        row[25].ShouldBe(assessment.ToString());
        row[26].ShouldBe(Iso(Period.End.AddDays(-25)));
        row[27].ShouldBe(day);
        row[28].ShouldBe("Needs assessment");
        row[29].ShouldBe("Progress to support planning or services");
        row[31].ShouldBe("Long term assessment");
        row[32].ShouldBe("Yes");
        row[33].ShouldBe("Face to face");

        // No staff name anywhere in the file.
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var staff = await app.QueryAsync(provider, db => db.Users.Select(u => u.DisplayName).ToListAsync());
        staff.ShouldNotBeEmpty();
        foreach (var name in staff)
        {
            text.ShouldNotContain(name);
        }

        var madeIds = made.Select(m => m.Id.ToString()).ToList();
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.ReturnMade && madeIds.Contains(a.RecordId!)))).ShouldBe(2);
        var downloaded = made[0].Id.ToString();
        (await app.QueryAsync(provider, db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.ReturnDownloaded && a.RecordId == downloaded))).ShouldBe(1);

        var list = await analyst.GetAsync("/Returns");
        list.Document.QuerySelectorAll($"#returns a[href='/Returns/{made[0].Id}/Download']").Length.ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Check_WhenThePeriodIsNoEndedQuarter_Is400NamingTheField(DatabaseProvider provider)
    {
        using var analyst = await app.SignedInAsync(provider, Analyst);

        var notQuarter = await analyst.GetAsync("/Returns/Check?PeriodEnd=2026-09-29");
        var notDate = await analyst.GetAsync("/Returns/Check?PeriodEnd=soon");
        var future = await analyst.GetAsync($"/Returns/Check?PeriodEnd={Iso(Period.End.AddDays(1).AddMonths(3).AddDays(-1))}");

        notQuarter.Status.ShouldBe(HttpStatusCode.BadRequest);
        notQuarter.ErrorSummary.ShouldHaveSingleItem().ShouldContain("Choose the last day of a quarter");
        notQuarter.Document.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href").ShouldBe("#PeriodEnd");
        notQuarter.Document.GetElementById("PeriodEnd").ShouldNotBeNull();
        notDate.Status.ShouldBe(HttpStatusCode.BadRequest);
        notDate.ErrorSummary.ShouldHaveSingleItem().ShouldContain("Choose the quarter");
        future.Status.ShouldBe(HttpStatusCode.BadRequest);
        future.ErrorSummary.ShouldHaveSingleItem().ShouldContain("Choose a quarter that has ended");
        var ascof = await analyst.GetAsync("/Returns/Ascof?PeriodEnd=0");
        ascof.Status.ShouldBe(HttpStatusCode.BadRequest);
        ascof.ErrorSummary.ShouldHaveSingleItem().ShouldContain("Choose the quarter");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Ascof_ForTheDemoQuarter_ShowsFiguresAndPseudonymsOnly(DatabaseProvider provider)
    {
        using var analyst = await app.SignedInAsync(provider, Analyst);

        var page = await analyst.GetAsync($"/Returns/Ascof?PeriodEnd={Iso(Period.End)}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var total = page.TableRows("#clients tbody").Single(r => r[0] == "Total");
        int.Parse(total[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        var people = page.TableRows("#client-people tbody");
        people.ShouldNotBeEmpty();
        people.ShouldAllBe(r => r[0].StartsWith("P-"));
        var identifiers = await app.QueryAsync(provider, db => db.People.Select(p => p.PersonIdentifier).ToListAsync());
        foreach (var identifier in identifiers)
        {
            page.Html.ShouldNotContain(identifier);
        }
    }
}
