using System.Net;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.People;

public sealed class EditPersonTests(AppFixture app) : IClassFixture<AppFixture>
{

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_Change_ShowsOnTheRecordAndOnHistoryWithBeforeAndAfter(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync($"/People/{person.Id}/Edit");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var townBefore = form.InputValue("Input_Town").ShouldNotBeNull();

        var redirect = await browser.SubmitAsync(form, [.. TestData.NotDied, ("Input.Town", "Newtown"), ("Reason", "The person told us their new address")]);

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        redirect.Location.ShouldBe($"/People/{person.Id}");
        var record = await browser.FollowAsync(redirect);
        record.BodyText.ShouldContain("Record updated");
        record.SummaryValue("Address").ShouldNotBeNull().ShouldContain("Newtown");

        var history = await browser.GetAsync($"/People/{person.Id}/History");
        var change = history.TableRows().Where(r => r[2] == "Changed details").ShouldHaveSingleItem();
        change[1].ShouldBe(DemoAccounts.NorthNurseName);
        change[3].ShouldContain($"Town or city: {townBefore} to Newtown");
        change[3].ShouldContain("Reason: The person told us their new address");
        change[3].ShouldNotContain("Legal first name");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WithNothingChanged_SavesNothing(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync($"/People/{person.Id}/Edit");

        var record = await browser.FollowAsync(await browser.SubmitAsync(form, TestData.NotDied));

        record.BodyText.ShouldContain("No changes to save");
        var history = await browser.GetAsync($"/People/{person.Id}/History");
        history.TableRows().ShouldNotContain(r => r[2] == "Changed details");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WhenSomeoneElseSavedFirst_Is409NamingThemAndKeepsTheirChange(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var socialWorker = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        var nurseForm = await nurse.GetAsync($"/People/{person.Id}/Edit");
        var socialWorkerForm = await socialWorker.GetAsync($"/People/{person.Id}/Edit");
        nurseForm.InputValue("Version").ShouldBe(socialWorkerForm.InputValue("Version"));

        var first = await nurse.SubmitAsync(nurseForm, [.. TestData.NotDied, ("Input.PhoneNumber", "01632 960111")]);
        var second = await socialWorker.SubmitAsync(socialWorkerForm, [.. TestData.NotDied, ("Input.PhoneNumber", "01632 960222")]);

        first.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", first.ErrorSummary));
        second.Status.ShouldBe(HttpStatusCode.Conflict);
        second.ErrorSummary.ShouldHaveSingleItem().ShouldStartWith($"This record was changed by {DemoAccounts.NorthNurseName}");
        second.BodyText.ShouldContain("Your changes that were not saved");
        second.TableRows().ShouldContain(r => r.Count == 3 && r[0] == "Phone number" && r[1] == "01632 960222" && r[2] == "01632 960111");
        second.InputValue("Input_PhoneNumber").ShouldBe("01632 960111", "the form is reloaded from the record as now saved");

        var record = await socialWorker.GetAsync($"/People/{person.Id}");
        record.SummaryValue("Phone number").ShouldBe("01632 960111");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_AfterAConflict_SavesFromTheReloadedForm(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var socialWorker = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        var nurseForm = await nurse.GetAsync($"/People/{person.Id}/Edit");
        var socialWorkerForm = await socialWorker.GetAsync($"/People/{person.Id}/Edit");
        (await nurse.SubmitAsync(nurseForm, [.. TestData.NotDied, ("Input.Town", "Firsttown")])).Status.ShouldBe(HttpStatusCode.Redirect);
        var conflict = await socialWorker.SubmitAsync(socialWorkerForm, [.. TestData.NotDied, ("Input.PhoneNumber", "01632 960333")]);
        conflict.Status.ShouldBe(HttpStatusCode.Conflict);

        var retry = await socialWorker.SubmitAsync(conflict, [.. TestData.NotDied, ("Input.PhoneNumber", "01632 960333")]);

        retry.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", retry.ErrorSummary));
        var record = await socialWorker.FollowAsync(retry);
        record.SummaryValue("Phone number").ShouldBe("01632 960333");
        record.SummaryValue("Address").ShouldNotBeNull().ShouldContain("Firsttown");
    }
}
