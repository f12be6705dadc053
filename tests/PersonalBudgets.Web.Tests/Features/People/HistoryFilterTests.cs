using System.Net;
using AngleSharp.Html.Dom;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.People;

/// <summary>The History tab shows changes by default; views of the record only when asked (issue 11, item 16).</summary>
public sealed class HistoryFilterTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task History_ShowsChangesOnly_UntilViewsAreAskedFor_ByAGetForm(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.GetAsync($"/People/{person.Id}")).Status.ShouldBe(HttpStatusCode.OK);
        (await nurse.GetAsync($"/People/{person.Id}")).Status.ShouldBe(HttpStatusCode.OK);
        var form = await nurse.GetAsync($"/People/{person.Id}/Edit");
        (await nurse.SubmitAsync(form, [.. TestData.NotDied, ("Input.Town", "Newtown"), ("Reason", "New address")])).Status.ShouldBe(HttpStatusCode.Redirect);

        var changes = await nurse.GetAsync($"/People/{person.Id}/History");

        changes.Status.ShouldBe(HttpStatusCode.OK);
        var what = changes.TableRows().Select(r => r[2]).ToList();
        what.ShouldContain("Changed details");
        what.ShouldNotContain(w => w.StartsWith("Viewed record", StringComparison.Ordinal));
        var filter = changes.Document.GetElementById("history-filter").ShouldNotBeNull();
        filter.GetAttribute("method").ShouldBe("get");
        var box = (IHtmlInputElement)filter.QuerySelector("input[type=checkbox]").ShouldNotBeNull();
        box.Value.ShouldBe("views");
        box.IsChecked.ShouldBeFalse();

        var all = await nurse.GetAsync($"/People/{person.Id}/History?show=views");

        all.Status.ShouldBe(HttpStatusCode.OK);
        var allWhat = all.TableRows().Select(r => r[2]).ToList();
        allWhat.Count(w => w.StartsWith("Viewed record", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(3, "two opens of the record and the history itself");
        allWhat.ShouldContain("Changed details");
        ((IHtmlInputElement)all.Document.QuerySelector("#history-filter input[type=checkbox]")!).IsChecked.ShouldBeTrue();
    }
}
