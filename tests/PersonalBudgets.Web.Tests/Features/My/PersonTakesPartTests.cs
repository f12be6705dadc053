using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PersonalBudgets.Core.Assessments;
using PersonalBudgets.Core.Audit;
using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.SupportPlans;
using PersonalBudgets.Core.TakingPart;
using PersonalBudgets.Web.Features.My;
using PersonalBudgets.Web.Features.My.TakingPart;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Features.SupportPlans;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.My;

/// <summary>
/// What the person does in their own area (ADR 0031): writes plan drafts the practitioner takes into the plan or
/// answers, agrees the plan, asks for a review and challenges a decision; each reaches staff through My work with an
/// owner and a due date, records how the person took part, and is audited with the person as the actor.
/// </summary>
public sealed class PersonTakesPartTests(AppFixture app) : IClassFixture<AppFixture>
{
    private sealed record Arranged(TestPersonAccount Account, Guid PlanId, Guid StepId);

    /// <summary>A North person with an account, ready for planning (the nurse owns the step and is the key worker), with a draft plan.</summary>
    private async Task<Arranged> PersonWithDraftPlanAsync(DatabaseProvider provider)
    {
        var account = await app.NewPersonWithAccountAsync(provider, app.NewPerson(provider));
        var ready = await app.ReadyForPlanningAsync(provider, account.Person.Id);
        return new Arranged(account, await app.DraftAsync(provider, ready), ready.StepId);
    }

    private static async Task<HtmlPage> WriteAsync(Browser person, PlanDraftKind kind, string text)
    {
        var page = await person.GetAsync(MyPartPaths.WritePart(kind));
        page.Status.ShouldBe(HttpStatusCode.OK);
        return await person.SubmitAsync(page, ("Text", text));
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PersonsDrafts_ReachMyWork_AndThePractitionerTakesThemIntoThePlan_KeepingWhoWroteThem(DatabaseProvider provider)
    {
        var a = await PersonWithDraftPlanAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(a.Account);

        var empty = await WriteAsync(person, PlanDraftKind.WhatMatters, "   ");
        empty.Status.ShouldBe(HttpStatusCode.BadRequest);
        empty.ErrorSummary.ShouldBe(["Write what matters to you"]);
        empty.FieldError("Text").ShouldBe("Write what matters to you");
        (await WriteAsync(person, PlanDraftKind.WhatMatters, "Seeing my grandchildren every week")).Status.ShouldBe(HttpStatusCode.Redirect);
        (await WriteAsync(person, PlanDraftKind.Outcome, "Go swimming on Saturdays")).Status.ShouldBe(HttpStatusCode.Redirect);
        var mine = await person.GetAsync(MyPartPaths.Plan);
        mine.TableRows("#drafts").Count.ShouldBe(2);
        mine.BodyText.ShouldContain($"Waiting for your worker: {DemoAccounts.NorthNurseName} will look at it by");

        // The step records that the person took part, in writing.
        var step = await app.QueryAsync(provider, db => db.PathwaySteps.AsNoTracking().SingleAsync(s => s.Id == a.StepId));
        step.Participation.ShouldBe(Participation.InWriting);

        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var work = await nurse.GetAsync("/Work");
        var rows = work.TableRows("#persons-waiting");
        rows.ShouldContain(r => r[0] == a.Account.Person.DisplayName && r[1] == "Draft for the plan: what matters to me" && r[2] == DemoAccounts.NorthNurseName);
        rows.ShouldContain(r => r[1] == "Draft for the plan: an outcome they want");
        (await nurse.GetAsync($"/People/{a.Account.Person.Id}")).TableRows("#persons-waiting").Count.ShouldBe(2);
        (await nurse.GetAsync($"/Plans/{a.PlanId}")).Document.GetElementById("persons-words").ShouldNotBeNull().TextContent.ShouldContain("2 waiting for you");

        var drafts = await app.QueryAsync(provider, db => db.PlanDrafts.AsNoTracking().Where(d => d.PlanId == a.PlanId).ToListAsync());
        foreach (var draft in drafts)
        {
            var page = await nurse.GetAsync($"/Plans/{a.PlanId}/PersonsWords");
            var accepted = await nurse.SubmitAsync(page, [], $"#draft-{draft.Id} form[action*=Accept]");
            accepted.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", accepted.ErrorSummary));
        }

        var plan = await app.PlanAsync(provider, a.PlanId);
        var section = plan.Sections.Single(s => s.Section == PlanSection.WhatMatters);
        section.Text.ShouldBe("Seeing my grandchildren every week");
        section.WrittenBy.ShouldBe(PlanContributor.Person);
        section.WrittenByName.ShouldBe(a.Account.Person.DisplayName);
        plan.Outcomes.Single().Text.ShouldBe("Go swimming on Saturdays");
        plan.Outcomes.Single().WrittenByName.ShouldBe(a.Account.Person.DisplayName);
        // Nothing of this person's waits any more (other tests in the class may leave the nurse things of other people's).
        (await nurse.GetAsync("/Work")).Document.QuerySelectorAll("#persons-waiting tbody tr")
            .ShouldNotContain(r => r.TextContent.Contains(a.Account.Person.DisplayName, StringComparison.Ordinal));
        (await person.GetAsync(MyPartPaths.Plan)).BodyText.ShouldContain("Seeing my grandchildren every week");

        var audits = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.PersonId == a.Account.Person.Id && e.RecordType == MyPartService.DraftRecordType && e.Action == AuditAction.Created).ToListAsync());
        audits.Count.ShouldBe(2);
        audits.ShouldAllBe(e => e.ActorKind == ActorKind.Person && e.UserId == a.Account.AccountId);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PractitionerReplies_ToTalkAboutADraft_AndThePersonReadsTheReply(DatabaseProvider provider)
    {
        var a = await PersonWithDraftPlanAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(a.Account);
        await WriteAsync(person, PlanDraftKind.Idea, "A pottery class instead of the day centre");
        var draftId = await app.QueryAsync(provider, db => db.PlanDrafts.Where(d => d.PlanId == a.PlanId).Select(d => d.Id).SingleAsync());
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var page = await nurse.GetAsync($"/Plans/{a.PlanId}/PersonsWords");

        var blank = await nurse.SubmitAsync(page, [new("Reply", " ")], $"#draft-{draftId} form[action*=Discuss]");
        blank.Status.ShouldBe(HttpStatusCode.BadRequest);
        blank.ErrorSummary.ShouldBe(["Enter a short reply for the person"]);
        var sent = await nurse.SubmitAsync(page, [new("Reply", "Let us look at classes together on Monday")], $"#draft-{draftId} form[action*=Discuss]");
        sent.Status.ShouldBe(HttpStatusCode.Redirect);

        var mine = await person.GetAsync(MyPartPaths.Plan);
        mine.BodyText.ShouldContain("Your worker wants to talk about it");
        mine.BodyText.ShouldContain($"{DemoAccounts.NorthNurseName} said: Let us look at classes together on Monday");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PersonAndPractitioner_OnTheSameSection_AStaleSaveIsAConflict_ThatKeepsWhatWasTyped(DatabaseProvider provider)
    {
        var a = await PersonWithDraftPlanAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(a.Account);
        await WriteAsync(person, PlanDraftKind.AboutMe, "I live with my dog");
        var form = await person.GetAsync(MyPartPaths.WritePart(PlanDraftKind.AboutMe));
        form.Document.GetElementById("Text").ShouldNotBeNull().TextContent.ShouldBe("I live with my dog");

        // The practitioner takes the draft into the plan while the person is still changing it.
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var words = await nurse.GetAsync($"/Plans/{a.PlanId}/PersonsWords");
        var draftId = await app.QueryAsync(provider, db => db.PlanDrafts.Where(d => d.PlanId == a.PlanId).Select(d => d.Id).SingleAsync());
        (await nurse.SubmitAsync(words, [], $"#draft-{draftId} form[action*=Accept]")).Status.ShouldBe(HttpStatusCode.Redirect);

        var stale = await person.SubmitAsync(form, ("Text", "I live with my dog and my brother"));
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Document.GetElementById("conflict").ShouldNotBeNull().TextContent.ShouldContain(DemoAccounts.NorthNurseName);
        stale.Document.GetElementById("Text").ShouldNotBeNull().TextContent.ShouldBe("I live with my dog and my brother");

        // Sending it again makes a new draft: nothing was lost.
        (await person.SubmitAsync(stale)).Status.ShouldBe(HttpStatusCode.Redirect);
        var waiting = await app.QueryAsync(provider, db => db.PlanDrafts.AsNoTracking().SingleAsync(d => d.PlanId == a.PlanId && d.Status == PlanDraftStatus.Waiting));
        waiting.Text.ShouldBe("I live with my dog and my brother");

        // And the practitioner's accept against a plan someone changed since is a conflict too, with nothing saved.
        var wordsAgain = await nurse.GetAsync($"/Plans/{a.PlanId}/PersonsWords");
        var section = await nurse.GetAsync($"/Plans/{a.PlanId}/Sections/AboutMe");
        (await nurse.SubmitAsync(section, ("Text", "Written with the nurse"), ("WrittenBy", nameof(PlanContributor.Practitioner)))).Status.ShouldBe(HttpStatusCode.Redirect);
        var staleAccept = await nurse.SubmitAsync(wordsAgain, [], $"#draft-{waiting.Id} form[action*=Accept]");
        staleAccept.Status.ShouldBe(HttpStatusCode.Conflict);
        staleAccept.Document.GetElementById("conflict").ShouldNotBeNull();
        (await app.PlanAsync(provider, a.PlanId)).SectionText(PlanSection.AboutMe).ShouldBe("Written with the nurse");
        (await app.QueryAsync(provider, db => db.PlanDrafts.AsNoTracking().SingleAsync(d => d.Id == waiting.Id))).Status.ShouldBe(PlanDraftStatus.Waiting);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PersonAgreesThePlan_InTheirOwnWords_AndItCountsAsThePersonsAgreement(DatabaseProvider provider)
    {
        var a = await PersonWithDraftPlanAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(a.Account);
        var page = await person.GetAsync(MyPartPaths.Agree);
        page.Status.ShouldBe(HttpStatusCode.OK);

        var noWords = await person.SubmitAsync(page, ("Agreement", nameof(PlanAgreement.Disagreed)));
        noWords.Status.ShouldBe(HttpStatusCode.BadRequest);
        noWords.ErrorSummary.ShouldBe(["Enter why the person disagrees, in their own words"]);
        noWords.FieldError("InOwnWords").ShouldNotBeNull();
        var none = await person.SubmitAsync(page);
        none.Status.ShouldBe(HttpStatusCode.BadRequest);
        none.ErrorSummary.ShouldContain("Select whether the person agrees with the plan");

        var agreed = await person.SubmitAsync(page, ("Agreement", nameof(PlanAgreement.Agreed)), ("InOwnWords", "This is my plan and I am happy with it"));
        agreed.Status.ShouldBe(HttpStatusCode.Redirect, string.Join("; ", agreed.ErrorSummary));

        var plan = await app.PlanAsync(provider, a.PlanId);
        plan.Agreement.ShouldBe(PlanAgreement.Agreed);
        plan.AgreementInOwnWords.ShouldBe("This is my plan and I am happy with it");
        plan.AgreementByKind.ShouldBe(ActorKind.Person);
        plan.AgreementByName.ShouldBe(a.Account.Person.DisplayName);
        plan.Participation.ShouldBe(Participation.InWriting);
        plan.Gaps([], 100, false).ShouldNotContain(g => g.Field == "Agreement");
        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.GetAsync($"/Plans/{a.PlanId}")).Document.GetElementById("task-agreement-hint").ShouldNotBeNull().TextContent.ShouldBe("Given by the person in their own area");
        (await nurse.GetAsync($"/Plans/{a.PlanId}/Submit")).SummaryValue("Recorded by").ShouldBe($"The person, in their own area ({a.Account.Person.DisplayName})");

        // A second answer from a page opened before the first was saved is a conflict.
        var stale = await person.SubmitAsync(page, ("Agreement", nameof(PlanAgreement.AgreedWithReservations)), ("InOwnWords", "Worried about the weekends"));
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Document.GetElementById("InOwnWords").ShouldNotBeNull().TextContent.ShouldBe("Worried about the weekends");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task PersonAsksForAReview_ItIsInMyWork_WithAnOwnerAndDueDate_AndThePersonSeesItsState(DatabaseProvider provider)
    {
        var account = await app.NewPersonWithAccountAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(account);
        var ask = await person.GetAsync(MyPartPaths.AskForReview);

        var blank = await person.SubmitAsync(ask, ("Reason", ""));
        blank.Status.ShouldBe(HttpStatusCode.BadRequest);
        blank.ErrorSummary.ShouldBe(["Write why you want a review"]);
        var made = await person.SubmitAsync(ask, ("Reason", "My support worker left and nobody comes on Tuesdays"));
        made.Status.ShouldBe(HttpStatusCode.Redirect);
        var again = await person.SubmitAsync(ask, ("Reason", "Please"));
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.ErrorSummary.Single().ShouldStartWith("You have already asked for a review.");

        var due = PersonRequest.DueFrom(UkTime.DateOf(DateTimeOffset.UtcNow), Core.Pathways.EnglandBankHolidays.All);
        var mine = await person.GetAsync(MyPartPaths.Requests);
        mine.SummaryValue("Who will answer").ShouldBe(DemoAccounts.NorthNurseName);
        mine.SummaryValue("By when").ShouldBe(UkFormat.Date(due));
        mine.SummaryValue("What is happening").ShouldBe("Waiting for your worker");

        using var nurse = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        (await nurse.GetAsync("/Work")).TableRows("#persons-waiting")
            .ShouldContain(r => r[0] == account.Person.DisplayName && r[1] == "Asked for a review" && r[2] == DemoAccounts.NorthNurseName && r[3] == UkFormat.Date(due));
        var requestId = await app.QueryAsync(provider, db => db.PersonRequests.Where(r => r.PersonId == account.Person.Id).Select(r => r.Id).SingleAsync());
        var page = await nurse.GetAsync($"/People/{account.Person.Id}/Requests");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var noAnswer = await nurse.SubmitAsync(page, [new("Answer", "")], $"#request-{requestId} form");
        noAnswer.Status.ShouldBe(HttpStatusCode.BadRequest);
        noAnswer.ErrorSummary.ShouldBe(["Enter the answer for the person"]);
        (await nurse.SubmitAsync(page, [new("Answer", "I will visit on Thursday to start your review")], $"#request-{requestId} form")).Status.ShouldBe(HttpStatusCode.Redirect);

        var answered = await person.GetAsync(MyPartPaths.Requests);
        answered.SummaryValue("What is happening").ShouldBe("Answered");
        answered.SummaryValue("Answer").ShouldBe($"{DemoAccounts.NorthNurseName} said: I will visit on Thursday to start your review");
        var created = await app.QueryAsync(provider, db => db.AuditEntries.AsNoTracking()
            .SingleAsync(e => e.PersonId == account.Person.Id && e.RecordType == MyPartService.RequestRecordType && e.Action == AuditAction.Created));
        created.ActorKind.ShouldBe(ActorKind.Person);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Api_TakesPart_AndBadInputIsA400NamingTheField(DatabaseProvider provider)
    {
        var a = await PersonWithDraftPlanAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(a.Account);
        var ct = TestContext.Current.CancellationToken;

        async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, object body)
        {
            using var response = await person.Http.PostAsJsonAsync(MyApi.Prefix + path, body, ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }

        var badPart = await PostAsync("/plan/drafts", new { part = "nonsense", text = "Hello" });
        badPart.Status.ShouldBe(HttpStatusCode.BadRequest);
        badPart.Body.ShouldContain("\"part\"");
        var noText = await PostAsync("/plan/drafts", new { part = "outcome" });
        noText.Status.ShouldBe(HttpStatusCode.BadRequest);
        noText.Body.ShouldContain("\"Text\"");
        (await PostAsync("/plan/drafts", new { part = "outcome", text = "Cook a meal for friends" })).Status.ShouldBe(HttpStatusCode.Created);

        var noDecision = await PostAsync("/requests", new { kind = "Challenge", reason = "The amount is too low for my needs" });
        noDecision.Status.ShouldBe(HttpStatusCode.BadRequest);
        noDecision.Body.ShouldContain("\"Decision\"");
        var badEnum = await PostAsync("/requests", new { kind = 99, reason = "x" });
        badEnum.Status.ShouldBe(HttpStatusCode.BadRequest);
        var challenge = await PostAsync("/requests", new { kind = "Challenge", decision = "IndicativeBudget", reason = "The amount is too low for my needs" });
        challenge.Status.ShouldBe(HttpStatusCode.Created, challenge.Body);
        challenge.Body.ShouldContain(DemoAccounts.NorthNurseName);

        var revision = (await app.PlanAsync(provider, a.PlanId)).Revision;
        (await PostAsync("/plan/agreement", new { agreement = "Disagreed", revision })).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync("/plan/agreement", new { agreement = "AgreedWithReservations", inOwnWords = "Worried about weekends", revision })).Status.ShouldBe(HttpStatusCode.OK);
        (await PostAsync("/plan/agreement", new { agreement = "Agreed", revision })).Status.ShouldBe(HttpStatusCode.Conflict);

        // A form post (which another site could make with the person's cookie) is refused: the API takes JSON.
        using var form = await person.Http.PostAsync(new Uri(MyApi.Prefix + "/requests", UriKind.Relative), new FormUrlEncodedContent([new("kind", "Review"), new("reason", "x")]), ct);
        // (Routing answers a non-JSON body before the endpoint, where only the staff fallback policy applies: so 401 here.)
        form.StatusCode.ShouldBeOneOf(HttpStatusCode.UnsupportedMediaType, HttpStatusCode.Unauthorized);
        (await app.QueryAsync(provider, db => db.PersonRequests.CountAsync(r => r.PersonId == a.Account.Person.Id))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task OnlyTheirOwn_AnotherPersonSeesNothingOfIt_AndStaffOutsideTheTeamAndPersonCookiesAreRefused(DatabaseProvider provider)
    {
        var a = await PersonWithDraftPlanAsync(provider);
        var other = await app.NewPersonWithAccountAsync(provider);
        using var person = await app.BrowserAsync(provider);
        await person.SignInAsPersonAsync(a.Account);
        await WriteAsync(person, PlanDraftKind.WhatMatters, "Seeing my grandchildren");
        using (var response = await person.Http.PostAsJsonAsync(MyApi.Prefix + "/requests", new { kind = "Review", reason = "Things changed" }, TestContext.Current.CancellationToken))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var theirs = await app.BrowserAsync(provider);
        await theirs.SignInAsPersonAsync(other);
        (await theirs.GetAsync(MyPartPaths.Plan)).BodyText.ShouldNotContain("Seeing my grandchildren");
        (await theirs.GetAsync(MyPartPaths.Requests)).BodyText.ShouldNotContain("Things changed");
        (await theirs.Http.GetStringAsync(new Uri(MyApi.Prefix + "/requests", UriKind.Relative), TestContext.Current.CancellationToken)).ShouldBe("[]");
        // The other person's agreement cannot reach this plan: their own has none to agree.
        using (var response = await theirs.Http.PostAsJsonAsync(MyApi.Prefix + "/plan/agreement", new { agreement = "Agreed", revision = 1 }, TestContext.Current.CancellationToken))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        (await app.PlanAsync(provider, a.PlanId)).Agreement.ShouldBeNull();

        var staffPages = new[] { $"/Plans/{a.PlanId}/PersonsWords", $"/People/{a.Account.Person.Id}/Requests" };
        using var south = await app.SignedInAsync(provider, DemoAccounts.SouthOt);
        foreach (var url in staffPages)
        {
            var refused = await south.GetAsync(url);
            refused.Status.ShouldBe(HttpStatusCode.Forbidden, url);
            refused.BodyText.ShouldNotContain("Seeing my grandchildren");
        }

        using var finance = await app.SignedInAsync(provider, "finance@northmoor.example");
        foreach (var url in staffPages)
        {
            (await finance.GetAsync(url)).Location.ShouldNotBeNull().ShouldStartWith("/Account/AccessDenied");
        }

        foreach (var url in staffPages)
        {
            var withPersonCookie = await person.GetAsync(url);
            withPersonCookie.Status.ShouldBe(HttpStatusCode.Redirect, url);
            withPersonCookie.Location.ShouldNotBeNull().ShouldContain("/Account/SignIn");
        }

        using var anonymous = await app.BrowserAsync(provider);
        foreach (var url in staffPages)
        {
            (await anonymous.GetAsync(url)).Location.ShouldNotBeNull().ShouldContain("/Account/SignIn");
        }
    }
}
