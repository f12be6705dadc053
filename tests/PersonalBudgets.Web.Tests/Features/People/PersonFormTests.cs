using System.Net;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.People;

/// <summary>The person form as it first appears, before anything is typed.</summary>
public sealed class PersonFormTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] EmptyDateBoxes =
    [
        "Input_DateOfDeath", "Input_DateOfDeath-month", "Input_DateOfDeath-year",
        "Input_Section117StartDate", "Input_Section117StartDate-month", "Input_Section117StartDate-year",
        "Input_Section117EndDate", "Input_Section117EndDate-month", "Input_Section117EndDate-year",
    ];

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task GetCreate_ShowsEveryDateBoxEmpty(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var form = await browser.GetAsync("/People/Create");

        form.Status.ShouldBe(HttpStatusCode.OK);
        foreach (var id in EmptyDateBoxes.Concat(["Input_DateOfBirth", "Input_DateOfBirth-month", "Input_DateOfBirth-year"]))
        {
            form.InputValue(id).ShouldBe("", id);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task GetEdit_ForALivingPersonWithoutSection117_ShowsThoseDateBoxesEmpty(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var form = await browser.GetAsync($"/People/{person.Id}/Edit");

        form.Status.ShouldBe(HttpStatusCode.OK);
        foreach (var id in EmptyDateBoxes)
        {
            form.InputValue(id).ShouldBe("", id);
        }
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PostEdit_WithTheFormAsShown_SavesWithoutErrors(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync($"/People/{person.Id}/Edit");

        var result = await browser.SubmitAsync(form, ("Input.PhoneNumber", "01632 960444"));

        result.ErrorSummary.ShouldBeEmpty();
        result.Status.ShouldBe(HttpStatusCode.Redirect);
    }
}
