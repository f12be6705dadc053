using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Providers;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Monitoring;

/// <summary>
/// The direct payment monitoring page with more than one account: each account's forms have their own ids, labels
/// point at their own account's fields, and an error on one account's form lands on (and the error summary links to)
/// that account's field, not the first account's.
/// </summary>
public sealed class MonitoringPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>£100 a week net, closing at £1,250 (12.5 weeks: a surplus flag), so a reclaim of up to £850 can be given notice of.</summary>
    private static string Statement =>
        "Date,Description,Amount,Balance,Merchant category\n"
        + $"{Today.AddDays(-20):yyyy-MM-dd},Council payment,400.00,1310.00,\n"
        + $"{Today.AddDays(-3):yyyy-MM-dd},Gym,-60.00,1250.00,Sports clubs\n";

    private static async Task<Guid> AccountAsync(HttpClient finance, Guid personId, string kind, string reference)
    {
        var account = await ProvidersApiTests.JsonAsync(await finance.PostAsJsonAsync($"/api/v1/people/{personId}/dp-accounts",
            new { kind, accountReference = reference, weeklyNetPayment = 100m, openedOn = Today.AddDays(-120) }, Ct), HttpStatusCode.Created);
        var id = account.GetProperty("id").GetGuid();
        await ProvidersApiTests.JsonAsync(await finance.PostAsJsonAsync($"/api/v1/people/{personId}/dp-accounts/{id}/statements",
            new { fileName = $"{kind}.csv", content = Statement }, Ct), HttpStatusCode.OK);
        return id;
    }

    private static void ShouldHaveUniqueIdsAndLabelsForTheirFields(IDocument document)
    {
        var ids = document.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        ids.Count.ShouldBe(ids.Distinct().Count(), "duplicate ids: " + string.Join(", ", ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key)));
        foreach (var label in document.QuerySelectorAll("label[for]"))
        {
            document.GetElementById(label.GetAttribute("for")!).ShouldNotBeNull($"the label '{label.TextContent.Trim()}' points at no field");
        }

        foreach (var link in document.QuerySelectorAll(".govuk-error-summary__list a[href^='#']"))
        {
            document.GetElementById(link.GetAttribute("href")![1..]).ShouldNotBeNull($"the error summary's link {link.GetAttribute("href")} points at no field");
        }
    }

    private static IHtmlFormElement ReclaimForm(HtmlPage page, Guid accountId) =>
        (IHtmlFormElement)page.Document.QuerySelectorAll("form[action*='handler=Reclaim']")
            .Single(f => string.Equals(f.QuerySelector("input[name='AccountId']")?.GetAttribute("value"), accountId.ToString(), StringComparison.OrdinalIgnoreCase));

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task TwoAccounts_HaveNoDuplicateIds_AndAnErrorOnTheSecondAccountsReclaimLinksToItsField(DatabaseProvider provider)
    {
        using var finance = await app.SignedInAsync(provider, DemoAccounts.Finance);
        var person = await app.NewNorthPersonAsync(provider);
        // The same reference for both kinds of account (references are unique per kind), with a space in it.
        var reference = $"AC {Guid.NewGuid():N}"[..16];
        var first = await AccountAsync(finance.Http, person.Id, "PrepaidCard", reference);
        var second = await AccountAsync(finance.Http, person.Id, "ManagedAccount", reference);

        // A third account with no statement yet offers no reclaim (it is worked out from the balance) and says why.
        var third = await ProvidersApiTests.JsonAsync(await finance.Http.PostAsJsonAsync($"/api/v1/people/{person.Id}/dp-accounts",
            new { kind = "ManagedAccount", accountReference = $"MA-{Guid.NewGuid():N}"[..16], weeklyNetPayment = 50m, openedOn = Today.AddDays(-7) }, Ct), HttpStatusCode.Created);

        var page = await finance.GetAsync($"/People/{person.Id}/Monitoring");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelectorAll("form[action*='handler=Reclaim']").Length.ShouldBe(2);
        HtmlPage.Text(page.Document.GetElementById($"reclaim-needs-statement-{third.GetProperty("id").GetGuid()}")).ShouldStartWith("Import a statement first");
        page.Document.QuerySelectorAll("form[action*='handler=Resolve']").Length.ShouldBeGreaterThanOrEqualTo(2);
        ShouldHaveUniqueIdsAndLabelsForTheirFields(page.Document);

        // Too much for the second account, with a reason typed: refused, on the second account's field only.
        var fields = Browser.FormFields(ReclaimForm(page, second));
        var prefix = $"Reclaims[{second}]";
        fields.RemoveAll(f => f.Key.StartsWith(prefix, StringComparison.Ordinal));
        fields.AddRange([new($"{prefix}.Amount", "900"), new($"{prefix}.Method", "Invoiced"), new($"{prefix}.Reason", "Unspent for months")]);
        var refused = await finance.PostAsync(ReclaimForm(page, second).GetAttribute("action")!, fields);
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldHaveUniqueIdsAndLabelsForTheirFields(refused.Document);
        var amountId = $"Reclaims_{second}__Amount";
        refused.Document.QuerySelector(".govuk-error-summary__list a").ShouldNotBeNull().GetAttribute("href").ShouldBe($"#{amountId}");
        refused.FieldError(amountId).ShouldNotBeNull().ShouldStartWith("The most that can be reclaimed is £850.00");
        refused.Document.QuerySelectorAll(".govuk-form-group--error").Length.ShouldBe(1);
        refused.FieldError($"Reclaims_{first}__Amount").ShouldBeNull();
        refused.InputValue(amountId).ShouldBe("900");
        refused.Document.GetElementById($"Reclaims_{second}__Reason").ShouldNotBeNull().TextContent.Trim().ShouldBe("Unspent for months");
        refused.Document.GetElementById($"Reclaims_{first}__Reason").ShouldNotBeNull().TextContent.Trim().ShouldBeEmpty();

        // Nothing filled in on the first account's form: every problem at once, each naming the first account's own field.
        var empty = await finance.PostAsync(ReclaimForm(page, first).GetAttribute("action")!, Browser.FormFields(ReclaimForm(page, first)));
        empty.Status.ShouldBe(HttpStatusCode.BadRequest);
        empty.Document.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href"))
            .ShouldBe([$"#Reclaims_{first}__Amount", $"#Reclaims_{first}__Method", $"#Reclaims_{first}__Reason"]);
        ShouldHaveUniqueIdsAndLabelsForTheirFields(empty.Document);
        (await app.QueryAsync(provider, db => db.Reclaims.CountAsync(r => r.PersonId == person.Id))).ShouldBe(0);

        // Corrected, the notice is given for the second account only.
        var corrected = fields.Where(f => f.Key != $"{prefix}.Amount").Append(new($"{prefix}.Amount", "850")).ToList();
        var saved = await finance.PostAsync(ReclaimForm(page, second).GetAttribute("action")!, corrected);
        saved.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var reclaims = await app.QueryAsync(provider, db => db.Reclaims.AsNoTracking().Where(r => r.PersonId == person.Id).Select(r => new { r.AccountId, r.Amount, r.Reason }).ToListAsync());
        reclaims.ShouldHaveSingleItem().ShouldBe(new { AccountId = second, Amount = 850m, Reason = "Unspent for months" });
        var after = await finance.FollowAsync(saved);
        after.TableRows($"#reclaims-{second}").ShouldHaveSingleItem()[0].ShouldBe("£850.00");
        after.Document.GetElementById($"reclaims-{first}").ShouldBeNull();
        ShouldHaveUniqueIdsAndLabelsForTheirFields(after.Document);
    }
}
