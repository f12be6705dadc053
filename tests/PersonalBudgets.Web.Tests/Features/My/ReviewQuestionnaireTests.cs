using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Pathways;
using PersonalBudgets.Core.Representatives;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Features.My.TakingPart;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.Reviews;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.My;

/// <summary>
/// The questionnaire before a review (ADR 0033): the person says how each outcome went and how the process felt; the
/// answers join the review when it starts, the reviewer reads them beside their findings, and a stale save is a conflict.
/// </summary>
public sealed class ReviewQuestionnaireTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>A North person with an account and a budget in place whose review is due (yesterday), unless <paramref name="dueInDays"/> says otherwise.</summary>
    private async Task<(TestPersonAccount Account, ReviewScenario Scenario)> DueAsync(DatabaseProvider provider, int dueInDays = -1)
    {
        var account = await app.NewPersonWithAccountAsync(provider, app.NewPerson(provider));
        var scenario = await app.BudgetInPlaceAsync(provider, account.Person.Id, Today.AddDays(dueInDays), Today.AddDays(-200));
        return (account, scenario);
    }

    private static (string, string?)[] Answers(string first = "Mostly", string? words = "I go most weeks now") =>
    [
        ("Outcomes[0].HowItWent", first), ("Outcomes[0].InOwnWords", words),
        ("Outcomes[1].HowItWent", "NotAtAll"), ("Outcomes[1].InOwnWords", null),
        ("EasyToGetBudget", "Partly"), ("InControl", "Fully"), ("HelpedLiveLife", "Mostly"), ("TreatedWithRespect", "Fully"),
        ("AboutTheProcess", "It took a long time to hear back"),
    ];

    private static object ApiAnswers(ReviewScenario s, int revision, string? easy = "Partly") => new
    {
        outcomes = new[]
        {
            new { planOutcomeId = s.Outcomes[0].Id, howItWent = "Fully", inOwnWords = (string?)"Every week" },
            new { planOutcomeId = s.Outcomes[1].Id, howItWent = "Partly", inOwnWords = (string?)null },
        },
        easyToGetBudget = easy, inControl = "Mostly", helpedLiveLife = "Mostly", treatedWithRespect = "Fully", revision,
    };

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PersonAnswers_WhileTheReviewIsDue_TheAnswersJoinTheReview_AndTheReviewerSeesThemBesideTheirFindings(DatabaseProvider provider)
    {
        var (account, s) = await DueAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(account);

        var form = await person.GetAsync(MyPartPaths.Questionnaire);
        form.Status.ShouldBe(HttpStatusCode.OK);
        var empty = await person.SubmitAsync(form);
        empty.Status.ShouldBe(HttpStatusCode.BadRequest);
        empty.ErrorSummary.ShouldContain($"Select how \u2018{ReviewArrange.OutcomeOne}\u2019 went");
        empty.ErrorSummary.ShouldContain("Select whether it was easy to get your budget");
        empty.FieldError("TreatedWithRespect").ShouldBe("Select whether you were treated with respect");
        var sent = await person.SubmitAsync(form, Answers());
        sent.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", sent.ErrorSummary));
        sent.Location.ShouldBe(MyPaths.Reviews);
        var saved = await app.QueryAsync(provider, db => db.ReviewQuestionnaires.AsNoTracking().SingleAsync(q => q.PersonId == account.Person.Id));
        saved.ReviewId.ShouldBeNull();
        saved.PlanId.ShouldBe(s.PlanId);
        saved.Outcomes.Single(o => o.PlanOutcomeId == s.Outcomes[0].Id).HowItWent.ShouldBe(HowWell.Mostly);
        saved.AuthorKind.ShouldBe(ActorKind.Person);

        // The reviewer starts the review: the answers are now the review's, and shown on its pages.
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var reviewId = await nurse.StartScheduledAsync(account.Person.Id);
        (await app.QueryAsync(provider, db => db.ReviewQuestionnaires.AsNoTracking().SingleAsync(q => q.Id == saved.Id))).ReviewId.ShouldBe(reviewId);
        foreach (var path in new[] { $"/Reviews/{reviewId}", $"/Reviews/{reviewId}/Findings" })
        {
            var page = await nurse.GetAsync(path);
            var card = page.Document.GetElementById("persons-questionnaire").ShouldNotBeNull(path);
            card.TextContent.ShouldContain($"Outcome: {ReviewArrange.OutcomeOne}");
            card.TextContent.ShouldContain("I go most weeks now");
            card.TextContent.ShouldContain("It took a long time to hear back");
            card.TextContent.ShouldContain("Not at all");
        }

        // The person changes their answers while the review is open; that records how they took part on the review step.
        var again = await person.GetAsync(MyPartPaths.Questionnaire);
        again.Document.QuerySelector("input[name='Outcomes[0].HowItWent'][value=Mostly]").ShouldNotBeNull().HasAttribute("checked").ShouldBeTrue();
        (await person.SubmitAsync(again, Answers("Fully", "Every week since June"))).Status.ShouldBe(HttpStatusCode.Redirect);
        var step = await app.QueryAsync(provider, db => db.PathwaySteps.AsNoTracking().SingleAsync(x => x.PersonId == account.Person.Id && x.Stage == PathwayStage.Review && x.CompletedAt == null));
        step.Participation.ShouldBe(Participation.InWriting);
        (await nurse.GetAsync($"/Reviews/{reviewId}")).Document.GetElementById("persons-questionnaire")!.TextContent.ShouldContain("Every week since June");

        // A form opened before that change is stale: a conflict that names who changed it and keeps what was typed.
        var stale = await person.SubmitAsync(again, Answers("Partly", "Typed in the old window"));
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Document.GetElementById("conflict").ShouldNotBeNull().TextContent.ShouldContain(account.Person.DisplayName);
        stale.Document.GetElementById("Outcomes_0__InOwnWords").ShouldNotBeNull().TextContent.ShouldBe("Typed in the old window");

        var audits = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.PersonId == account.Person.Id && e.RecordType == MyQuestionnaireService.RecordType && e.Action != AuditAction.Viewed).ToListAsync());
        audits.Count.ShouldBe(2);
        audits.ShouldAllBe(e => e.ActorKind == ActorKind.Person && e.UserId == account.AccountId);

        // Once the review is completed the answers are kept with it and can no longer change.
        await nurse.RecordFindingsAsync(reviewId);
        await nurse.RecordOutcomesAsync(reviewId, s);
        (await nurse.DecideAsync(reviewId, "Continue")).Status.ShouldBe(HttpStatusCode.Redirect);
        (await person.GetAsync(MyPartPaths.Questionnaire)).Document.GetElementById("no-review-due").ShouldNotBeNull();
        (await nurse.GetAsync($"/Reviews/{reviewId}")).Document.GetElementById("persons-questionnaire")!.TextContent.ShouldContain("Every week since June");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task NoReviewDueOrAskedFor_ThereIsNothingToAnswer_UntilThePersonAsksForOne(DatabaseProvider provider)
    {
        var (account, _) = await DueAsync(provider, dueInDays: 200);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(account);
        var ct = TestContext.Current.CancellationToken;

        (await person.GetAsync(MyPartPaths.Questionnaire)).Document.GetElementById("no-review-due").ShouldNotBeNull();
        using (var none = await person.Http.GetAsync(new Uri(MyApi.Prefix + "/review/questionnaire", UriKind.Relative), ct))
        {
            none.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using (var refused = await person.Http.PostAsJsonAsync(MyApi.Prefix + "/review/questionnaire", new { easyToGetBudget = "Fully" }, ct))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using (var asked = await person.Http.PostAsJsonAsync(MyApi.Prefix + "/requests", new { kind = "Review", reason = "My needs have changed" }, ct))
        {
            asked.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await person.GetAsync(MyPartPaths.Questionnaire)).Document.QuerySelector("input[name=EasyToGetBudget]").ShouldNotBeNull();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_BadInputIsA400NamingTheField_AndTwentyConcurrentFirstAnswersMakeOneQuestionnaire(DatabaseProvider provider)
    {
        var (account, s) = await DueAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(account);
        var ct = TestContext.Current.CancellationToken;

        var shown = await person.Http.GetFromJsonAsync<MyQuestionnaireResponse>(MyApi.Prefix + "/review/questionnaire", Json, ct);
        shown.ShouldNotBeNull().Outcomes.Select(o => o.Outcome).ShouldBe([ReviewArrange.OutcomeOne, ReviewArrange.OutcomeTwo]);
        shown.Revision.ShouldBe(0);

        using (var missing = await person.Http.PostAsJsonAsync(MyApi.Prefix + "/review/questionnaire", ApiAnswers(s, 0, easy: null), ct))
        {
            missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await missing.Content.ReadAsStringAsync(ct)).ShouldContain("\"EasyToGetBudget\"");
        }

        using (var badEnum = await person.Http.PostAsJsonAsync(MyApi.Prefix + "/review/questionnaire", ApiAnswers(s, 0, easy: "Sometimes"), ct))
        {
            badEnum.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using var race = await Race.FireAsync(() => person.Http.PostAsJsonAsync(MyApi.Prefix + "/review/questionnaire", ApiAnswers(s, 0), ct));
        await race.ShouldHaveOneWinnerAsync();
        (await app.QueryAsync(provider, db => db.ReviewQuestionnaires.CountAsync(q => q.PersonId == account.Person.Id))).ShouldBe(1);

        var now = await person.Http.GetFromJsonAsync<MyQuestionnaireResponse>(MyApi.Prefix + "/review/questionnaire", Json, ct);
        now.ShouldNotBeNull().Revision.ShouldBe(1);
        now.Outcomes[0].HowItWent.ShouldBe(HowWell.Fully);
        using var changed = await person.Http.PostAsJsonAsync(MyApi.Prefix + "/review/questionnaire", ApiAnswers(s, 1, easy: "Fully"), ct);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stale = await person.Http.PostAsJsonAsync(MyApi.Prefix + "/review/questionnaire", ApiAnswers(s, 1, easy: "NotAtAll"), ct);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task OnlyThePersonOrARepresentativeWhoMayAsk_Answers_AndAnotherPersonSeesNothingOfIt(DatabaseProvider provider)
    {
        var (account, s) = await DueAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        var reader = await app.RepresentativeForAsync(provider, account.Person, RepresentativeScopes.SeeSupport | RepresentativeScopes.WritePlan);
        using var rep = await app.BrowserAsync(provider);
        await rep.SignInAsPersonAsync(reader.Account);
        var page = await rep.GetAsync(MyPartPaths.Questionnaire);
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.GetElementById("cannot-answer").ShouldNotBeNull();
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await rep.GetAsync(MyPaths.Account)).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        (await rep.PostAsync(MyPartPaths.Questionnaire, [new("__RequestVerificationToken", token), new("EasyToGetBudget", "Fully")])).Status.ShouldBe(HttpStatusCode.Forbidden);
        using (var api = await rep.Http.PostAsJsonAsync(MyApi.Prefix + "/review/questionnaire", ApiAnswers(s, 0), ct))
        {
            api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var helper = await app.RepresentativeForAsync(provider, account.Person, RepresentativeScopes.AgreeAndAsk);
        using var asker = await app.BrowserAsync(provider);
        await asker.SignInAsPersonAsync(helper.Account);
        (await asker.SubmitAsync(await asker.GetAsync(MyPartPaths.Questionnaire), Answers())).Status.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.QueryAsync(provider, db => db.ReviewQuestionnaires.AsNoTracking().SingleAsync(q => q.PersonId == account.Person.Id));
        saved.AuthorKind.ShouldBe(ActorKind.Representative);

        var other = await app.NewPersonWithAccountAsync(provider);
        using var theirs = await app.BrowserAsync(provider);
        await theirs.SignInAsPersonAsync(other);
        (await theirs.GetAsync(MyPartPaths.Questionnaire)).BodyText.ShouldNotContain(ReviewArrange.OutcomeOne);
        using var none = await theirs.Http.GetAsync(new Uri(MyApi.Prefix + "/review/questionnaire", UriKind.Relative), ct);
        none.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PersonApiPosts_WithTheSameIdempotencyKey_AnswerOnce_AndMakeNothingTwice(DatabaseProvider provider)
    {
        var (account, s) = await DueAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(account);
        var ct = TestContext.Current.CancellationToken;

        async Task<HttpResponseMessage> PostAsync(string path, object body, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, MyApi.Prefix + path) { Content = JsonContent.Create(body) };
            request.Headers.Add(IdempotencyFilter.Header, key);
            return await person.Http.SendAsync(request, ct);
        }

        var ask = new { kind = "Review", reason = "My needs have changed" };
        using var first = await PostAsync("/requests", ask, "ask-1");
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var again = await PostAsync("/requests", ask, "ask-1");
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.Headers.GetValues(IdempotencyFilter.ReplayedHeader).ShouldBe(["true"]);
        (await again.Content.ReadAsStringAsync(ct)).ShouldBe(await first.Content.ReadAsStringAsync(ct));
        (await app.QueryAsync(provider, db => db.PersonRequests.CountAsync(r => r.PersonId == account.Person.Id))).ShouldBe(1);
        using var reused = await PostAsync("/requests", new { kind = "Review", reason = "Something else" }, "ask-1");
        reused.StatusCode.ShouldBe((HttpStatusCode)422);

        // Twenty retries of the first answers with one key: one questionnaire, and every one of them gets the first answer.
        using var race = await Race.FireAsync(() => PostAsync("/review/questionnaire", ApiAnswers(s, 0), "answers-1"));
        race.Responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        race.Responses.Count(r => r.StatusCode == HttpStatusCode.OK && !r.Headers.Contains(IdempotencyFilter.ReplayedHeader)).ShouldBe(1);
        (await app.QueryAsync(provider, db => db.ReviewQuestionnaires.CountAsync(q => q.PersonId == account.Person.Id))).ShouldBe(1);
        using var retried = await PostAsync("/review/questionnaire", ApiAnswers(s, 0), "answers-1");
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        retried.Headers.Contains(IdempotencyFilter.ReplayedHeader).ShouldBeTrue();
        (await app.QueryAsync(provider, db => db.ReviewQuestionnaires.SingleAsync(q => q.PersonId == account.Person.Id))).Revision.ShouldBe(1);
    }
}
