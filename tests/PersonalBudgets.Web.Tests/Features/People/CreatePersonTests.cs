using System.Net;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.People;

public sealed class CreatePersonTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WithValidDetails_CreatesTheRecordAndShowsIt(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync("/People/Create");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var values = TestData.ValidPersonForm("Jordan", "Newperson");
        values["Input.PreferredName"] = "Jo";

        var redirect = await browser.SubmitAsync(form, values);

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        redirect.Location.ShouldNotBeNull().ShouldMatch("^/People/[0-9a-f-]{36}$");
        var record = await browser.FollowAsync(redirect);
        record.Status.ShouldBe(HttpStatusCode.OK);
        record.Heading.ShouldBe("Jo Newperson");
        record.BodyText.ShouldContain("Record created");
        record.BodyText.ShouldContain("North Community Mental Health Team");
        record.SummaryValue("Legal name").ShouldBe("Jordan Newperson");
        record.SummaryValue("Preferred name").ShouldBe("Jo");
        record.SummaryValue("Date of birth").ShouldBe("27 March 1980");
        record.SummaryValue("NHS number").ShouldBe(values["Input.NhsNumber"]);
        record.SummaryValue("Council person identifier").ShouldBe(values["Input.PersonIdentifier"]);
        record.SummaryValue("GP practice code").ShouldBe("A81001");
        record.SummaryValue("Gender").ShouldBe("Female");
        record.SummaryValue("Ethnicity").ShouldBe("White: Irish");
        record.SummaryValue("Address").ShouldBe("1 Test Street Northmoor NM1 1AB");
        record.SummaryValue("Section 117 aftercare").ShouldBe("Not eligible");

        var history = await browser.GetAsync($"{redirect.Location}/History");
        history.TableRows().ShouldContain(r => r[1] == DemoAccounts.NorthNurseName && r[2] == "Created record");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WithInvalidValues_Is400WithErrorsAndKeepsWhatWasTyped(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync("/People/Create");
        var longName = new string('A', 101);
        var values = TestData.ValidPersonForm(longName, "Invalid");
        values["Input.NhsNumber"] = "943 476 5918";
        values["Input.DateOfBirth.Day"] = "31";
        values["Input.DateOfBirth.Month"] = "2";
        values["Input.DateOfBirth.Year"] = "2000";

        var page = await browser.SubmitAsync(form, values);

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(
        [
            "Legal first name must be 100 characters or fewer",
            "Date of birth must be a real date",
            "Enter a valid NHS number, like 943 476 5919",
        ], ignoreOrder: true);
        page.FieldError("Input_LegalFirstName").ShouldBe("Legal first name must be 100 characters or fewer");
        page.FieldError("Input_NhsNumber").ShouldBe("Enter a valid NHS number, like 943 476 5919");
        page.FieldError("Input_DateOfBirth").ShouldBe("Date of birth must be a real date");
        page.InputValue("Input_LegalFirstName").ShouldBe(longName);
        page.InputValue("Input_NhsNumber").ShouldBe("943 476 5918");
        page.InputValue("Input_DateOfBirth").ShouldBe("31");
        page.InputValue("Input_DateOfBirth-month").ShouldBe("2");
        page.InputValue("Input_DateOfBirth-year").ShouldBe("2000");
        page.InputValue("Input_PersonIdentifier").ShouldBe(values["Input.PersonIdentifier"]);
        page.InputValue("Input_Postcode").ShouldBe("nm1 1ab");
        (await app.QueryAsync(provider, db => Task.FromResult(db.People.Any(p => p.PersonIdentifier == values["Input.PersonIdentifier"])))).ShouldBeFalse();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WithAnNhsNumberAlreadyInUse_Is400WithError(DatabaseProvider provider)
    {
        var existing = await app.NewSouthPersonAsync(provider);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync("/People/Create");
        var values = TestData.ValidPersonForm("Dupli", "Cate");
        values["Input.NhsNumber"] = existing.NhsNumber;

        var page = await browser.SubmitAsync(form, values);

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(["Another person already has this NHS number. Search for them instead of creating a new record"]);
    }
}
