using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Staff;
using PersonalBudgets.Web.Features.DemoData;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.Eligibility;

/// <summary>Recording that a personal budget and a direct payment were explained and offered, or why not.</summary>
public sealed class OfferTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Question = "Select whether a personal budget and a direct payment were explained and offered";

    private async Task<(TestPerson Person, Guid AssessmentId)> DecidedAsync(DatabaseProvider provider, int index)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var assessmentId = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2);
        await app.DecideAsync(provider, assessmentId);
        return (person, assessmentId);
    }

    private static string NewOfferUrl(TestPerson person, Guid assessmentId) => $"/People/{person.Id}/Offers/New?stage=Eligibility&assessmentId={assessmentId}";

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_RevealsTheResponseUnderYes_AndTheReasonUnderNo_NothingPreselected(DatabaseProvider provider)
    {
        var (person, assessmentId) = await DecidedAsync(provider, 8);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var form = await browser.GetAsync(NewOfferUrl(person, assessmentId));

        var yes = form.Document.QuerySelector("input[name=Offered][value=true]").ShouldNotBeNull();
        var no = form.Document.QuerySelector("input[name=Offered][value=false]").ShouldNotBeNull();
        form.Document.QuerySelectorAll("input[type=radio][checked]").ShouldBeEmpty();
        var ifYes = form.Document.GetElementById(yes.GetAttribute("data-aria-controls")!).ShouldNotBeNull();
        var ifNo = form.Document.GetElementById(no.GetAttribute("data-aria-controls")!).ShouldNotBeNull();
        ifYes.ClassList.ShouldContain("govuk-radios__conditional");
        ifYes.ClassList.ShouldContain("govuk-radios__conditional--hidden");
        ifYes.QuerySelectorAll("input[name=PersonResponse]").Length.ShouldBe(Enum.GetValues<OfferResponse>().Length);
        ifYes.QuerySelector("input[name=NotOfferedReason]").ShouldBeNull();
        ifNo.QuerySelectorAll("input[name=NotOfferedReason]").Length.ShouldBe(Enum.GetValues<NotOfferedReason>().Length);
        ifNo.QuerySelector("input[name=PersonResponse]").ShouldBeNull();
        form.Document.QuerySelector("input[name=Offered]")!.ParentElement!.ParentElement!.ClassList.ShouldNotContain("govuk-radios--inline");

        // After "No" is chosen and refused, its questions show without waiting for the script.
        var refused = await browser.SubmitAsync(form, ("Offered", "false"));
        refused.Document.GetElementById(no.GetAttribute("data-aria-controls")!)!.ClassList.ShouldNotContain("govuk-radios__conditional--hidden");
        refused.Document.GetElementById(yes.GetAttribute("data-aria-controls")!)!.ClassList.ShouldContain("govuk-radios__conditional--hidden");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_WithoutAnswers_Is400AndEachQuestionSaysWhatIsMissing(DatabaseProvider provider)
    {
        var (person, assessmentId) = await DecidedAsync(provider, 9);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync(NewOfferUrl(person, assessmentId));
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.SummaryValue("When").ShouldBe("At eligibility");
        // Without JavaScript every question is on the page.
        form.Document.QuerySelectorAll("input[name=PersonResponse]").Length.ShouldBe(Enum.GetValues<OfferResponse>().Length);
        form.Document.QuerySelectorAll("input[name=NotOfferedReason]").Length.ShouldBe(Enum.GetValues<NotOfferedReason>().Length);

        var nothing = await browser.SubmitAsync(form);
        nothing.Status.ShouldBe(HttpStatusCode.BadRequest);
        nothing.ErrorSummary.ShouldBe([Question]);
        nothing.FieldError("Offered").ShouldBe(Question);

        var notOffered = await browser.SubmitAsync(form, ("Offered", "false"), ("Detail", "  "));
        notOffered.Status.ShouldBe(HttpStatusCode.BadRequest);
        notOffered.ErrorSummary.ShouldBe(["Select why a personal budget was not offered", "Explain why a personal budget was not offered"]);
        notOffered.FieldError("NotOfferedReason").ShouldBe("Select why a personal budget was not offered");
        notOffered.FieldError("Detail").ShouldBe("Explain why a personal budget was not offered");
        notOffered.Document.QuerySelector("input[name=Offered][value=false]")!.HasAttribute("checked").ShouldBeTrue();

        var noDetail = await browser.SubmitAsync(form, ("Offered", "false"), ("NotOfferedReason", nameof(NotOfferedReason.TooUnwellNow)));
        noDetail.Status.ShouldBe(HttpStatusCode.BadRequest);
        noDetail.ErrorSummary.ShouldBe(["Explain why a personal budget was not offered"]);
        noDetail.Document.QuerySelector($"input[name=NotOfferedReason][value={nameof(NotOfferedReason.TooUnwellNow)}]")!.HasAttribute("checked").ShouldBeTrue();

        var noResponse = await browser.SubmitAsync(form, ("Offered", "true"));
        noResponse.Status.ShouldBe(HttpStatusCode.BadRequest);
        noResponse.ErrorSummary.ShouldBe(["Select the person's response"]);
        noResponse.FieldError("PersonResponse").ShouldBe("Select the person's response");

        (await app.QueryAsync(provider, db => db.BudgetOffers.AnyAsync(o => o.PersonId == person.Id))).ShouldBeFalse();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_Offered_RecordsTheResponseWithTheRecordersProfessionAndTeam(DatabaseProvider provider)
    {
        var (person, assessmentId) = await DecidedAsync(provider, 10);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthSocialWorker);
        var form = await browser.GetAsync(NewOfferUrl(person, assessmentId));

        var redirect = await browser.SubmitAsync(form, ("Offered", "true"), ("PersonResponse", nameof(OfferResponse.InterestedInDirectPayment)));

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        redirect.Location.ShouldBe($"/Assessments/{assessmentId}/Eligibility");
        var eligibility = await browser.FollowAsync(redirect);
        eligibility.BodyText.ShouldContain("Personal budget offer recorded");
        var row = eligibility.TableRows().ShouldHaveSingleItem();
        row[1].ShouldBe("At eligibility");
        row[2].ShouldBe("Yes");
        row[3].ShouldBe("Interested in a direct payment");
        row[4].ShouldBe($"{DemoAccounts.NorthSocialWorkerName}, Social worker ({DemoDataSeeder.NorthTeam})");

        var saved = await app.QueryAsync(provider, db => db.BudgetOffers.AsNoTracking().SingleAsync(o => o.PersonId == person.Id));
        var northTeamId = await app.QueryAsync(provider, db => db.Teams.Where(t => t.Name == DemoDataSeeder.NorthTeam).Select(t => t.Id).SingleAsync());
        saved.Stage.ShouldBe(OfferStage.Eligibility);
        saved.AssessmentId.ShouldBe(assessmentId);
        saved.Offered.ShouldBeTrue();
        saved.Response.ShouldBe(OfferResponse.InterestedInDirectPayment);
        saved.NotOfferedReason.ShouldBeNull();
        saved.RecordedByName.ShouldBe(DemoAccounts.NorthSocialWorkerName);
        saved.RecordedByProfession.ShouldBe(Profession.SocialWorker);
        saved.TeamId.ShouldBe(northTeamId);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_NotOffered_WithReasonAndDetail_ShowsOnTheOffersList(DatabaseProvider provider)
    {
        const string detail = "In crisis this week; will offer at the next visit on Friday";
        var (person, assessmentId) = await DecidedAsync(provider, 11);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var empty = await browser.GetAsync($"/People/{person.Id}/Offers");
        empty.Status.ShouldBe(HttpStatusCode.OK);
        empty.Document.GetElementById("no-offers").ShouldNotBeNull();
        var form = await browser.GetAsync(NewOfferUrl(person, assessmentId));

        var redirect = await browser.SubmitAsync(form, ("Offered", "false"), ("NotOfferedReason", nameof(NotOfferedReason.TooUnwellNow)), ("Detail", detail));

        redirect.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", redirect.ErrorSummary));
        var list = await browser.GetAsync($"/People/{person.Id}/Offers");
        var row = list.TableRows().ShouldHaveSingleItem();
        row[2].ShouldBe("No");
        row[3].ShouldBe($"The person was too unwell at this time (offer to be made later) {detail}");
        row[4].ShouldBe($"{DemoAccounts.NorthNurseName}, Nurse ({DemoDataSeeder.NorthTeam})");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Get_WithoutADecidedEligibility_SaysWhyAndShowsNoForm(DatabaseProvider provider)
    {
        var person = await app.NewNorthPersonAsync(provider);
        var undecided = await app.AdultAsync(provider, person.Id, outcomesNotAchieved: 2);
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);

        var cases = new Dictionary<string, string>
        {
            [$"/People/{person.Id}/Offers/New"] = "Select when the offer was made: at eligibility or at the indicative budget",
            [NewOfferUrl(person, undecided)] = "Decide eligibility before recording the offer made at eligibility",
            [NewOfferUrl(person, Guid.NewGuid())] = "This person has no such assessment",
            [$"/People/{person.Id}/Offers/New?stage=IndicativeBudget&indicativeBudgetId={Guid.NewGuid()}"] = "This person has no such indicative budget",
        };
        foreach (var (url, message) in cases)
        {
            var page = await browser.GetAsync(url);

            page.Status.ShouldBe(HttpStatusCode.BadRequest, url);
            HtmlPage.Text(page.Document.GetElementById("context-problem")).ShouldBe($"You cannot record an offer from here: {message}.", url);
            page.Document.QuerySelector("main form[method=post]").ShouldBeNull(url);
        }
    }
}
